import { describe, expect, it } from 'vitest';
import {
  initialWorkbenchState,
  workbenchReducer,
  type ConversationSummary,
  type MessageItem,
  type WorkspaceEvent,
} from './workbench-state';

const conversation = (id: string, lastActivityAt: string, preview = 'hi'): ConversationSummary => ({
  id,
  status: 'UNASSIGNED',
  channel: 'WEBSITE',
  pinned: false,
  lastActivityAt,
  lastMessagePreview: preview,
  createdAt: '2025-01-01T00:00:00.000Z',
  visitor: { id: `v-${id}`, name: 'Ada', email: null },
  assignee: null,
});

const message = (
  id: string,
  conversationId: string,
  seq: number,
  createdAt: string,
): MessageItem => ({
  id,
  conversationId,
  seq,
  senderType: 'VISITOR',
  senderAgent: null,
  body: `body ${id}`,
  createdAt,
});

const messageEvent = (
  cursor: string,
  m: MessageItem,
  snapshot: ConversationSummary | null,
): WorkspaceEvent => ({
  cursor,
  type: 'MESSAGE_CREATED',
  occurredAt: m.createdAt,
  conversationId: m.conversationId,
  conversation: snapshot,
  message: m,
});

describe('workbenchReducer', () => {
  it('adds a conversation announced by CONVERSATION_CREATED', () => {
    const c = conversation('c1', '2025-01-01T10:00:00.000Z');
    const state = workbenchReducer(initialWorkbenchState, {
      type: 'event-received',
      event: {
        cursor: '1',
        type: 'CONVERSATION_CREATED',
        occurredAt: c.createdAt,
        conversationId: 'c1',
        conversation: c,
        message: null,
      },
    });
    expect(state.conversations.c1).toEqual(c);
  });

  it('appends live messages once, in seq order, and updates the preview', () => {
    const loaded = workbenchReducer(initialWorkbenchState, {
      type: 'conversation-loaded',
      conversation: conversation('c1', '2025-01-01T10:00:00.000Z'),
      messages: [message('m1', 'c1', 1, '2025-01-01T10:00:00.000Z')],
    });
    const m3 = message('m3', 'c1', 3, '2025-01-01T10:03:00.000Z');
    const m2 = message('m2', 'c1', 2, '2025-01-01T10:02:00.000Z');
    let state = workbenchReducer(loaded, {
      type: 'event-received',
      event: messageEvent('3', m3, null),
    });
    state = workbenchReducer(state, { type: 'message-sent', message: m2 });
    const replayed = workbenchReducer(state, {
      type: 'event-received',
      event: messageEvent('3', m3, null),
    });

    expect(replayed).toBe(state);
    expect(state.messages.c1?.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(state.conversations.c1?.lastMessagePreview).toBe('body m3');
    expect(state.conversations.c1?.lastActivityAt).toBe('2025-01-01T10:03:00.000Z');
  });

  it('never lets an older snapshot roll a conversation back', () => {
    const fresh = conversation('c1', '2025-01-01T12:00:00.000Z', 'newest');
    let state = workbenchReducer(initialWorkbenchState, {
      type: 'conversations-loaded',
      conversations: [fresh],
    });
    state = workbenchReducer(state, {
      type: 'conversations-loaded',
      conversations: [conversation('c1', '2025-01-01T09:00:00.000Z', 'stale')],
    });
    expect(state.conversations.c1?.lastMessagePreview).toBe('newest');
  });
});
