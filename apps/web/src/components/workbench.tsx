'use client';

import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useClient } from 'urql';
import {
  useViewerQuery,
  ViewerDocument,
  type ViewerQueryVariables,
  type AgentFieldsFragment,
  type AgentStatus,
  type ConversationView,
  type ViewerQuery,
} from '@/generated/graphql';
import { playChime, showNotification, unlockAudio } from '@/lib/attention';
import { normalizeFilter, VIEWS } from '@/lib/conversation-views';
import { describeError, hasErrorCode } from '@/lib/graphql-error-code';
import type { FunnelFilter, InboxLocation } from '@/lib/inbox-url';
import {
  affectsCounts,
  alertChannels,
  alertFor,
  documentTitle,
  titleUnread,
} from '@/lib/live-alerts';
import { getLiveConnectionStatus, subscribeLiveConnectionStatus } from '@/lib/live-connection';
import { redirectToSignIn } from '@/lib/sign-in-redirect';
import { useConversationCounts } from '@/lib/use-conversation-counts';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useDocumentVisible } from '@/lib/use-document-visible';
import { useInbox } from '@/lib/use-inbox';
import { navigateInbox, useInboxLocation } from '@/lib/use-inbox-location';
import { useIsBrowser } from '@/lib/use-is-browser';
import { useNow } from '@/lib/use-now';
import { useTyping } from '@/lib/use-typing';
import type { MessageItem, WorkspaceEvent } from '@/lib/workbench-state';
import { AppHeader } from './app-header';
import { ConversationList } from './conversation-list';
import { ConversationView as ChatWindow } from './conversation-view';
import { FilterPopover } from './filter-popover';
import { ChatIcon, CloseIcon, SearchIcon } from './icons';
import { focusRing } from './labels';
import { ViewTabs } from './view-tabs';
import { VisitorPanel } from './visitor-panel';

const VIEW_STORAGE_KEY = 'parley.view';
const SEARCH_DEBOUNCE_MS = 300;
const CHIME_GAP_MS = 1_500;

/** Narrow screens show one pane at a time. */
type Pane = 'list' | 'chat' | 'details';

const emptyText: Record<ConversationView, string> = {
  MINE: 'Nothing assigned to you right now. Take one from Unassigned.',
  ROBOT: 'The robot is not handling any conversation.',
  UNASSIGNED: 'Nobody is waiting. New chats show up here live.',
  UNREAD: 'You are all caught up.',
  ALL: 'No open conversations. New chats from your channels show up here live.',
  HISTORY: 'No resolved conversations yet.',
};

function FullScreenMessage({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center p-6 text-sm text-slate-500">
      {children}
    </main>
  );
}

/** The `/` page: checks the session, then mounts the three-pane shell. */
export function Workbench() {
  const isBrowser = useIsBrowser();
  if (!isBrowser) return <FullScreenMessage>Loading the workbench…</FullScreenMessage>;
  return <AuthenticatedWorkbench />;
}

function AuthenticatedWorkbench() {
  const [{ data, error, fetching }, reexecute] = useViewerQuery({ requestPolicy: 'network-only' });
  const unauthenticated = hasErrorCode(error, 'UNAUTHENTICATED');

  useEffect(() => {
    if (unauthenticated) redirectToSignIn();
  }, [unauthenticated]);

  if (unauthenticated) return <FullScreenMessage>Redirecting to sign in…</FullScreenMessage>;
  if (error && !data) {
    return (
      <FullScreenMessage>
        <span role="alert" className="flex flex-col items-center gap-3">
          {describeError(error)}
          <button
            type="button"
            onClick={() => reexecute({ requestPolicy: 'network-only' })}
            className={`rounded-lg bg-indigo-600 px-3 py-1.5 font-medium text-white ${focusRing}`}
          >
            Retry
          </button>
        </span>
      </FullScreenMessage>
    );
  }
  if (fetching || !data) return <FullScreenMessage>Loading the workbench…</FullScreenMessage>;
  return <WorkbenchShell viewer={data.viewer} />;
}

function storedView(): ConversationView {
  try {
    const stored = window.localStorage.getItem(VIEW_STORAGE_KEY);
    const known = VIEWS.find((v) => v.view === stored);
    if (known) return known.view;
  } catch {
    // No storage: the default view.
  }
  return 'ALL';
}

function WorkbenchShell({ viewer }: { viewer: ViewerQuery['viewer'] }) {
  const meId = viewer.agent?.id ?? null;
  const [agentStatus, setAgentStatus] = useState<AgentStatus | null>(viewer.agent?.status ?? null);
  // The URL holds the open conversation, the view and the filters
  // (`/conversations/<id>?view=…&tag=…`): reloads and shared links show the
  // same thing, and back/forward move between them.
  const location = useInboxLocation();
  const [fallbackView] = useState<ConversationView>(storedView);
  const view = location.view ?? fallbackView;
  const funnel = location.filter;
  const selectedId = location.conversationId;
  const locationRef = useRef<InboxLocation>({ ...location, view });
  useEffect(() => {
    locationRef.current = { ...location, view };
  }, [location, view]);
  const go = useCallback((patch: Partial<InboxLocation>, mode: 'push' | 'replace') => {
    navigateInbox({ ...locationRef.current, ...patch }, mode);
  }, []);

  const [search, setSearch] = useState(location.search);
  const settledSearch = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);
  // The search box writes to the URL once settled; back/forward write to the box.
  const writtenSearch = useRef(location.search);
  useEffect(() => {
    const settled = settledSearch.trim();
    if (settled === writtenSearch.current) return;
    writtenSearch.current = settled;
    go({ search: settled }, 'replace');
  }, [settledSearch, go]);
  useEffect(() => {
    if (location.search === writtenSearch.current) return;
    writtenSearch.current = location.search;
    setSearch(location.search);
  }, [location.search]);
  const setFunnel = useCallback((next: FunnelFilter) => go({ filter: next }, 'replace'), [go]);
  const filter = useMemo(
    () => normalizeFilter({ ...funnel, search: location.search }),
    [funnel, location.search],
  );
  const [pane, setPane] = useState<Pane>(selectedId ? 'chat' : 'list');
  useEffect(() => {
    setPane(selectedId ? 'chat' : 'list');
  }, [selectedId]);
  const [forbidden, setForbidden] = useState<ReadonlySet<string>>(() => new Set());
  const [liveAgents, setLiveAgents] = useState<Readonly<Record<string, AgentFieldsFragment>>>({});
  // Renames reach an open workbench live (WORKSPACE_UPDATED, AGENT_UPDATED).
  const [workspaceName, setWorkspaceName] = useState(viewer.workspace.name);
  const [me, setMe] = useState(() =>
    viewer.agent ? { name: viewer.agent.name, avatarUrl: viewer.agent.avatarUrl ?? null } : null,
  );
  const preferences = viewer.agent?.notificationPreferences ?? null;
  const visible = useDocumentVisible();
  const now = useNow();
  const typing = useTyping(meId);
  const counts = useConversationCounts(filter);
  // The tab title shows what is unread for this agent in the whole inbox
  // (their own and waiting conversations), whatever the filter.
  const totals = useConversationCounts(null, filter === null);

  const select = useCallback(
    (id: string) => {
      go({ conversationId: id }, 'push');
      setPane('chat');
    },
    [go],
  );

  // Presence can change while the socket is down (it drops to Offline with the
  // last connection and comes back on connect): re-read it whenever the live
  // stream (re)connects; from then on AGENT_STATUS_CHANGED events keep it current.
  const client = useClient();
  const connection = useSyncExternalStore(
    subscribeLiveConnectionStatus,
    getLiveConnectionStatus,
    () => 'idle' as const,
  );
  useEffect(() => {
    if (connection !== 'live') return;
    void client
      .query<ViewerQuery, ViewerQueryVariables>(
        ViewerDocument,
        {},
        { requestPolicy: 'network-only' },
      )
      .toPromise()
      .then((result) => {
        const status = result.data?.viewer.agent?.status;
        if (status) setAgentStatus(status);
      });
  }, [client, connection]);

  // Browsers only let sound start after a gesture: unlock on the first one.
  useEffect(() => {
    const unlock = () => unlockAudio();
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);

  const lastChimeAt = useRef(0);
  const { refresh: refreshCounts } = counts;
  const { refresh: refreshTotals } = totals;
  const { clearVisitor } = typing;
  const onEvent = useCallback(
    (event: WorkspaceEvent) => {
      if (affectsCounts(event, meId)) {
        refreshCounts();
        refreshTotals();
      }
      if (event.type === 'AGENT_STATUS_CHANGED' && event.agent) {
        const agent = event.agent;
        setLiveAgents((current) => ({ ...current, [agent.id]: agent }));
        if (agent.id === meId) setAgentStatus(agent.status);
      }
      if (event.type === 'AGENT_UPDATED' && event.agent) {
        const agent = event.agent;
        setLiveAgents((current) => ({ ...current, [agent.id]: agent }));
        if (agent.id === meId) setMe({ name: agent.name, avatarUrl: agent.avatarUrl ?? null });
      }
      if (event.type === 'WORKSPACE_UPDATED' && event.workspace)
        setWorkspaceName(event.workspace.name);
      if (event.type === 'TAG_DELETED' && event.tag) {
        // A filter on a deleted tag would match nothing: drop it from the funnel.
        const gone = event.tag.id;
        const current = locationRef.current.filter;
        if (current.tagIds?.some((id) => id === gone)) {
          const tagIds = current.tagIds.filter((id) => id !== gone);
          const { tagIds: _dropped, ...rest } = current;
          setFunnel(tagIds.length > 0 ? { ...rest, tagIds } : rest);
        }
      }
      if (event.message?.senderType === 'VISITOR') clearVisitor(event.message.conversationId);
      if (document.visibilityState === 'hidden') {
        const alert = alertFor(event, meId, Date.now());
        const channels = alert ? alertChannels(alert, preferences) : null;
        if (alert && channels) {
          if (channels.sound && Date.now() - lastChimeAt.current > CHIME_GAP_MS) {
            lastChimeAt.current = Date.now();
            playChime();
          }
          if (channels.desktop) showNotification(alert, select);
        }
      }
    },
    [meId, preferences, refreshCounts, refreshTotals, clearVisitor, select, setFunnel],
  );

  const inbox = useInbox({ meId, view, filter, selectedId, visible, onEvent });
  const selected = selectedId ? inbox.state.conversations[selectedId] : undefined;
  const unreadTotal = titleUnread(filter === null ? counts.counts : totals.counts);

  useEffect(() => {
    document.title = documentTitle(unreadTotal);
  }, [unreadTotal]);

  const changeView = useCallback(
    (next: ConversationView) => {
      go({ view: next }, 'push');
      try {
        window.localStorage.setItem(VIEW_STORAGE_KEY, next);
      } catch {
        // Not remembered; fine.
      }
    },
    [go],
  );

  const { dispatch } = inbox;
  const onSent = useCallback(
    (message: MessageItem) => dispatch({ type: 'message-sent', message }),
    [dispatch],
  );
  const onMessageUpdated = useCallback(
    (message: MessageItem) => dispatch({ type: 'message-updated', message }),
    [dispatch],
  );
  const onForbidden = useCallback(
    (key: string) => setForbidden((current) => new Set(current).add(key)),
    [],
  );

  const typingIn = useMemo(
    () =>
      new Set(
        inbox.rows
          .filter((row) => typing.typistsIn(row.id).some((t) => t.sender === 'VISITOR'))
          .map((row) => row.id),
      ),
    [inbox.rows, typing],
  );

  const filtered = filter !== null;
  const historyLoaded = selectedId ? Boolean(inbox.state.historyLoaded[selectedId]) : false;

  return (
    <div className="flex h-dvh flex-col">
      <AppHeader
        workspaceName={workspaceName}
        agentId={meId}
        agentName={me?.name ?? null}
        agentAvatarUrl={me?.avatarUrl ?? null}
        status={agentStatus}
        onStatusChange={setAgentStatus}
      />
      <div className="grid min-h-0 flex-1 grid-cols-1 md:grid-cols-[20rem_minmax(0,1fr)] lg:grid-cols-[21rem_minmax(0,1fr)_18rem] xl:grid-cols-[24rem_minmax(0,1fr)_20rem]">
        <nav
          aria-label="Conversation list"
          className={`min-h-0 flex-col border-slate-200 bg-white md:flex md:border-r ${
            pane === 'list' || !selectedId ? 'flex' : 'hidden'
          }`}
        >
          <div className="space-y-3 border-b border-slate-200 px-3 py-3">
            <ViewTabs view={view} counts={counts.counts} onChange={changeView} />
            <div className="flex items-center gap-2">
              <label className="relative min-w-0 flex-1">
                <span className="sr-only">Search conversations</span>
                <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400" />
                <input
                  type="search"
                  data-testid="search-input"
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                  placeholder="Name, email or phone"
                  className="block h-9 w-full rounded-lg border border-slate-300 bg-white pr-2.5 pl-8 text-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500/40"
                />
              </label>
              <FilterPopover filter={funnel} onChange={setFunnel} />
            </div>
            {filtered ? (
              <p className="flex items-center justify-between text-xs text-slate-500">
                <span>Filtered list</span>
                <button
                  type="button"
                  onClick={() => {
                    setSearch('');
                    writtenSearch.current = '';
                    go({ filter: {}, search: '' }, 'replace');
                  }}
                  className={`flex items-center gap-1 rounded font-medium text-indigo-600 hover:underline ${focusRing}`}
                >
                  <CloseIcon className="size-3" /> Clear filters
                </button>
              </p>
            ) : null}
          </div>
          {inbox.listStatus.error && inbox.rows.length === 0 ? (
            <div
              role="alert"
              className="m-4 space-y-2 rounded-lg bg-rose-50 p-3 text-sm text-rose-700"
            >
              <p>{describeError(inbox.listStatus.error)}</p>
              <button
                type="button"
                onClick={inbox.retryList}
                className="font-medium underline focus-visible:outline-2 focus-visible:outline-rose-600"
              >
                Retry
              </button>
            </div>
          ) : null}
          <div className="min-h-0 flex-1 overflow-y-auto">
            <ConversationList
              conversations={inbox.rows}
              selectedId={selectedId}
              now={now}
              loading={inbox.listStatus.loading}
              hasMore={inbox.list.hasNextPage}
              emptyText={filtered ? 'No conversations match this filter.' : emptyText[view]}
              typingIn={typingIn}
              onSelect={select}
              onLoadMore={inbox.loadMore}
            />
          </div>
        </nav>

        <main
          className={`min-h-0 min-w-0 ${
            selectedId && pane === 'chat'
              ? 'block'
              : selectedId && pane === 'details'
                ? 'hidden lg:block'
                : 'hidden md:block'
          }`}
        >
          {selected ? (
            <ChatWindow
              conversation={selected}
              messages={inbox.messages}
              meId={meId}
              loading={!historyLoaded}
              error={inbox.openError && !historyLoaded ? describeError(inbox.openError) : null}
              loadingOlder={inbox.olderLoading}
              typists={typing.typistsIn(selected.id)}
              onBack={() => go({ conversationId: null }, 'push')}
              onShowDetails={() => setPane('details')}
              onLoadOlder={inbox.loadOlder}
              onSent={onSent}
              onMessageUpdated={onMessageUpdated}
            />
          ) : selectedId ? (
            <UnopenedConversation
              error={inbox.openError}
              onBack={() => go({ conversationId: null }, 'push')}
            />
          ) : (
            <div className="flex h-full flex-col items-center justify-center gap-3 bg-slate-50 p-6 text-center">
              <ChatIcon className="size-10 text-slate-300" />
              <p className="text-sm text-slate-500">Select a conversation to read and reply.</p>
            </div>
          )}
        </main>

        <aside
          aria-label="Visitor details"
          className={`min-h-0 overflow-y-auto border-l border-slate-200 bg-slate-50/60 ${
            selected && pane === 'details' ? 'block' : 'hidden lg:block'
          }`}
        >
          {selected ? (
            <VisitorPanel
              conversation={selected}
              profile={inbox.profile}
              meId={meId}
              now={now}
              forbidden={forbidden}
              liveAgents={liveAgents}
              updateConversation={inbox.updateConversation}
              onForbidden={onForbidden}
              onClose={() => setPane('chat')}
            />
          ) : (
            <p className="p-6 text-sm text-slate-400">Visitor details appear here.</p>
          )}
        </aside>
      </div>
    </div>
  );
}

/**
 * A conversation named by the URL that is not (yet) loaded: opening, or not
 * there for this agent. The server answers NOT_FOUND alike for a missing
 * conversation and one the agent may not see, and so does this screen.
 */
function UnopenedConversation({
  error,
  onBack,
}: {
  error: ReturnType<typeof useInbox>['openError'];
  onBack: () => void;
}) {
  const missing = (['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'] as const).some((code) =>
    hasErrorCode(error ?? undefined, code),
  );
  return (
    <div
      data-testid="conversation-unavailable"
      className="flex h-full flex-col items-center justify-center gap-3 bg-slate-50 p-6 text-center"
    >
      {error ? (
        <>
          <ChatIcon className="size-10 text-slate-300" />
          <p role="alert" className="max-w-sm text-sm text-slate-600">
            {missing
              ? 'This conversation was not found or is not visible to you.'
              : describeError(error)}
          </p>
          <button
            type="button"
            onClick={onBack}
            className={`rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 ${focusRing}`}
          >
            Back to the list
          </button>
        </>
      ) : (
        <p role="status" className="text-sm text-slate-500">
          Opening the conversation…
        </p>
      )}
    </div>
  );
}
