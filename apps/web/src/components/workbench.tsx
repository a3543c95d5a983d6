'use client';

import { useCallback, useEffect, useMemo, useReducer, useState, type ReactNode } from 'react';
import { useConversationQuery, useConversationsQuery, useViewerQuery } from '@/generated/graphql';
import { describeError, hasErrorCode } from '@/lib/graphql-error-code';
import { redirectToSignIn } from '@/lib/sign-in-redirect';
import { sortConversations } from '@/lib/sort-conversations';
import { useIsBrowser } from '@/lib/use-is-browser';
import { useNow } from '@/lib/use-now';
import { useWorkspaceEvents } from '@/lib/use-workspace-events';
import {
  initialWorkbenchState,
  workbenchReducer,
  type MessageItem,
  type WorkspaceEvent,
} from '@/lib/workbench-state';
import { AppHeader } from './app-header';
import { ConversationList } from './conversation-list';
import { ConversationView } from './conversation-view';
import { ChatIcon } from './icons';
import { VisitorPanel } from './visitor-panel';

const LIST_SIZE = 50;
const HISTORY_SIZE = 50;

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
            className="rounded-lg bg-indigo-600 px-3 py-1.5 font-medium text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            Retry
          </button>
        </span>
      </FullScreenMessage>
    );
  }
  if (fetching || !data) return <FullScreenMessage>Loading the workbench…</FullScreenMessage>;

  return (
    <div className="flex h-dvh flex-col">
      <AppHeader
        workspaceName={data.viewer.workspace.name}
        agentName={data.viewer.agent?.name ?? null}
      />
      <WorkbenchPanes />
    </div>
  );
}

function WorkbenchPanes() {
  const [state, dispatch] = useReducer(workbenchReducer, initialWorkbenchState);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const now = useNow();

  const [list, reloadList] = useConversationsQuery({
    variables: { first: LIST_SIZE },
    requestPolicy: 'network-only',
  });
  useEffect(() => {
    if (list.data) {
      dispatch({
        type: 'conversations-loaded',
        conversations: list.data.conversations.edges.map((edge) => edge.node),
      });
    }
  }, [list.data]);

  const [opened] = useConversationQuery({
    variables: { id: selectedId ?? '', last: HISTORY_SIZE },
    pause: selectedId === null,
    requestPolicy: 'network-only',
  });
  useEffect(() => {
    const conversation = opened.data?.conversation;
    if (conversation) {
      const { messages, ...summary } = conversation;
      dispatch({ type: 'conversation-loaded', conversation: summary, messages });
    }
  }, [opened.data]);

  const liveHandlers = useMemo(
    () => ({ onEvent: (event: WorkspaceEvent) => dispatch({ type: 'event-received', event }) }),
    [],
  );
  useWorkspaceEvents(liveHandlers, list.data?.conversations.eventCursor);

  const conversations = useMemo(
    () => sortConversations(Object.values(state.conversations)),
    [state.conversations],
  );
  const selected = selectedId ? state.conversations[selectedId] : undefined;
  const onSent = useCallback(
    (message: MessageItem) => dispatch({ type: 'message-sent', message }),
    [],
  );

  return (
    <div className="grid min-h-0 flex-1 grid-cols-1 md:grid-cols-[20rem_minmax(0,1fr)] lg:grid-cols-[20rem_minmax(0,1fr)_17rem] xl:grid-cols-[22rem_minmax(0,1fr)_19rem]">
      <nav
        aria-label="Conversation list"
        className={`min-h-0 flex-col border-slate-200 bg-white md:flex md:border-r ${selected ? 'hidden' : 'flex'}`}
      >
        <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
          <h1 className="text-sm font-semibold text-slate-900">Conversations</h1>
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">
            {conversations.length}
          </span>
        </div>
        {list.error && conversations.length === 0 ? (
          <div
            role="alert"
            className="m-4 space-y-2 rounded-lg bg-rose-50 p-3 text-sm text-rose-700"
          >
            <p>{describeError(list.error)}</p>
            <button
              type="button"
              onClick={() => reloadList({ requestPolicy: 'network-only' })}
              className="font-medium underline focus-visible:outline-2 focus-visible:outline-rose-600"
            >
              Retry
            </button>
          </div>
        ) : null}
        <div className="min-h-0 flex-1 overflow-y-auto">
          <ConversationList
            conversations={conversations}
            selectedId={selectedId}
            now={now}
            loading={list.fetching}
            onSelect={setSelectedId}
          />
        </div>
      </nav>

      <main className={`min-h-0 min-w-0 md:block ${selected ? 'block' : 'hidden'}`}>
        {selected ? (
          <ConversationView
            conversation={selected}
            messages={state.messages[selected.id] ?? []}
            loading={!state.historyLoaded[selected.id]}
            error={
              opened.error && !state.historyLoaded[selected.id] ? describeError(opened.error) : null
            }
            onBack={() => setSelectedId(null)}
            onSent={onSent}
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
        className="hidden min-h-0 overflow-y-auto border-l border-slate-200 bg-slate-50/60 lg:block"
      >
        {selected ? (
          <VisitorPanel conversation={selected} />
        ) : (
          <p className="p-6 text-sm text-slate-400">Visitor details appear here.</p>
        )}
      </aside>
    </div>
  );
}
