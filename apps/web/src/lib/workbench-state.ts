import type {
  ConversationSummaryFragment,
  MessageFieldsFragment,
  WorkspaceEventsSubscription,
} from '@/generated/graphql';
import { isInScope, type ListScope } from './conversation-views';
import { compareEventCursors, isAtOrAfter, UNVERSIONED } from './event-cursor';
import { compareConversations, sortConversations } from './sort-conversations';

export type ConversationSummary = ConversationSummaryFragment;
export type ListedConversation = ConversationSummary & { unreadCount: number };
export type MessageItem = MessageFieldsFragment;
export type WorkspaceEvent = WorkspaceEventsSubscription['workspaceEvents'];

type SortKey = Pick<ConversationSummary, 'id' | 'pinned' | 'lastActivityAt'>;

/**
 * The calling agent's read pointer in a conversation: unread = lastMessageSeq − seq,
 * the server's definition. It only moves forward, so sources merge with max().
 * `estimated` pointers were guessed for a conversation first seen mid-stream;
 * the next list value replaces them.
 */
type ReadPointer = { seq: number; estimated: boolean };

/** One list: a view + filter, loaded page by page and kept current by events. */
export type ListState = {
  /** The scope key the pages belong to; pages for another key are dropped. */
  key: string;
  /** Conversations in the list (before the page boundary cut). */
  ids: Readonly<Record<string, true>>;
  loaded: boolean;
  hasNextPage: boolean;
  endCursor: string | null;
  /** The last loaded row: rows sorting after it wait for the next page. */
  boundary: SortKey | null;
};

/**
 * What the workbench knows, merged from sources that may arrive in any order:
 * list pages, the open conversation's query, mutation results and the live
 * event stream. Conversation snapshots carry the event cursor they are as of,
 * so an older snapshot never rolls a newer one back, and a replayed event
 * changes nothing.
 */
export type WorkbenchState = {
  scope: ListScope & { key: string };
  conversations: Readonly<Record<string, ConversationSummary>>;
  /** Event cursor each snapshot is as of (UNVERSIONED: unknown, any event supersedes it). */
  versions: Readonly<Record<string, string>>;
  reads: Readonly<Record<string, ReadPointer>>;
  list: ListState;
  /** Messages per conversation id, in `seq` order, without duplicates. */
  messages: Readonly<Record<string, readonly MessageItem[]>>;
  /** Conversations whose recent history has been fetched. */
  historyLoaded: Readonly<Record<string, true>>;
  lastEventCursor: string | null;
};

export type WorkbenchAction =
  | { type: 'scope-changed'; scope: ListScope; key: string }
  | {
      type: 'page-loaded';
      key: string;
      conversations: readonly ListedConversation[];
      hasNextPage: boolean;
      endCursor: string | null;
      eventCursor: string;
      append: boolean;
    }
  /** A mutation or query result; applied only if no event changed the row meanwhile. */
  | {
      type: 'conversation-updated';
      conversation: ConversationSummary;
      expectedVersion: string | null;
    }
  | {
      type: 'conversation-loaded';
      conversation: ConversationSummary;
      messages: readonly MessageItem[];
      expectedVersion: string | null;
    }
  | { type: 'older-messages-loaded'; conversationId: string; messages: readonly MessageItem[] }
  | { type: 'message-sent'; message: MessageItem }
  | { type: 'message-updated'; message: MessageItem }
  | { type: 'marked-read'; conversationId: string; seq: number }
  | {
      type: 'event-received';
      event: WorkspaceEvent;
      /** The conversation the agent is looking at (open, tab visible): it stays read. */
      activeConversationId: string | null;
    };

const emptyList = (key: string): ListState => ({
  key,
  ids: {},
  loaded: false,
  hasNextPage: false,
  endCursor: null,
  boundary: null,
});

export function createWorkbenchState(scope: ListScope, key: string): WorkbenchState {
  return {
    scope: { ...scope, key },
    conversations: {},
    versions: {},
    reads: {},
    list: emptyList(key),
    messages: {},
    historyLoaded: {},
    lastEventCursor: null,
  };
}

/** The version to pass as `expectedVersion` when a mutation or query starts. */
export function versionOf(state: WorkbenchState, conversationId: string): string | null {
  return state.versions[conversationId] ?? null;
}

export function unreadCountOf(state: WorkbenchState, conversationId: string): number {
  const conversation = state.conversations[conversationId];
  const read = state.reads[conversationId];
  if (!conversation || !read) return 0;
  return Math.max(0, conversation.lastMessageSeq - read.seq);
}

/** The rows to show: members of the list, sorted, cut at the page boundary. */
export function selectListRows(state: WorkbenchState): ListedConversation[] {
  const { list } = state;
  const rows: ListedConversation[] = [];
  for (const id of Object.keys(list.ids)) {
    const conversation = state.conversations[id];
    if (!conversation) continue;
    if (list.hasNextPage && list.boundary && compareConversations(conversation, list.boundary) > 0)
      continue;
    rows.push({ ...conversation, unreadCount: unreadCountOf(state, id) });
  }
  return sortConversations(rows);
}

/** Union by id, ordered by `seq`; a recalled copy replaces the original; same array when nothing changed. */
export function mergeMessages(
  current: readonly MessageItem[] | undefined,
  incoming: readonly MessageItem[],
): readonly MessageItem[] {
  const base = current ?? [];
  const byId = new Map(base.map((m) => [m.id, m]));
  let changed = current === undefined;
  for (const m of incoming) {
    const known = byId.get(m.id);
    if (!known || (known.recalledAt === null && m.recalledAt !== null)) {
      byId.set(m.id, m);
      changed = true;
    }
  }
  if (!changed && current) return current;
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

function addMessages(
  messages: WorkbenchState['messages'],
  conversationId: string,
  incoming: readonly MessageItem[],
): WorkbenchState['messages'] {
  const current = messages[conversationId];
  const merged = mergeMessages(current, incoming);
  return merged === current ? messages : { ...messages, [conversationId]: merged };
}

/** Keeps the row in step with a message when no conversation snapshot came with it. */
function touchConversation(
  conversations: WorkbenchState['conversations'],
  message: MessageItem,
): WorkbenchState['conversations'] {
  const current = conversations[message.conversationId];
  if (!current || message.seq <= current.lastMessageSeq) return conversations;
  return {
    ...conversations,
    [current.id]: {
      ...current,
      lastMessageSeq: message.seq,
      ...(message.internal
        ? {}
        : { lastActivityAt: message.createdAt, lastMessagePreview: message.body }),
    },
  };
}

function advanceRead(
  reads: WorkbenchState['reads'],
  conversationId: string,
  seq: number,
): WorkbenchState['reads'] {
  const current = reads[conversationId];
  if (current && !current.estimated && current.seq >= seq) return reads;
  return {
    ...reads,
    [conversationId]: { seq: Math.max(seq, current?.seq ?? 0), estimated: false },
  };
}

/** Re-decides list membership for some conversations from their current snapshots. */
function refreshMembership(state: WorkbenchState, ids: Iterable<string>): WorkbenchState {
  let listIds = state.list.ids;
  for (const id of ids) {
    const conversation = state.conversations[id];
    const inList =
      conversation !== undefined && isInScope(conversation, unreadCountOf(state, id), state.scope);
    if (inList === Boolean(listIds[id])) continue;
    if (inList) listIds = { ...listIds, [id]: true };
    else {
      const { [id]: _removed, ...rest } = listIds;
      listIds = rest;
    }
  }
  return listIds === state.list.ids ? state : { ...state, list: { ...state.list, ids: listIds } };
}

function applyPage(
  state: WorkbenchState,
  action: Extract<WorkbenchAction, { type: 'page-loaded' }>,
): WorkbenchState {
  if (action.key !== state.scope.key) return state;
  const asOf = action.eventCursor;
  const conversations = { ...state.conversations };
  const versions = { ...state.versions };
  const reads = { ...state.reads };
  const fresher = new Set<string>();
  for (const { unreadCount, ...conversation } of action.conversations) {
    const version = versions[conversation.id];
    if (isAtOrAfter(asOf, version)) {
      conversations[conversation.id] = conversation;
      versions[conversation.id] = asOf;
    } else {
      fresher.add(conversation.id);
    }
    const pointer = Math.max(0, conversation.lastMessageSeq - unreadCount);
    const read = reads[conversation.id];
    if (!read || read.estimated || read.seq < pointer) {
      reads[conversation.id] = { seq: pointer, estimated: false };
    }
  }

  let next: WorkbenchState = { ...state, conversations, versions, reads };
  const ids: Record<string, true> = action.append ? { ...state.list.ids } : {};
  // Rows the page holds are members, unless the stream already brought a
  // newer snapshot of them; those (and, for a first page, anything else the
  // stream changed after the page was taken) are decided from the snapshot.
  const decide = new Set(fresher);
  if (!action.append) {
    for (const [id, version] of Object.entries(versions)) {
      if (compareEventCursors(version, asOf) > 0) decide.add(id);
    }
  }
  for (const { id } of action.conversations) if (!decide.has(id)) ids[id] = true;
  const last = action.conversations.at(-1);
  next = {
    ...next,
    list: {
      key: action.key,
      ids,
      loaded: true,
      hasNextPage: action.hasNextPage,
      endCursor: action.endCursor,
      boundary: last
        ? { id: last.id, pinned: last.pinned, lastActivityAt: last.lastActivityAt }
        : action.append
          ? state.list.boundary
          : null,
    },
  };
  return refreshMembership(next, decide);
}

function applyUpdate(
  state: WorkbenchState,
  conversation: ConversationSummary,
  expectedVersion: string | null,
): WorkbenchState {
  if (versionOf(state, conversation.id) !== expectedVersion) return state;
  return refreshMembership(
    {
      ...state,
      conversations: { ...state.conversations, [conversation.id]: conversation },
      versions: { ...state.versions, [conversation.id]: expectedVersion ?? UNVERSIONED },
    },
    [conversation.id],
  );
}

type Tag = ConversationSummary['visitor']['tags'][number];

/**
 * A tag renamed, recoloured (TAG_UPDATED) or deleted (TAG_DELETED): every
 * visitor shown carries it as it now is, or not at all. The server's
 * snapshots of these conversations are no older than before, so versions stay.
 */
function retag(
  conversations: WorkbenchState['conversations'],
  tag: Tag,
  deleted: boolean,
  touched: Set<string>,
): WorkbenchState['conversations'] {
  let next = conversations;
  for (const conversation of Object.values(conversations)) {
    const tags = conversation.visitor.tags;
    if (!tags.some((t) => t.id === tag.id)) continue;
    const updated = deleted
      ? tags.filter((t) => t.id !== tag.id)
      : tags.map((t) => (t.id === tag.id ? { ...t, name: tag.name, color: tag.color } : t));
    next = {
      ...next,
      [conversation.id]: { ...conversation, visitor: { ...conversation.visitor, tags: updated } },
    };
    touched.add(conversation.id);
  }
  return next;
}

/** An agent's new display name (AGENT_UPDATED) on the rows and messages that show it. */
function renameAgent(
  state: Pick<WorkbenchState, 'conversations' | 'messages'>,
  agent: { id: string; name: string },
): Pick<WorkbenchState, 'conversations' | 'messages'> {
  let { conversations, messages } = state;
  for (const conversation of Object.values(conversations)) {
    if (conversation.assignee?.id !== agent.id || conversation.assignee.name === agent.name)
      continue;
    conversations = {
      ...conversations,
      [conversation.id]: {
        ...conversation,
        assignee: { ...conversation.assignee, name: agent.name },
      },
    };
  }
  for (const [conversationId, list] of Object.entries(messages)) {
    if (!list.some((m) => m.senderAgent?.id === agent.id && m.senderAgent.name !== agent.name))
      continue;
    messages = {
      ...messages,
      [conversationId]: list.map((m) =>
        m.senderAgent?.id === agent.id
          ? { ...m, senderAgent: { ...m.senderAgent, name: agent.name } }
          : m,
      ),
    };
  }
  return { conversations, messages };
}

function applyEvent(
  state: WorkbenchState,
  event: WorkspaceEvent,
  activeConversationId: string | null,
): WorkbenchState {
  // The stream is in cursor order: anything at or before the last cursor is a replay.
  if (
    state.lastEventCursor !== null &&
    compareEventCursors(event.cursor, state.lastEventCursor) <= 0
  )
    return state;

  const meId = state.scope.meId;
  const conversationId =
    event.conversationId ?? event.conversation?.id ?? event.message?.conversationId ?? null;
  const previous = conversationId ? state.conversations[conversationId] : undefined;
  let { conversations, versions, messages, reads } = state;
  const touched = new Set<string>();

  if ((event.type === 'TAG_UPDATED' || event.type === 'TAG_DELETED') && event.tag) {
    conversations = retag(conversations, event.tag, event.type === 'TAG_DELETED', touched);
  }
  if (event.type === 'AGENT_UPDATED' && event.agent) {
    ({ conversations, messages } = renameAgent({ conversations, messages }, event.agent));
  }

  if (event.conversation) {
    const { id } = event.conversation;
    if (isAtOrAfter(event.cursor, versions[id])) {
      conversations = { ...conversations, [id]: event.conversation };
      versions = { ...versions, [id]: event.cursor };
    }
    touched.add(id);
  } else if (event.visitor) {
    // A profile change: every conversation of that visitor shows it.
    const visitor = event.visitor;
    for (const conversation of Object.values(conversations)) {
      if (conversation.visitor.id !== visitor.id) continue;
      conversations = {
        ...conversations,
        [conversation.id]: { ...conversation, visitor: { ...conversation.visitor, ...visitor } },
      };
      touched.add(conversation.id);
    }
  }

  const { message } = event;
  if (message) {
    messages = addMessages(messages, message.conversationId, [message]);
    if (!event.conversation) conversations = touchConversation(conversations, message);
    touched.add(message.conversationId);
  }

  // The agent's read pointer (unread = lastMessageSeq − pointer).
  const current = conversationId ? conversations[conversationId] : undefined;
  if (conversationId && current) {
    const lastSeq = current.lastMessageSeq;
    const read = reads[conversationId];
    if (event.type === 'MESSAGE_CREATED' && message) {
      const mine = message.senderType === 'AGENT' && message.senderAgent?.id === meId;
      if (mine || conversationId === activeConversationId) {
        reads = advanceRead(reads, conversationId, message.seq);
      } else if (!read) {
        // First seen mid-stream: count from this message on until a list says otherwise.
        const before = previous?.lastMessageSeq ?? message.seq - 1;
        reads = {
          ...reads,
          [conversationId]: { seq: Math.min(before, message.seq - 1), estimated: true },
        };
      }
    } else if (
      event.type === 'CONVERSATION_READ' &&
      event.readReceipt?.reader === 'AGENT' &&
      event.readReceipt.agentId === meId
    ) {
      reads = advanceRead(reads, conversationId, event.readReceipt.seq);
    } else if (!read) {
      reads = {
        ...reads,
        [conversationId]:
          event.type === 'CONVERSATION_CREATED'
            ? { seq: 0, estimated: false }
            : { seq: previous?.lastMessageSeq ?? lastSeq, estimated: true },
      };
    }
  }

  return refreshMembership(
    { ...state, conversations, versions, messages, reads, lastEventCursor: event.cursor },
    touched,
  );
}

export function workbenchReducer(state: WorkbenchState, action: WorkbenchAction): WorkbenchState {
  switch (action.type) {
    case 'scope-changed':
      if (action.key === state.scope.key) return state;
      return { ...state, scope: { ...action.scope, key: action.key }, list: emptyList(action.key) };

    case 'page-loaded':
      return applyPage(state, action);

    case 'conversation-updated':
      return applyUpdate(state, action.conversation, action.expectedVersion);

    case 'conversation-loaded': {
      const { conversation, messages } = action;
      const updated = applyUpdate(state, conversation, action.expectedVersion);
      return {
        ...updated,
        messages: addMessages(updated.messages, conversation.id, messages),
        historyLoaded: updated.historyLoaded[conversation.id]
          ? updated.historyLoaded
          : { ...updated.historyLoaded, [conversation.id]: true },
      };
    }

    case 'older-messages-loaded': {
      const messages = addMessages(state.messages, action.conversationId, action.messages);
      return messages === state.messages ? state : { ...state, messages };
    }

    case 'message-sent': {
      const { message } = action;
      return refreshMembership(
        {
          ...state,
          conversations: touchConversation(state.conversations, message),
          messages: addMessages(state.messages, message.conversationId, [message]),
          reads: advanceRead(state.reads, message.conversationId, message.seq),
        },
        [message.conversationId],
      );
    }

    case 'message-updated': {
      const messages = addMessages(state.messages, action.message.conversationId, [action.message]);
      return messages === state.messages ? state : { ...state, messages };
    }

    case 'marked-read': {
      const reads = advanceRead(state.reads, action.conversationId, action.seq);
      if (reads === state.reads) return state;
      return refreshMembership({ ...state, reads }, [action.conversationId]);
    }

    case 'event-received':
      return applyEvent(state, action.event, action.activeConversationId);
  }
}
