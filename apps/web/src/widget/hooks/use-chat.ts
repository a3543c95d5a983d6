import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import {
  WidgetConversationDocument,
  WidgetConversationsDocument,
  WidgetEventsDocument,
  WidgetMarkReadDocument,
  WidgetRecallMessageDocument,
  WidgetRequestHumanDocument,
  WidgetSendMessageDocument,
  WidgetSendTypingDocument,
  WidgetTypingDocument,
  type WidgetConversationQuery,
  type WidgetConversationQueryVariables,
  type WidgetConversationsQuery,
  type WidgetConversationsQueryVariables,
  type WidgetEventsSubscription,
  type WidgetEventsSubscriptionVariables,
  type WidgetMarkReadMutation,
  type WidgetMarkReadMutationVariables,
  type WidgetRecallMessageMutation,
  type WidgetRecallMessageMutationVariables,
  type WidgetRequestHumanMutation,
  type WidgetRequestHumanMutationVariables,
  type WidgetSendMessageMutation,
  type WidgetSendMessageMutationVariables,
  type WidgetSendTypingMutation,
  type WidgetSendTypingMutationVariables,
  type WidgetTypingSubscription,
  type WidgetTypingSubscriptionVariables,
} from '@/generated/graphql';
import { chatReducer, emptyChat, pickConversation, type ChatState } from '../lib/chat-state';
import { widgetErrorMessage } from '../lib/error-message';
import { markReadTarget, unreadAgentMessages } from '../lib/receipts';
import type { WidgetConnection } from '../widget-client';

const HISTORY_SIZE = 50;
const RESUBSCRIBE_DELAY_MS = 3_000;
/** An agent's "typing" without a follow-up expires after this long. */
const AGENT_TYPING_TIMEOUT_MS = 6_000;

export type PendingMessage = { key: number; body: string };
export type AgentTyping = { conversationId: string; name: string | null };

export type Chat = ChatState & {
  pending: readonly PendingMessage[];
  agentTyping: AgentTyping | null;
  unread: number;
  notice: string | null;
  dismissNotice: () => void;
  /** Sends a message; resolves false (and shows a notice) when it failed. */
  send: (body: string) => Promise<boolean>;
  recall: (messageId: string) => void;
  requestHuman: () => void;
  sendTyping: (conversationId: string, typing: boolean) => void;
};

/**
 * The visitor's chat: picks the conversation to show, loads it, stays live
 * through `visitorEvents` (resumed from the last cursor after a reconnect)
 * and `visitorTyping`, marks agent messages read while the chat is seen.
 */
export function useChat(
  connection: WidgetConnection,
  {
    ready,
    seen,
    startAfter,
  }: {
    ready: boolean;
    seen: boolean;
    /** The session's event cursor: live events resume from it, so none fall before the history load. */
    startAfter: string | null;
  },
): Chat {
  const { client } = connection;
  const [state, dispatch] = useReducer(chatReducer, emptyChat);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [typing, setTyping] = useState<AgentTyping | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const nextKey = useRef(1);
  const { conversationId } = state;

  // A returning visitor sees their latest open conversation.
  useEffect(() => {
    if (!ready) return;
    void client
      .query<WidgetConversationsQuery, WidgetConversationsQueryVariables>(
        WidgetConversationsDocument,
        {},
        { requestPolicy: 'network-only' },
      )
      .toPromise()
      .then((result) => {
        if (result.error) setNotice(widgetErrorMessage(result.error));
        const id = pickConversation(result.data?.visitorConversations ?? []);
        if (id) dispatch({ type: 'select', conversationId: id });
      });
  }, [client, ready]);

  // Whatever the socket missed before it (re)connected is in a fresh snapshot.
  useEffect(() => connection.onConnected(() => setReloads((n) => n + 1)), [connection]);

  useEffect(() => {
    if (!ready || !conversationId) return;
    void client
      .query<WidgetConversationQuery, WidgetConversationQueryVariables>(
        WidgetConversationDocument,
        { id: conversationId, last: HISTORY_SIZE },
        { requestPolicy: 'network-only' },
      )
      .toPromise()
      .then((result) => {
        const loaded = result.data?.visitorConversation;
        if (loaded) {
          const { messages, ...conversation } = loaded;
          dispatch({ type: 'loaded', conversation, messages });
        } else if (result.error) {
          setNotice(widgetErrorMessage(result.error));
        }
      });
  }, [client, ready, conversationId, reloads]);

  // Live events, resumed after the last cursor if the subscription itself fails.
  const cursor = useRef<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!ready) return undefined;
    cursor.current ??= startAfter;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const subscription = client
      .subscription<WidgetEventsSubscription, WidgetEventsSubscriptionVariables>(
        WidgetEventsDocument,
        { after: cursor.current },
      )
      .subscribe((result) => {
        const event = result.data?.visitorEvents;
        if (event) {
          cursor.current = event.cursor;
          dispatch({ type: 'event', event });
          if (event.message?.senderType === 'AGENT') setTyping(null);
        }
        if (result.error && retry === undefined) {
          retry = setTimeout(() => setAttempt((n) => n + 1), RESUBSCRIBE_DELAY_MS);
        }
      });
    return () => {
      clearTimeout(retry);
      subscription.unsubscribe();
    };
  }, [client, ready, attempt]);

  // Agents typing (ephemeral, never replayed).
  useEffect(() => {
    if (!ready) return undefined;
    let expiry: ReturnType<typeof setTimeout> | undefined;
    const subscription = client
      .subscription<WidgetTypingSubscription, WidgetTypingSubscriptionVariables>(
        WidgetTypingDocument,
        {},
      )
      .subscribe((result) => {
        const event = result.data?.visitorTyping;
        if (!event || event.sender !== 'AGENT') return;
        clearTimeout(expiry);
        if (event.typing) {
          setTyping({ conversationId: event.conversationId, name: event.name });
          expiry = setTimeout(() => setTyping(null), AGENT_TYPING_TIMEOUT_MS);
        } else {
          setTyping(null);
        }
      });
    return () => {
      clearTimeout(expiry);
      subscription.unsubscribe();
    };
  }, [client, ready]);

  // Read receipts for agents: mark read while the visitor has the chat in view.
  const conversation = state.conversation;
  const readTarget = conversation
    ? markReadTarget(state.messages, conversation.visitorLastReadSeq)
    : null;
  const lastMarked = useRef<string | null>(null);
  useEffect(() => {
    if (!seen || !conversationId || readTarget === null) return;
    const key = `${conversationId}:${readTarget}`;
    if (lastMarked.current === key) return;
    lastMarked.current = key;
    void client
      .mutation<WidgetMarkReadMutation, WidgetMarkReadMutationVariables>(WidgetMarkReadDocument, {
        conversationId,
        seq: readTarget,
      })
      .toPromise()
      .then((result) => {
        if (result.data) {
          dispatch({ type: 'conversation', conversation: result.data.visitorMarkRead });
        } else if (result.error) {
          console.warn('[parley] could not mark the conversation read', result.error.message);
        }
      });
  }, [client, seen, conversationId, readTarget]);

  const status = conversation?.status;
  const send = useCallback(
    async (body: string) => {
      const key = nextKey.current++;
      setPending((list) => [...list, { key, body }]);
      const result = await client
        .mutation<WidgetSendMessageMutation, WidgetSendMessageMutationVariables>(
          WidgetSendMessageDocument,
          // The first message starts the conversation: no conversationId yet.
          { input: conversationId ? { conversationId, body } : { body } },
        )
        .toPromise();
      setPending((list) => list.filter((p) => p.key !== key));
      const message = result.data?.visitorSendMessage;
      if (!message) {
        setNotice(result.error ? widgetErrorMessage(result.error) : 'Your message was not sent.');
        return false;
      }
      dispatch({ type: 'message', message });
      setNotice(null);
      // A message to a resolved conversation reopens it: refresh its state.
      if (status === 'RESOLVED' || message.conversationId !== conversationId) {
        setReloads((n) => n + 1);
      }
      return true;
    },
    [client, conversationId, status],
  );

  const recall = useCallback(
    (id: string) => {
      void client
        .mutation<WidgetRecallMessageMutation, WidgetRecallMessageMutationVariables>(
          WidgetRecallMessageDocument,
          { id },
        )
        .toPromise()
        .then((result) => {
          if (result.data) dispatch({ type: 'message', message: result.data.visitorRecallMessage });
          else if (result.error) setNotice(widgetErrorMessage(result.error));
        });
    },
    [client],
  );

  const requestHuman = useCallback(() => {
    if (!conversationId) return;
    void client
      .mutation<WidgetRequestHumanMutation, WidgetRequestHumanMutationVariables>(
        WidgetRequestHumanDocument,
        { conversationId },
      )
      .toPromise()
      .then((result) => {
        if (result.data) {
          dispatch({ type: 'conversation', conversation: result.data.visitorRequestHuman });
        } else if (result.error) {
          setNotice(widgetErrorMessage(result.error));
        }
      });
  }, [client, conversationId]);

  const sendTyping = useCallback(
    (id: string, isTyping: boolean) => {
      void client
        .mutation<WidgetSendTypingMutation, WidgetSendTypingMutationVariables>(
          WidgetSendTypingDocument,
          { input: { conversationId: id, typing: isTyping } },
        )
        .toPromise();
    },
    [client],
  );

  const dismissNotice = useCallback(() => setNotice(null), []);

  return {
    ...state,
    pending,
    agentTyping: typing && typing.conversationId === conversationId ? typing : null,
    unread: conversation ? unreadAgentMessages(state.messages, conversation.visitorLastReadSeq) : 0,
    notice,
    dismissNotice,
    send,
    recall,
    requestHuman,
    sendTyping,
  };
}
