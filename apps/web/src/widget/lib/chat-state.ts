import type {
  WidgetConversationStateFragment,
  WidgetEventsSubscription,
  WidgetMessageFragment,
} from '@/generated/graphql';

export type ConversationState = WidgetConversationStateFragment;
export type ChatMessage = WidgetMessageFragment;
export type VisitorEvent = WidgetEventsSubscription['visitorEvents'];

/**
 * The conversation the widget shows. Queries, mutation results and live
 * events all merge in here idempotently, in whatever order they arrive.
 */
export type ChatState = {
  /** The conversation shown; null until the visitor's first message. */
  conversationId: string | null;
  /** Its state, once loaded or carried by an event. */
  conversation: ConversationState | null;
  /** Its messages, ascending by `seq`. */
  messages: readonly ChatMessage[];
};

export const emptyChat: ChatState = { conversationId: null, conversation: null, messages: [] };

export type ChatAction =
  /** The conversation to show, picked from the visitor's conversations. */
  | { type: 'select'; conversationId: string }
  /** A snapshot of a conversation and its latest messages. */
  | { type: 'loaded'; conversation: ConversationState; messages: readonly ChatMessage[] }
  /** A message from a mutation result (sent or recalled). */
  | { type: 'message'; message: ChatMessage }
  /** A conversation from a mutation result. */
  | { type: 'conversation'; conversation: ConversationState }
  | { type: 'event'; event: VisitorEvent };

/** The conversation a returning visitor sees: the latest open one, else the latest. */
export function pickConversation(
  conversations: readonly Pick<ConversationState, 'id' | 'status' | 'lastActivityAt'>[],
): string | null {
  const latestFirst = [...conversations].sort(
    (a, b) => Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt),
  );
  return (latestFirst.find((c) => c.status !== 'RESOLVED') ?? latestFirst[0])?.id ?? null;
}

function mergeMessage(messages: readonly ChatMessage[], incoming: ChatMessage): ChatMessage[] {
  const existing = messages.find((m) => m.id === incoming.id);
  // A recall is final: an older copy of the message must not bring the text back.
  const recalledAt = existing?.recalledAt ?? incoming.recalledAt;
  const merged: ChatMessage = recalledAt ? { ...incoming, recalledAt, body: '' } : incoming;
  const rest = messages.filter((m) => m.id !== incoming.id);
  return [...rest, merged].sort((a, b) => a.seq - b.seq);
}

function mergeConversation(
  current: ConversationState | null,
  incoming: ConversationState,
): ConversationState {
  if (!current || current.id !== incoming.id) return incoming;
  return {
    ...incoming,
    // Read positions only move forward.
    agentLastReadSeq: Math.max(current.agentLastReadSeq, incoming.agentLastReadSeq),
    visitorLastReadSeq: Math.max(current.visitorLastReadSeq, incoming.visitorLastReadSeq),
  };
}

/** Shows `conversationId`: keeps the state when it is the one shown, starts empty otherwise. */
function focus(state: ChatState, conversationId: string): ChatState {
  return state.conversationId === conversationId
    ? state
    : { conversationId, conversation: null, messages: [] };
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'select':
      return state.conversationId === null ? focus(state, action.conversationId) : state;

    case 'loaded': {
      const { conversation } = action;
      if (state.conversationId !== null && state.conversationId !== conversation.id) return state;
      const next = focus(state, conversation.id);
      return {
        ...next,
        conversation: mergeConversation(next.conversation, conversation),
        messages: action.messages.reduce(mergeMessage, [...next.messages]),
      };
    }

    case 'message': {
      // The visitor's own newest message: its conversation is the current one.
      const next = focus(state, action.message.conversationId);
      return { ...next, messages: mergeMessage(next.messages, action.message) };
    }

    case 'conversation': {
      if (state.conversationId !== action.conversation.id) return state;
      return { ...state, conversation: mergeConversation(state.conversation, action.conversation) };
    }

    case 'event': {
      const { event } = action;
      // Events without a conversation (page views, profile changes) do not concern the chat.
      if (!event.conversationId) return state;
      let next = state;
      if (state.conversationId !== event.conversationId) {
        // A new message elsewhere (another tab started or reopened a
        // conversation) moves the widget to that conversation.
        if (event.type !== 'MESSAGE_CREATED' && event.type !== 'CONVERSATION_CREATED') return state;
        next = focus(state, event.conversationId);
      }
      if (event.conversation) {
        next = { ...next, conversation: mergeConversation(next.conversation, event.conversation) };
      }
      if (event.message && event.message.conversationId === next.conversationId) {
        next = { ...next, messages: mergeMessage(next.messages, event.message) };
      }
      return next;
    }
  }
}
