import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import {
  ConversationDocument,
  ConversationsDocument,
  MarkConversationReadDocument,
  OlderMessagesDocument,
  type ConversationFilter,
  type ConversationQuery,
  type ConversationQueryVariables,
  type ConversationsQuery,
  type ConversationsQueryVariables,
  type ConversationView,
  type MarkConversationReadMutation,
  type MarkConversationReadMutationVariables,
  type OlderMessagesQuery,
  type OlderMessagesQueryVariables,
  type VisitorProfileFragment,
  type VisitorProfileQuery,
  type VisitorProfileQueryVariables,
  VisitorProfileDocument,
} from '@/generated/graphql';
import { scopeKey } from './conversation-views';
import { useWorkspaceEvents } from './use-workspace-events';
import {
  createWorkbenchState,
  selectListRows,
  versionOf,
  workbenchReducer,
  type ConversationSummary,
  type MessageItem,
  type WorkbenchState,
  type WorkspaceEvent,
} from './workbench-state';

export const PAGE_SIZE = 30;
export const HISTORY_SIZE = 30;

type InboxOptions = {
  meId: string | null;
  view: ConversationView;
  /** Normalised (see normalizeFilter): null when nothing is set. */
  filter: ConversationFilter | null;
  selectedId: string | null;
  /** Whether the tab is visible: only then does an open conversation count as read. */
  visible: boolean;
  /** Every live event, after it has been merged into the state. */
  onEvent: (event: WorkspaceEvent) => void;
};

type ListStatus = { loading: boolean; error: CombinedError | null };

/**
 * The workbench's data: the current list (view + filter, page by page), the
 * open conversation with its history, and the live event stream that keeps
 * both current. State merging lives in the pure `workbenchReducer`; this hook
 * does the fetching, subscribing and read marking around it.
 */
export function useInbox({ meId, view, filter, selectedId, visible, onEvent }: InboxOptions) {
  const client = useClient();
  const key = scopeKey(view, filter);
  const scope = useMemo(() => ({ view, filter: filter ?? {}, meId }), [view, filter, meId]);
  const [state, dispatch] = useReducer(workbenchReducer, undefined, () =>
    createWorkbenchState(scope, key),
  );
  const stateRef = useRef<WorkbenchState>(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);

  // ── The list ────────────────────────────────────────────────────────────
  const [listStatus, setListStatus] = useState<ListStatus>({ loading: true, error: null });
  const [streamStart, setStreamStart] = useState<string | undefined>(undefined);
  const pageInFlight = useRef<string | null>(null);

  const loadPage = useCallback(
    async (append: boolean) => {
      const { list } = stateRef.current;
      const requestKey = `${key}|${append ? (list.endCursor ?? '') : ''}`;
      if (pageInFlight.current === requestKey) return;
      if (append && (!list.hasNextPage || list.key !== key)) return;
      pageInFlight.current = requestKey;
      setListStatus({ loading: true, error: null });
      const result = await client
        .query<ConversationsQuery, ConversationsQueryVariables>(
          ConversationsDocument,
          { view, filter, first: PAGE_SIZE, after: append ? list.endCursor : null },
          { requestPolicy: 'network-only' },
        )
        .toPromise();
      if (pageInFlight.current !== requestKey) return; // the scope changed meanwhile
      pageInFlight.current = null;
      const page = result.data?.conversations;
      if (page) {
        dispatch({
          type: 'page-loaded',
          key,
          conversations: page.edges.map((edge) => edge.node),
          hasNextPage: page.pageInfo.hasNextPage,
          endCursor: page.pageInfo.endCursor ?? null,
          eventCursor: page.eventCursor,
          append,
        });
        // Go live once, from the first page's cursor: nothing falls between.
        setStreamStart((current) => current ?? page.eventCursor);
      }
      setListStatus({ loading: false, error: result.error ?? null });
    },
    [client, key, view, filter],
  );

  useEffect(() => {
    dispatch({ type: 'scope-changed', scope, key });
    pageInFlight.current = null;
    void loadPage(false);
  }, [key, scope, loadPage]);

  const loadMore = useCallback(() => void loadPage(true), [loadPage]);
  const retryList = useCallback(() => void loadPage(stateRef.current.list.loaded), [loadPage]);

  // ── The open conversation ───────────────────────────────────────────────
  const [profiles, setProfiles] = useState<Readonly<Record<string, VisitorProfileFragment>>>({});
  const [openError, setOpenError] = useState<{ id: string; error: CombinedError } | null>(null);
  const [olderLoading, setOlderLoading] = useState(false);

  const fetchConversation = useCallback(
    async (id: string) => {
      const expectedVersion = versionOf(stateRef.current, id);
      const result = await client
        .query<ConversationQuery, ConversationQueryVariables>(
          ConversationDocument,
          { id, last: HISTORY_SIZE },
          { requestPolicy: 'network-only' },
        )
        .toPromise();
      const conversation = result.data?.conversation;
      if (!conversation) {
        if (result.error) setOpenError({ id, error: result.error });
        return;
      }
      const { messages, visitor, ...rest } = conversation;
      const summary: ConversationSummary = {
        ...rest,
        visitor: {
          id: visitor.id,
          name: visitor.name,
          email: visitor.email,
          phone: visitor.phone,
          tags: visitor.tags,
        },
      };
      dispatch({ type: 'conversation-loaded', conversation: summary, messages, expectedVersion });
      setProfiles((current) => ({ ...current, [id]: visitor }));
      setOpenError((current) => (current?.id === id ? null : current));
    },
    [client],
  );

  useEffect(() => {
    if (selectedId) void fetchConversation(selectedId);
  }, [selectedId, fetchConversation]);

  /** Re-reads the visitor profile (page views, language…) of an open conversation. */
  const refreshProfile = useCallback(
    async (id: string) => {
      const result = await client
        .query<VisitorProfileQuery, VisitorProfileQueryVariables>(
          VisitorProfileDocument,
          { id },
          { requestPolicy: 'network-only' },
        )
        .toPromise();
      const visitor = result.data?.conversation.visitor;
      if (visitor) setProfiles((current) => ({ ...current, [id]: visitor }));
    },
    [client],
  );

  const loadOlder = useCallback(async () => {
    if (!selectedId || olderLoading) return;
    const oldest = stateRef.current.messages[selectedId]?.[0];
    if (!oldest || oldest.seq <= 1) return;
    setOlderLoading(true);
    const result = await client
      .query<OlderMessagesQuery, OlderMessagesQueryVariables>(
        OlderMessagesDocument,
        { id: selectedId, last: HISTORY_SIZE, before: oldest.seq },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    const messages = result.data?.conversation.messages;
    if (messages) {
      dispatch({ type: 'older-messages-loaded', conversationId: selectedId, messages });
    }
    setOlderLoading(false);
  }, [client, selectedId, olderLoading]);

  // ── Live events ─────────────────────────────────────────────────────────
  const activeRef = useRef<string | null>(null);
  useEffect(() => {
    activeRef.current = visible ? selectedId : null;
  }, [visible, selectedId]);
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  }, [onEvent]);

  const selectedRef = useRef(selectedId);
  useEffect(() => {
    selectedRef.current = selectedId;
  }, [selectedId]);
  const profileTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(profileTimer.current), []);

  const liveHandlers = useMemo(
    () => ({
      onEvent: (event: WorkspaceEvent) => {
        dispatch({ type: 'event-received', event, activeConversationId: activeRef.current });
        // The open visitor's profile changed or they viewed a page: re-read it, coalesced.
        const open = selectedRef.current;
        if (
          open &&
          (event.type === 'VISITOR_UPDATED' || event.type === 'VISITOR_PAGE_VIEWED') &&
          event.visitor &&
          stateRef.current.conversations[open]?.visitor.id === event.visitor.id
        ) {
          clearTimeout(profileTimer.current);
          profileTimer.current = setTimeout(() => void refreshProfile(open), 500);
        }
        // A recall without the message in the event: reload the open history.
        if (
          event.type === 'MESSAGE_RECALLED' &&
          !event.message &&
          event.conversationId &&
          stateRef.current.historyLoaded[event.conversationId]
        ) {
          void fetchConversation(event.conversationId);
        }
        onEventRef.current(event);
      },
    }),
    [fetchConversation, refreshProfile],
  );
  useWorkspaceEvents(liveHandlers, streamStart);

  // ── Read marking ────────────────────────────────────────────────────────
  // Opening a conversation marks it read, and so does every new message from
  // someone else while it is open and the tab is visible.
  const markedUpTo = useRef(new Map<string, number>());
  const messages = selectedId ? state.messages[selectedId] : undefined;
  const newestForeignSeq = useMemo(() => {
    if (!messages) return 0;
    for (let i = messages.length - 1; i >= 0; i -= 1) {
      const m = messages[i];
      if (m && !(m.senderType === 'AGENT' && m.senderAgent?.id === meId)) return m.seq;
    }
    return 0;
  }, [messages, meId]);
  const newestSeq = messages?.at(-1)?.seq ?? 0;
  const historyLoaded = selectedId ? Boolean(state.historyLoaded[selectedId]) : false;

  useEffect(() => {
    if (!selectedId || !visible || !historyLoaded) return;
    const marked = markedUpTo.current.get(selectedId);
    if (marked !== undefined && marked >= newestForeignSeq) return;
    markedUpTo.current.set(selectedId, newestSeq);
    dispatch({ type: 'marked-read', conversationId: selectedId, seq: newestSeq });
    void client
      .mutation<MarkConversationReadMutation, MarkConversationReadMutationVariables>(
        MarkConversationReadDocument,
        { id: selectedId, seq: newestSeq > 0 ? newestSeq : null },
      )
      .toPromise()
      .then((result) => {
        if (result.error) markedUpTo.current.delete(selectedId);
      });
  }, [client, selectedId, visible, historyLoaded, newestForeignSeq, newestSeq]);

  // ── Mutation results ────────────────────────────────────────────────────
  /** Runs a mutation that returns the conversation and merges its result. */
  const updateConversation = useCallback(
    async (
      conversationId: string,
      run: () => Promise<{ conversation?: ConversationSummary; error?: CombinedError }>,
    ): Promise<CombinedError | null> => {
      const expectedVersion = versionOf(stateRef.current, conversationId);
      const { conversation, error } = await run();
      if (conversation) dispatch({ type: 'conversation-updated', conversation, expectedVersion });
      return error ?? null;
    },
    [],
  );

  const rows = useMemo(() => selectListRows(state), [state]);

  return {
    state,
    dispatch,
    rows,
    list: state.list,
    listStatus,
    loadMore,
    retryList,
    profile: selectedId ? (profiles[selectedId] ?? null) : null,
    refreshProfile,
    openError: openError && openError.id === selectedId ? openError.error : null,
    loadOlder,
    olderLoading,
    updateConversation,
    messages: (messages ?? []) as readonly MessageItem[],
  };
}
