import { describe, expect, it } from 'vitest';
import { affectsCounts, alertChannels, alertFor, documentTitle, titleUnread } from './live-alerts';
import type { ConversationSummary, WorkspaceEvent } from './workbench-state';

const NOW = Date.parse('2025-06-15T12:00:00.000Z');
const ME = 'me';

const conversation = (patch: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id: 'c1',
  status: 'UNASSIGNED',
  channel: 'WEBSITE',
  pinned: false,
  lastActivityAt: new Date(NOW).toISOString(),
  lastMessagePreview: 'hi',
  lastMessageSeq: 1,
  createdAt: new Date(NOW).toISOString(),
  resolvedAt: null,
  visitorLastReadSeq: 0,
  agentLastReadSeq: 0,
  visitor: { id: 'v1', name: 'Mina', email: null, phone: null, tags: [] },
  assignee: null,
  group: null,
  ...patch,
});

const event = (
  type: WorkspaceEvent['type'],
  patch: Partial<WorkspaceEvent> = {},
): WorkspaceEvent => ({
  cursor: '1',
  type,
  occurredAt: new Date(NOW - 1_000).toISOString(),
  conversationId: 'c1',
  conversation: conversation(),
  message: null,
  visitor: null,
  agent: null,
  readReceipt: null,
  assignment: null,
  tag: null,
  workspace: null,
  ...patch,
});

const visitorMessage = (seq: number, body = 'Hello\n  there') => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  senderType: 'VISITOR' as const,
  senderAgent: null,
  body,
  internal: false,
  recalledAt: null,
  createdAt: new Date(NOW).toISOString(),
});

describe('alertFor', () => {
  it('announces a new conversation and visitor messages in waiting or my conversations', () => {
    expect(alertFor(event('MESSAGE_CREATED', { message: visitorMessage(1) }), ME, NOW)).toEqual({
      kind: 'NEW_CONVERSATION',
      conversationId: 'c1',
      title: 'New conversation from Mina',
      body: 'Hello there',
    });
    const mine = conversation({ status: 'ASSIGNED', assignee: { id: ME, name: 'Me' } });
    expect(
      alertFor(
        event('MESSAGE_CREATED', { conversation: mine, message: visitorMessage(5) }),
        ME,
        NOW,
      )?.title,
    ).toBe('Mina');
  });

  it('stays quiet for colleagues’ conversations, agent messages and old backlog', () => {
    const theirs = conversation({ status: 'ASSIGNED', assignee: { id: 'other', name: 'O' } });
    expect(
      alertFor(
        event('MESSAGE_CREATED', { conversation: theirs, message: visitorMessage(5) }),
        ME,
        NOW,
      ),
    ).toBeNull();
    expect(
      alertFor(
        event('MESSAGE_CREATED', { message: { ...visitorMessage(2), senderType: 'AGENT' } }),
        ME,
        NOW,
      ),
    ).toBeNull();
    expect(
      alertFor(
        event('MESSAGE_CREATED', {
          message: visitorMessage(1),
          occurredAt: new Date(NOW - 600_000).toISOString(),
        }),
        ME,
        NOW,
      ),
    ).toBeNull();
    expect(alertFor(event('CONVERSATION_PINNED'), ME, NOW)).toBeNull();
  });

  it('announces hand-offs to the queue and assignments to me by someone else', () => {
    expect(alertFor(event('CONVERSATION_STATUS_CHANGED'), ME, NOW)?.title).toBe('Mina is waiting');
    const assigned = (by: string) =>
      event('CONVERSATION_ASSIGNED', {
        assignment: {
          to: { id: ME, name: 'Me' },
          from: null,
          by: { id: by, name: 'Boss' },
          note: 'VIP, be nice',
        },
      });
    expect(alertFor(assigned('boss'), ME, NOW)).toMatchObject({ body: 'VIP, be nice' });
    expect(alertFor(assigned(ME), ME, NOW)).toBeNull();
  });
});

describe('alertChannels', () => {
  const alert = (kind: 'NEW_CONVERSATION' | 'MESSAGE' | 'ASSIGNED') => ({
    kind,
    conversationId: 'c1',
    title: 't',
    body: 'b',
  });
  const all = {
    sound: true,
    desktopNewConversation: true,
    desktopMyConversationMessage: true,
    desktopAssignedToMe: true,
  };

  it('follows each desktop preference by kind, and the sound preference for every kind', () => {
    expect(alertChannels(alert('MESSAGE'), all)).toEqual({ sound: true, desktop: true });
    const quiet = { ...all, sound: false, desktopMyConversationMessage: false };
    expect(alertChannels(alert('MESSAGE'), quiet)).toEqual({ sound: false, desktop: false });
    expect(alertChannels(alert('NEW_CONVERSATION'), quiet)).toEqual({
      sound: false,
      desktop: true,
    });
    expect(alertChannels(alert('ASSIGNED'), { ...all, desktopAssignedToMe: false })).toEqual({
      sound: true,
      desktop: false,
    });
    expect(
      alertChannels(alert('NEW_CONVERSATION'), { ...all, desktopNewConversation: false }).desktop,
    ).toBe(false);
  });

  it('announces everything when preferences are unknown (an API token has none)', () => {
    expect(alertChannels(alert('ASSIGNED'), null)).toEqual({ sound: true, desktop: true });
  });
});

describe('affectsCounts', () => {
  it('refetches counts after list-changing events and my own reads only', () => {
    expect(affectsCounts(event('CONVERSATION_ASSIGNED'), ME)).toBe(true);
    expect(affectsCounts(event('MESSAGE_CREATED'), ME)).toBe(true);
    expect(affectsCounts(event('CONVERSATION_PINNED'), ME)).toBe(false);
    expect(affectsCounts(event('AGENT_STATUS_CHANGED'), ME)).toBe(false);
    const read = (reader: 'AGENT' | 'VISITOR', agentId: string | null) =>
      event('CONVERSATION_READ', { readReceipt: { reader, agentId, seq: 3 } });
    expect(affectsCounts(read('AGENT', ME), ME)).toBe(true);
    expect(affectsCounts(read('AGENT', 'other'), ME)).toBe(false);
    expect(affectsCounts(read('VISITOR', null), ME)).toBe(false);
  });
});

describe('documentTitle', () => {
  it('puts the unread total in front', () => {
    expect(documentTitle(0)).toBe('Parley');
    expect(documentTitle(3)).toBe('(3) Parley');
    expect(documentTitle(250)).toBe('(99+) Parley');
  });
});

describe('titleUnread', () => {
  it("counts what the agent answers for, not colleagues' unread conversations", () => {
    // 5 unread in the inbox, of which 2 are mine or waiting: the title says 2.
    const counts = { unread: 5, unreadForMe: 2 };
    expect(titleUnread(counts)).toBe(2);
    expect(titleUnread(null)).toBe(0);
  });
});
