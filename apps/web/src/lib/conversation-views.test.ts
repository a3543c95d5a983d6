import { describe, expect, it } from 'vitest';
import type { ConversationSummaryFragment } from '@/generated/graphql';
import {
  countFunnelCriteria,
  isInScope,
  matchesFilter,
  matchesView,
  normalizeFilter,
  scopeKey,
} from './conversation-views';

const ME = 'agent-me';

function conversation(
  patch: Partial<ConversationSummaryFragment> = {},
): ConversationSummaryFragment {
  return {
    id: 'c1',
    status: 'UNASSIGNED',
    channel: 'WEBSITE',
    pinned: false,
    lastActivityAt: '2025-06-15T12:00:00.000Z',
    lastMessagePreview: 'hi',
    lastMessageSeq: 1,
    createdAt: '2025-06-15T11:00:00.000Z',
    resolvedAt: null,
    visitorLastReadSeq: 0,
    agentLastReadSeq: 0,
    visitor: {
      id: 'v1',
      name: 'Mina Okafor',
      email: 'mina@example.com',
      phone: '+43 660 123 4567',
      tags: [{ id: 't-vip', name: 'VIP', color: '#f00' }],
    },
    assignee: null,
    group: null,
    ...patch,
  };
}

describe('matchesView', () => {
  const mine = conversation({ status: 'ASSIGNED', assignee: { id: ME, name: 'Me' } });
  const theirs = conversation({ status: 'ASSIGNED', assignee: { id: 'other', name: 'Other' } });
  const robot = conversation({ status: 'ROBOT' });
  const waiting = conversation({ status: 'UNASSIGNED' });
  const resolvedMine = conversation({ status: 'RESOLVED', assignee: { id: ME, name: 'Me' } });

  it('Mine holds open conversations assigned to me, and nothing else', () => {
    expect(matchesView(mine, 'MINE', ME, 0)).toBe(true);
    expect(matchesView(theirs, 'MINE', ME, 0)).toBe(false);
    expect(matchesView(resolvedMine, 'MINE', ME, 0)).toBe(false);
    expect(matchesView(waiting, 'MINE', ME, 0)).toBe(false);
    expect(matchesView(mine, 'MINE', null, 0)).toBe(false);
  });

  it('Robot, Unassigned and History follow the status', () => {
    expect(matchesView(robot, 'ROBOT', ME, 0)).toBe(true);
    expect(matchesView(waiting, 'ROBOT', ME, 0)).toBe(false);
    expect(matchesView(waiting, 'UNASSIGNED', ME, 0)).toBe(true);
    expect(matchesView(mine, 'UNASSIGNED', ME, 0)).toBe(false);
    expect(matchesView(resolvedMine, 'HISTORY', ME, 0)).toBe(true);
    expect(matchesView(mine, 'HISTORY', ME, 0)).toBe(false);
  });

  it('All is every open conversation; Unread the open ones with unread messages', () => {
    for (const c of [mine, theirs, robot, waiting]) expect(matchesView(c, 'ALL', ME, 0)).toBe(true);
    expect(matchesView(resolvedMine, 'ALL', ME, 0)).toBe(false);
    expect(matchesView(theirs, 'UNREAD', ME, 2)).toBe(true);
    expect(matchesView(theirs, 'UNREAD', ME, 0)).toBe(false);
    expect(matchesView(resolvedMine, 'UNREAD', ME, 3)).toBe(false);
  });

  it('moves a conversation from Unassigned to Mine when I take it', () => {
    const taken = { ...waiting, status: 'ASSIGNED' as const, assignee: { id: ME, name: 'Me' } };
    expect([
      matchesView(waiting, 'UNASSIGNED', ME, 0),
      matchesView(waiting, 'MINE', ME, 0),
    ]).toEqual([true, false]);
    expect([matchesView(taken, 'UNASSIGNED', ME, 0), matchesView(taken, 'MINE', ME, 0)]).toEqual([
      false,
      true,
    ]);
  });
});

describe('matchesFilter', () => {
  const c = conversation();

  it('matches tags (any of), phone digits, email and channel', () => {
    expect(matchesFilter(c, { tagIds: ['t-other', 't-vip'] })).toBe(true);
    expect(matchesFilter(c, { tagIds: ['t-other'] })).toBe(false);
    expect(matchesFilter(c, { phone: '660123' })).toBe(true);
    expect(matchesFilter(c, { phone: '+43 660' })).toBe(true);
    expect(matchesFilter(c, { phone: '999' })).toBe(false);
    expect(matchesFilter(c, { phone: 'abc' })).toBe(false);
  });

  it('matches phones by the rule the server uses (@parley/phone): E.164 digits', () => {
    // The example, against the stored E.164 form and an older free-form one.
    const e164 = conversation({ visitor: { ...c.visitor, phone: '+436601234567' } });
    expect(matchesFilter(c, { phone: '4366012' })).toBe(true);
    expect(matchesFilter(e164, { phone: '4366012' })).toBe(true);
    expect(matchesFilter(e164, { phone: '+43 (0)660 123 4567' })).toBe(true);
    expect(matchesFilter(e164, { search: '+43 660 123 4567' })).toBe(true);
    expect(matchesFilter(c, { email: 'MINA@' })).toBe(true);
    expect(matchesFilter(c, { email: 'lukas' })).toBe(false);
    expect(matchesFilter(c, { channels: ['EMAIL', 'WEBSITE'] })).toBe(true);
    expect(matchesFilter(c, { channels: ['TELEGRAM'] })).toBe(false);
  });

  it('matches the last reply time range inclusively', () => {
    expect(matchesFilter(c, { lastReplyFrom: '2025-06-15T12:00:00.000Z' })).toBe(true);
    expect(matchesFilter(c, { lastReplyFrom: '2025-06-15T12:00:01.000Z' })).toBe(false);
    expect(matchesFilter(c, { lastReplyTo: '2025-06-15T12:00:00.000Z' })).toBe(true);
    expect(matchesFilter(c, { lastReplyTo: '2025-06-15T11:59:59.000Z' })).toBe(false);
  });

  it('searches name, email and phone, and ANDs every criterion', () => {
    expect(matchesFilter(c, { search: 'okafor' })).toBe(true);
    expect(matchesFilter(c, { search: 'example.com' })).toBe(true);
    expect(matchesFilter(c, { search: '4567' })).toBe(true);
    expect(matchesFilter(c, { search: 'brandt' })).toBe(false);
    expect(matchesFilter(c, { search: 'mina', channels: ['EMAIL'] })).toBe(false);
    expect(
      matchesFilter(conversation({ visitor: { ...c.visitor, phone: null } }), { phone: '1' }),
    ).toBe(false);
  });

  it('combines with a view in isInScope', () => {
    const scope = { view: 'UNASSIGNED' as const, filter: { search: 'mina' }, meId: ME };
    expect(isInScope(c, 0, scope)).toBe(true);
    expect(isInScope(conversation({ status: 'ROBOT' }), 0, scope)).toBe(false);
    expect(isInScope(c, 0, { ...scope, filter: { search: 'lukas' } })).toBe(false);
  });
});

describe('filter helpers', () => {
  it('normalises empty criteria away and orders lists', () => {
    expect(normalizeFilter({ search: '  ', phone: '', tagIds: [], channels: [] })).toBeNull();
    expect(normalizeFilter({ search: ' mina ', tagIds: ['b', 'a'] })).toEqual({
      search: 'mina',
      tagIds: ['a', 'b'],
    });
  });

  it('counts funnel criteria without the search box, and keys scopes stably', () => {
    expect(
      countFunnelCriteria({ search: 'x', email: 'a', lastReplyFrom: 'x', lastReplyTo: 'y' }),
    ).toBe(2);
    expect(scopeKey('ALL', null)).toBe(scopeKey('ALL', null));
    expect(scopeKey('ALL', { search: 'a' })).not.toBe(scopeKey('MINE', { search: 'a' }));
  });
});
