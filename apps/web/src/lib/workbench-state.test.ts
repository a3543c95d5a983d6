import { describe, expect, it } from 'vitest';
import type { ConversationView } from '@/generated/graphql';
import { scopeKey } from './conversation-views';
import {
  createWorkbenchState,
  selectListRows,
  unreadCountOf,
  versionOf,
  workbenchReducer,
  type ConversationSummary,
  type ListedConversation,
  type MessageItem,
  type WorkbenchAction,
  type WorkbenchState,
  type WorkspaceEvent,
} from './workbench-state';

const ME = 'agent-me';
const OTHER = 'agent-other';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 10, minute)).toISOString();

const conversation = (
  id: string,
  patch: Partial<ConversationSummary> = {},
): ConversationSummary => ({
  id,
  status: 'UNASSIGNED',
  channel: 'WEBSITE',
  pinned: false,
  lastActivityAt: at(0),
  lastMessagePreview: 'hi',
  lastMessageSeq: 1,
  createdAt: at(0),
  resolvedAt: null,
  visitorLastReadSeq: 0,
  agentLastReadSeq: 0,
  visitor: { id: `v-${id}`, name: 'Ada', email: null, phone: null, tags: [] },
  assignee: null,
  group: null,
  ...patch,
});

const message = (
  id: string,
  conversationId: string,
  seq: number,
  patch: Partial<MessageItem> = {},
): MessageItem => ({
  id,
  conversationId,
  seq,
  senderType: 'VISITOR',
  senderAgent: null,
  body: `body ${id}`,
  internal: false,
  recalledAt: null,
  createdAt: at(seq),
  ...patch,
});

const event = (
  cursor: string,
  type: WorkspaceEvent['type'],
  patch: Partial<WorkspaceEvent> = {},
): WorkspaceEvent => ({
  cursor,
  type,
  occurredAt: at(0),
  conversationId: patch.conversation?.id ?? patch.message?.conversationId ?? null,
  conversation: null,
  message: null,
  visitor: null,
  agent: null,
  readReceipt: null,
  assignment: null,
  tag: null,
  workspace: null,
  ...patch,
});

const messageEvent = (cursor: string, m: MessageItem, snapshot: ConversationSummary | null) =>
  event(cursor, 'MESSAGE_CREATED', {
    conversationId: m.conversationId,
    message: m,
    conversation: snapshot,
  });

function stateFor(view: ConversationView): WorkbenchState {
  return createWorkbenchState({ view, filter: {}, meId: ME }, scopeKey(view, null));
}

function page(
  state: WorkbenchState,
  rows: readonly ListedConversation[],
  eventCursor: string,
  options: { hasNextPage?: boolean; append?: boolean } = {},
): WorkbenchAction {
  return {
    type: 'page-loaded',
    key: state.scope.key,
    conversations: rows,
    hasNextPage: options.hasNextPage ?? false,
    endCursor: rows.length > 0 ? `end-${rows.length}` : null,
    eventCursor,
    append: options.append ?? false,
  };
}

function run(state: WorkbenchState, ...actions: WorkbenchAction[]): WorkbenchState {
  return actions.reduce(workbenchReducer, state);
}

const receive = (e: WorkspaceEvent, active: string | null = null): WorkbenchAction => ({
  type: 'event-received',
  event: e,
  activeConversationId: active,
});

const ids = (state: WorkbenchState) => selectListRows(state).map((c) => c.id);

describe('workbenchReducer: list membership', () => {
  it('adds a conversation announced by CONVERSATION_CREATED to the views it belongs to', () => {
    const c = conversation('c1', { lastMessageSeq: 0 });
    const created = event('1', 'CONVERSATION_CREATED', { conversation: c });
    const unassigned = stateFor('UNASSIGNED');
    expect(ids(run(unassigned, page(unassigned, [], '0'), receive(created)))).toEqual(['c1']);
    const mine = stateFor('MINE');
    expect(ids(run(mine, page(mine, [], '0'), receive(created)))).toEqual([]);
  });

  it('moves a conversation from Unassigned to Mine when I take it, and to History when resolved', () => {
    const waiting = conversation('c1');
    const taken = conversation('c1', { status: 'ASSIGNED', assignee: { id: ME, name: 'Me' } });
    const resolved = { ...taken, status: 'RESOLVED' as const, resolvedAt: at(5) };
    const takeEvent = event('11', 'CONVERSATION_ASSIGNED', { conversation: taken });
    const resolveEvent = event('12', 'CONVERSATION_STATUS_CHANGED', { conversation: resolved });

    const listed = { ...waiting, unreadCount: 0 };
    const views: ConversationView[] = ['UNASSIGNED', 'MINE', 'ALL', 'HISTORY'];
    const after = views.map((view) => {
      const s = stateFor(view);
      const loaded = run(s, page(s, view === 'UNASSIGNED' || view === 'ALL' ? [listed] : [], '10'));
      const afterTake = run(loaded, receive(takeEvent));
      const afterResolve = run(afterTake, receive(resolveEvent));
      return [view, ids(loaded), ids(afterTake), ids(afterResolve)];
    });
    expect(after).toEqual([
      ['UNASSIGNED', ['c1'], [], []],
      ['MINE', [], ['c1'], []],
      ['ALL', ['c1'], ['c1'], []],
      ['HISTORY', [], [], ['c1']],
    ]);
  });

  it('drops a page row the stream already changed out of the view', () => {
    // The page was read at cursor 5, but event 7 (taken by another agent) arrived first.
    let s = stateFor('UNASSIGNED');
    const taken = conversation('c1', { status: 'ASSIGNED', assignee: { id: OTHER, name: 'O' } });
    s = run(s, receive(event('7', 'CONVERSATION_ASSIGNED', { conversation: taken })));
    s = run(s, page(s, [{ ...conversation('c1'), unreadCount: 0 }], '5'));
    expect(ids(s)).toEqual([]);
    expect(s.conversations.c1?.status).toBe('ASSIGNED');
  });

  it('ignores pages for a scope that is no longer shown', () => {
    const s = stateFor('ALL');
    const stale = { ...page(s, [{ ...conversation('c1'), unreadCount: 0 }], '1'), key: 'old' };
    expect(run(s, stale)).toBe(s);
  });

  it('orders pinned first and waits for the next page before showing rows past the last one', () => {
    let s = stateFor('ALL');
    const rows = [
      { ...conversation('p', { pinned: true, lastActivityAt: at(1) }), unreadCount: 0 },
      { ...conversation('a', { lastActivityAt: at(30) }), unreadCount: 0 },
      { ...conversation('b', { lastActivityAt: at(20) }), unreadCount: 0 },
    ];
    s = run(s, page(s, rows, '3', { hasNextPage: true }));
    // An old conversation changes: it belongs after the loaded rows, so it waits.
    s = run(
      s,
      receive(
        event('4', 'CONVERSATION_STATUS_CHANGED', {
          conversation: conversation('old', { lastActivityAt: at(2) }),
        }),
      ),
    );
    expect(ids(s)).toEqual(['p', 'a', 'b']);
    // A new message brings another conversation to the top at once.
    s = run(
      s,
      receive(
        messageEvent(
          '5',
          message('m', 'new', 1, { createdAt: at(40) }),
          conversation('new', { lastActivityAt: at(40) }),
        ),
      ),
    );
    expect(ids(s)).toEqual(['p', 'new', 'a', 'b']);
    s = run(
      s,
      page(s, [{ ...conversation('c', { lastActivityAt: at(10) }), unreadCount: 0 }], '5', {
        append: true,
      }),
    );
    expect(ids(s)).toEqual(['p', 'new', 'a', 'b', 'c', 'old']);
  });
});

describe('workbenchReducer: snapshots and messages', () => {
  it('appends live messages once, in seq order, and replays change nothing', () => {
    let s = stateFor('ALL');
    s = run(s, {
      type: 'conversation-loaded',
      conversation: conversation('c1'),
      messages: [message('m1', 'c1', 1)],
      expectedVersion: null,
    });
    const m3 = message('m3', 'c1', 3);
    s = run(s, receive(messageEvent('3', m3, null)));
    s = run(s, {
      type: 'message-sent',
      message: message('m2', 'c1', 2, { senderType: 'AGENT', senderAgent: { id: ME, name: 'Me' } }),
    });
    const replayed = run(s, receive(messageEvent('3', m3, null)));
    expect(replayed).toBe(s);
    expect(s.messages.c1?.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(s.conversations.c1?.lastMessagePreview).toBe('body m3');
    expect(s.conversations.c1?.lastMessageSeq).toBe(3);
  });

  it('never lets an older snapshot roll a conversation back', () => {
    let s = stateFor('ALL');
    s = run(
      s,
      receive(
        event('9', 'CONVERSATION_PINNED', { conversation: conversation('c1', { pinned: true }) }),
      ),
    );
    s = run(s, page(s, [{ ...conversation('c1', { pinned: false }), unreadCount: 0 }], '8'));
    expect(s.conversations.c1?.pinned).toBe(true);
    s = run(s, page(s, [{ ...conversation('c1', { pinned: false }), unreadCount: 0 }], '10'));
    expect(s.conversations.c1?.pinned).toBe(false);
  });

  it('applies a mutation result only when no event changed the conversation meanwhile', () => {
    let s = stateFor('ALL');
    s = run(s, page(s, [{ ...conversation('c1'), unreadCount: 0 }], '4'));
    const expected = versionOf(s, 'c1');
    const taken = conversation('c1', { status: 'ASSIGNED', assignee: { id: ME, name: 'Me' } });
    expect(
      run(s, { type: 'conversation-updated', conversation: taken, expectedVersion: expected })
        .conversations.c1?.status,
    ).toBe('ASSIGNED');
    const moved = run(
      s,
      receive(
        event('5', 'CONVERSATION_STATUS_CHANGED', {
          conversation: conversation('c1', { status: 'RESOLVED' }),
        }),
      ),
    );
    const late = run(moved, {
      type: 'conversation-updated',
      conversation: taken,
      expectedVersion: expected,
    });
    expect(late.conversations.c1?.status).toBe('RESOLVED');
  });

  it('replaces a message with its recalled copy', () => {
    let s = stateFor('ALL');
    s = run(s, { type: 'message-sent', message: message('m1', 'c1', 1) });
    const recalled = message('m1', 'c1', 1, { body: '', recalledAt: at(2) });
    s = run(
      s,
      receive(event('2', 'MESSAGE_RECALLED', { conversationId: 'c1', message: recalled })),
    );
    expect(s.messages.c1).toEqual([recalled]);
    // The stale original never comes back.
    expect(
      run(s, {
        type: 'older-messages-loaded',
        conversationId: 'c1',
        messages: [message('m1', 'c1', 1)],
      }).messages.c1,
    ).toEqual([recalled]);
  });

  it('patches a visitor profile change into their conversations', () => {
    let s = stateFor('ALL');
    s = run(s, page(s, [{ ...conversation('c1'), unreadCount: 0 }], '1'));
    s = run(
      s,
      receive(
        event('2', 'VISITOR_UPDATED', {
          visitor: { id: 'v-c1', name: 'Ada L.', email: 'ada@x.io', phone: null, tags: [] },
        }),
      ),
    );
    expect(s.conversations.c1?.visitor.name).toBe('Ada L.');
  });
});

describe('workbenchReducer: unread counts', () => {
  const listed = { ...conversation('c1', { lastMessageSeq: 4 }), unreadCount: 2 };
  const loaded = () => {
    const s = stateFor('UNREAD');
    return run(s, page(s, [listed], '10'));
  };
  const visitorMessage = (cursor: string, seq: number) =>
    messageEvent(
      cursor,
      message(`m${seq}`, 'c1', seq),
      conversation('c1', { lastMessageSeq: seq }),
    );

  it('starts from the list value and counts visitor messages in conversations I do not have open', () => {
    let s = loaded();
    expect(unreadCountOf(s, 'c1')).toBe(2);
    s = run(s, receive(visitorMessage('11', 5)));
    expect(unreadCountOf(s, 'c1')).toBe(3);
    s = run(s, receive(visitorMessage('12', 6), 'c1'));
    expect(unreadCountOf(s, 'c1')).toBe(0);
  });

  it('resets on my CONVERSATION_READ, not on another agent’s, and leaves the Unread view', () => {
    let s = loaded();
    expect(ids(s)).toEqual(['c1']);
    const read = (cursor: string, agentId: string) =>
      event(cursor, 'CONVERSATION_READ', {
        conversation: conversation('c1', { lastMessageSeq: 4, agentLastReadSeq: 4 }),
        readReceipt: { reader: 'AGENT', agentId, seq: 4 },
      });
    s = run(s, receive(read('11', OTHER)));
    expect(unreadCountOf(s, 'c1')).toBe(2);
    s = run(s, receive(read('12', ME)));
    expect(unreadCountOf(s, 'c1')).toBe(0);
    expect(ids(s)).toEqual([]);
  });

  it('counts my own reply as read, and a local mark-read at once', () => {
    let s = loaded();
    s = run(s, { type: 'marked-read', conversationId: 'c1', seq: 4 });
    expect(unreadCountOf(s, 'c1')).toBe(0);
    s = run(s, receive(visitorMessage('11', 5)));
    s = run(
      s,
      receive(
        messageEvent(
          '12',
          message('m6', 'c1', 6, { senderType: 'AGENT', senderAgent: { id: ME, name: 'Me' } }),
          conversation('c1', { lastMessageSeq: 6 }),
        ),
      ),
    );
    expect(unreadCountOf(s, 'c1')).toBe(0);
  });

  it('counts from the first message seen for a conversation no list has shown, until a list says otherwise', () => {
    let s = stateFor('UNREAD');
    s = run(s, page(s, [], '1'));
    s = run(
      s,
      receive(messageEvent('7', message('m9', 'c9', 9), conversation('c9', { lastMessageSeq: 9 }))),
    );
    expect(unreadCountOf(s, 'c9')).toBe(1);
    expect(ids(s)).toEqual(['c9']);
    s = run(s, page(s, [{ ...conversation('c9', { lastMessageSeq: 9 }), unreadCount: 9 }], '7'));
    expect(unreadCountOf(s, 'c9')).toBe(9);
  });

  it('a new conversation starts at zero and its first visitor message makes one', () => {
    let s = stateFor('ALL');
    s = run(s, page(s, [], '1'));
    s = run(
      s,
      receive(
        event('2', 'CONVERSATION_CREATED', {
          conversation: conversation('n', { lastMessageSeq: 0 }),
        }),
      ),
    );
    expect(unreadCountOf(s, 'n')).toBe(0);
    s = run(
      s,
      receive(messageEvent('3', message('n1', 'n', 1), conversation('n', { lastMessageSeq: 1 }))),
    );
    expect(unreadCountOf(s, 'n')).toBe(1);
  });
});

describe('workbenchReducer: tags and agents managed elsewhere', () => {
  const vip = { id: 't-vip', name: 'VIP', color: '#ff0000' };
  const late = { id: 't-late', name: 'Late', color: '#00ff00' };
  const tagged = (id: string, tags = [vip, late]) =>
    conversation(id, { visitor: { id: `v-${id}`, name: 'Ada', email: null, phone: null, tags } });

  it('TAG_DELETED drops the tag from every visitor shown, and a tag-filtered list loses them', () => {
    const all = run(
      stateFor('ALL'),
      page(
        stateFor('ALL'),
        [
          { ...tagged('a'), unreadCount: 0 },
          { ...tagged('b', [late]), unreadCount: 0 },
        ],
        '1',
      ),
    );
    const after = run(all, receive(event('2', 'TAG_DELETED', { tag: vip })));
    expect(after.conversations.a?.visitor.tags).toEqual([late]);
    expect(after.conversations.b).toBe(all.conversations.b);
    expect(ids(after)).toEqual(expect.arrayContaining(['a', 'b']));

    const filtered = createWorkbenchState(
      { view: 'ALL', filter: { tagIds: [vip.id] }, meId: ME },
      scopeKey('ALL', { tagIds: [vip.id] }),
    );
    const listed = run(filtered, page(filtered, [{ ...tagged('a'), unreadCount: 0 }], '1'));
    expect(ids(listed)).toEqual(['a']);
    expect(ids(run(listed, receive(event('2', 'TAG_DELETED', { tag: vip }))))).toEqual([]);
  });

  it('TAG_UPDATED renames and recolours the tag in place; a replay changes nothing', () => {
    const s = run(
      stateFor('ALL'),
      page(stateFor('ALL'), [{ ...tagged('a'), unreadCount: 0 }], '1'),
    );
    const renamed = { ...vip, name: 'Very important', color: '#123456' };
    const after = run(s, receive(event('2', 'TAG_UPDATED', { tag: renamed })));
    expect(after.conversations.a?.visitor.tags).toEqual([renamed, late]);
    expect(run(after, receive(event('2', 'TAG_UPDATED', { tag: vip })))).toBe(after);
  });

  it("AGENT_UPDATED renames the agent as assignee and as a message's sender", () => {
    const mine = conversation('a', { status: 'ASSIGNED', assignee: { id: OTHER, name: 'Old' } });
    const reply = message('m1', 'a', 1, {
      senderType: 'AGENT',
      senderAgent: { id: OTHER, name: 'Old' },
    });
    const s = run(stateFor('ALL'), page(stateFor('ALL'), [{ ...mine, unreadCount: 0 }], '1'), {
      type: 'conversation-loaded',
      conversation: mine,
      messages: [reply],
      expectedVersion: '1',
    });
    const agent = {
      id: OTHER,
      name: 'New name',
      email: 'o@example.test',
      status: 'ONLINE' as const,
      role: 'AGENT' as const,
      receptionLimit: 5,
      activeConversationCount: 1,
      avatarUrl: null,
    };
    const after = run(s, receive(event('2', 'AGENT_UPDATED', { agent })));
    expect(after.conversations.a?.assignee?.name).toBe('New name');
    expect(after.messages.a?.[0]?.senderAgent?.name).toBe('New name');
  });
});
