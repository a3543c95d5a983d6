'use client';

import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useIsBrowser } from '@/lib/use-is-browser';
import { useDocumentVisible } from '../hooks/use-browser';
import { useChat } from '../hooks/use-chat';
import { useHostBridge } from '../hooks/use-host-bridge';
import { usePageViews } from '../hooks/use-page-views';
import { useTypingSender } from '../hooks/use-typing-sender';
import { useVisitorSession } from '../hooks/use-visitor-session';
import { createWidgetConnection, type WidgetConnection } from '../widget-client';
import { ChatHeader } from './chat-header';
import { Composer } from './composer';
import { PersonIcon } from './icons';
import { MessageList } from './message-list';

function Frame({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex h-dvh flex-col overflow-hidden bg-white text-slate-900">{children}</div>
  );
}

function Notice({ message, onDismiss }: { message: string; onDismiss?: () => void }) {
  return (
    <div
      role="alert"
      className="flex shrink-0 items-start gap-2 border-t border-rose-200 bg-rose-50 px-3 py-2 text-xs text-rose-800"
      data-testid="widget-notice"
    >
      <span className="flex-1">{message}</span>
      {onDismiss && (
        <button
          type="button"
          onClick={onDismiss}
          className="font-medium text-rose-700 hover:underline"
        >
          Dismiss
        </button>
      )}
    </div>
  );
}

function useLiveStatus(connection: WidgetConnection) {
  return useSyncExternalStore(connection.onStatus, connection.getStatus, connection.getStatus);
}

function Chat({ channelKey, hostOrigin }: { channelKey: string; hostOrigin: string | null }) {
  const [connection] = useState(createWidgetConnection);
  const { session, retry } = useVisitorSession(connection, channelKey);
  const ready = session.status === 'ready';
  const trackPageView = usePageViews(connection.client, ready);
  const bridge = useHostBridge(hostOrigin, trackPageView);
  const visible = useDocumentVisible();
  const chat = useChat(connection, {
    ready,
    seen: bridge.open && visible,
    startAfter: session.status === 'ready' ? session.eventCursor : null,
  });
  const typing = useTypingSender(chat.conversationId, chat.sendTyping);
  const live = useLiveStatus(connection);
  const { post, embedded, open } = bridge;

  // The launcher shows a badge while the chat is closed.
  useEffect(() => {
    post({ type: 'parley:unread', count: chat.unread });
  }, [post, chat.unread]);

  const close = useCallback(() => post({ type: 'parley:close' }), [post]);
  useEffect(() => {
    if (!embedded) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [embedded, close]);

  const { send } = chat;
  const onSend = useCallback(
    (body: string) => {
      typing.stop();
      return send(body);
    },
    [typing, send],
  );

  const status = chat.conversation?.status;
  return (
    <Frame>
      <ChatHeader
        status={status}
        assigneeName={chat.conversation?.assigneeName ?? null}
        live={live}
        onClose={embedded ? close : null}
      />
      <MessageList
        messages={chat.messages}
        pending={chat.pending}
        status={status}
        agentLastReadSeq={chat.conversation?.agentLastReadSeq ?? 0}
        agentTyping={chat.agentTyping}
        onRecall={chat.recall}
      />
      {status === 'ROBOT' && (
        <div className="flex shrink-0 items-center justify-between gap-2 border-t border-slate-200 bg-white px-3 py-2 text-xs text-slate-600">
          <span>Prefer a person?</span>
          <button
            type="button"
            onClick={chat.requestHuman}
            className="flex items-center gap-1.5 rounded-full border border-indigo-200 bg-indigo-50 px-3 py-1 font-medium text-indigo-700 transition hover:bg-indigo-100 focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:outline-none"
            data-testid="widget-request-human"
          >
            <PersonIcon className="size-3.5" />
            Talk to a human
          </button>
        </div>
      )}
      {session.status === 'error' && (
        <div
          role="alert"
          className="flex shrink-0 items-center gap-2 border-t border-rose-200 bg-rose-50 px-3 py-2 text-xs text-rose-800"
          data-testid="widget-notice"
        >
          <span className="flex-1">{session.message}</span>
          <button
            type="button"
            onClick={retry}
            className="font-medium text-rose-700 hover:underline"
          >
            Retry
          </button>
        </div>
      )}
      {chat.notice && <Notice message={chat.notice} onDismiss={chat.dismissNotice} />}
      <Composer
        disabled={!ready}
        focusKey={open && ready}
        onSend={onSend}
        onDraftChange={typing.onDraftChange}
      />
      <p className="shrink-0 bg-white pb-1.5 text-center text-[10px] text-slate-400">
        Powered by <span className="font-semibold text-slate-500">Parley</span>
      </p>
    </Frame>
  );
}

/** The visitor chat, rendered in the loader's iframe (or opened on its own). */
export function WidgetApp({
  channelKey,
  hostOrigin,
}: {
  channelKey: string | null;
  hostOrigin: string | null;
}) {
  const isBrowser = useIsBrowser();
  if (!channelKey) {
    return (
      <Frame>
        <Notice message="This chat is not set up: the embed code has no channel key (data-channel)." />
      </Frame>
    );
  }
  if (!isBrowser) {
    return (
      <Frame>
        <div className="h-16 bg-gradient-to-br from-indigo-600 to-violet-600" />
        <div className="flex-1 bg-slate-50" />
      </Frame>
    );
  }
  return <Chat channelKey={channelKey} hostOrigin={hostOrigin} />;
}
