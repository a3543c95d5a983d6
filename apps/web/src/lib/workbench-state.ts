import type {
  ConversationSummaryFragment,
  MessageFieldsFragment,
  WorkspaceEventsSubscription,
} from '@/generated/graphql';

export type ConversationSummary = ConversationSummaryFragment;
export type MessageItem = MessageFieldsFragment;
export type WorkspaceEvent = WorkspaceEventsSubscription['workspaceEvents'];

/**
 * What the workbench knows, merged from three sources that may arrive in any
 * order: the list query, the open conversation's query and the live event
 * stream. Every action is idempotent, so a replayed event changes nothing.
 */
export type WorkbenchState = {
  conversations: Readonly<Record<string, ConversationSummary>>;
  /** Messages per conversation id, in `seq` order, without duplicates. */
  messages: Readonly<Record<string, readonly MessageItem[]>>;
  /** Conversations whose recent history has been fetched. */
  historyLoaded: Readonly<Record<string, true>>;
};

export type WorkbenchAction =
  | { type: 'conversations-loaded'; conversations: readonly ConversationSummary[] }
  | {
      type: 'conversation-loaded';
      conversation: ConversationSummary;
      messages: readonly MessageItem[];
    }
  | { type: 'message-sent'; message: MessageItem }
  | { type: 'event-received'; event: WorkspaceEvent };

export const initialWorkbenchState: WorkbenchState = {
  conversations: {},
  messages: {},
  historyLoaded: {},
};

/** Newer snapshots win; an older one (a late query result or a replay) never rolls a row back. */
function pickNewer(
  current: ConversationSummary | undefined,
  incoming: ConversationSummary,
): ConversationSummary {
  if (!current) return incoming;
  return Date.parse(incoming.lastActivityAt) >= Date.parse(current.lastActivityAt)
    ? incoming
    : current;
}

function upsertConversations(
  conversations: WorkbenchState['conversations'],
  incoming: readonly ConversationSummary[],
): WorkbenchState['conversations'] {
  let next = conversations;
  for (const conversation of incoming) {
    const current = next[conversation.id];
    const merged = pickNewer(current, conversation);
    if (merged !== current) next = { ...next, [conversation.id]: merged };
  }
  return next;
}

/** Union by id, ordered by `seq`; returns the same array when nothing is new. */
export function mergeMessages(
  current: readonly MessageItem[] | undefined,
  incoming: readonly MessageItem[],
): readonly MessageItem[] {
  const base = current ?? [];
  const known = new Set(base.map((m) => m.id));
  const added = incoming.filter((m) => !known.has(m.id));
  if (added.length === 0 && current) return current;
  const unique = new Map<string, MessageItem>();
  for (const m of [...base, ...added]) unique.set(m.id, m);
  return [...unique.values()].sort((a, b) => a.seq - b.seq);
}

function addMessages(
  state: WorkbenchState,
  conversationId: string,
  incoming: readonly MessageItem[],
) {
  const current = state.messages[conversationId];
  const merged = mergeMessages(current, incoming);
  return merged === current ? state.messages : { ...state.messages, [conversationId]: merged };
}

/** Keeps the list row in step with a message when the event carried no snapshot. */
function touchConversation(
  conversations: WorkbenchState['conversations'],
  message: MessageItem,
): WorkbenchState['conversations'] {
  const current = conversations[message.conversationId];
  if (!current) return conversations;
  const sentAt = Date.parse(message.createdAt);
  const lastActivity = Date.parse(current.lastActivityAt);
  if (
    sentAt < lastActivity ||
    (sentAt === lastActivity && current.lastMessagePreview === message.body)
  ) {
    return conversations;
  }
  return {
    ...conversations,
    [current.id]: {
      ...current,
      lastActivityAt: message.createdAt,
      lastMessagePreview: message.body,
    },
  };
}

export function workbenchReducer(state: WorkbenchState, action: WorkbenchAction): WorkbenchState {
  switch (action.type) {
    case 'conversations-loaded':
      return {
        ...state,
        conversations: upsertConversations(state.conversations, action.conversations),
      };

    case 'conversation-loaded': {
      const { conversation, messages } = action;
      return {
        conversations: upsertConversations(state.conversations, [conversation]),
        messages: addMessages(state, conversation.id, messages),
        historyLoaded: state.historyLoaded[conversation.id]
          ? state.historyLoaded
          : { ...state.historyLoaded, [conversation.id]: true },
      };
    }

    case 'message-sent':
      return {
        ...state,
        conversations: touchConversation(state.conversations, action.message),
        messages: addMessages(state, action.message.conversationId, [action.message]),
      };

    case 'event-received': {
      const { conversation, message } = action.event;
      let conversations = conversation
        ? upsertConversations(state.conversations, [conversation])
        : state.conversations;
      let messages = state.messages;
      if (message) {
        if (!conversation) conversations = touchConversation(conversations, message);
        messages = addMessages(state, message.conversationId, [message]);
      }
      if (conversations === state.conversations && messages === state.messages) return state;
      return { ...state, conversations, messages };
    }
  }
}
