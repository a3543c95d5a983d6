'use client';

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useRecallMessageMutation } from '@/generated/graphql';
import { describeError } from '@/lib/graphql-error-code';
import { canRecall } from '@/lib/message-status';
import { useNow } from '@/lib/use-now';
import type { Typist } from '@/lib/use-typing';
import { useViewers } from '@/lib/use-viewers';
import { viewingText } from '@/lib/viewing-text';
import type { ConversationSummary, MessageItem } from '@/lib/workbench-state';
import { BackIcon, InfoIcon, PinIcon } from './icons';
import { channelLabel, focusRing } from './labels';
import { MessageBubble } from './message-bubble';
import { ReplyBox } from './reply-box';
import { StatusBadge } from './status-badge';

type ConversationViewProps = {
  conversation: ConversationSummary;
  messages: readonly MessageItem[];
  meId: string | null;
  loading: boolean;
  error: string | null;
  loadingOlder: boolean;
  typists: readonly Typist[];
  onBack: () => void;
  onShowDetails: () => void;
  onLoadOlder: () => void;
  onSent: (message: MessageItem) => void;
  onMessageUpdated: (message: MessageItem) => void;
};

/** How close to the bottom (px) still counts as "reading the latest". */
const STICKY_THRESHOLD = 80;

function typingText(typists: readonly Typist[], visitorName: string): string {
  const names = typists.map((t) =>
    t.sender === 'VISITOR' ? visitorName : (t.name ?? 'A colleague'),
  );
  if (names.length === 1) return `${names[0]} is typing…`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
}

export function ConversationView({
  conversation,
  messages,
  meId,
  loading,
  error,
  loadingOlder,
  typists,
  onBack,
  onShowDetails,
  onLoadOlder,
  onSent,
  onMessageUpdated,
}: ConversationViewProps) {
  const scroller = useRef<HTMLOListElement>(null);
  const topSentinel = useRef<HTMLLIElement>(null);
  const stickToBottom = useRef(true);
  /** Distance from the bottom before older messages were prepended, to keep the view still. */
  const anchor = useRef<number | null>(null);
  const now = useNow(5_000);
  const viewers = useViewers(conversation.id);
  const [, recallMessage] = useRecallMessageMutation();
  const [recalling, setRecalling] = useState<string | null>(null);
  const [recallError, setRecallError] = useState<string | null>(null);

  const firstSeq = messages[0]?.seq ?? 1;
  const hasOlder = firstSeq > 1;
  const lastMessageId = messages.at(-1)?.id;

  // Follow new messages while the agent is at the bottom; leave the scroll
  // position alone while they read older ones.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [lastMessageId, conversation.id, typists.length]);

  // Older messages came in above: keep what the agent was looking at in place.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && anchor.current !== null) {
      el.scrollTop = el.scrollHeight - anchor.current;
      anchor.current = null;
    }
  }, [firstSeq]);

  useEffect(() => {
    stickToBottom.current = true;
    setRecallError(null);
  }, [conversation.id]);

  // Infinite scroll upwards: the top of the history coming into view loads the page before it.
  useEffect(() => {
    const el = topSentinel.current;
    const root = scroller.current;
    if (!el || !root || !hasOlder || loading) return undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) loadOlder();
      },
      { root, rootMargin: '120px 0px 0px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasOlder, loading, loadingOlder, firstSeq, onLoadOlder]);

  function loadOlder() {
    const el = scroller.current;
    if (loadingOlder || !hasOlder || !el) return;
    anchor.current = el.scrollHeight - el.scrollTop;
    onLoadOlder();
  }

  async function recall(message: MessageItem) {
    setRecalling(message.id);
    setRecallError(null);
    const result = await recallMessage({ id: message.id });
    setRecalling(null);
    if (result.data) onMessageUpdated(result.data.recallMessage);
    else if (result.error) setRecallError(describeError(result.error));
  }

  return (
    <section
      aria-label={`Conversation with ${conversation.visitor.name}`}
      className="flex h-full min-h-0 flex-col"
    >
      <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-3">
        <button
          type="button"
          onClick={onBack}
          aria-label="Back to conversations"
          className={`-ml-1 rounded-md p-1 text-slate-500 hover:bg-slate-100 md:hidden ${focusRing}`}
        >
          <BackIcon className="size-5" />
        </button>
        <div className="min-w-0 flex-1">
          <h2 className="flex min-w-0 items-center gap-1.5 text-sm font-semibold text-slate-900">
            <span className="truncate" title={conversation.visitor.name}>
              {conversation.visitor.name}
            </span>
            {conversation.pinned ? (
              <PinIcon aria-label="Pinned" className="size-3.5 shrink-0 text-indigo-500" />
            ) : null}
          </h2>
          <p
            className="truncate text-xs text-slate-500"
            title={conversation.assignee?.name ?? undefined}
          >
            {channelLabel[conversation.channel]}
            {conversation.assignee ? ` · ${conversation.assignee.name}` : ' · Nobody assigned'}
          </p>
        </div>
        <StatusBadge status={conversation.status} />
        <button
          type="button"
          onClick={onShowDetails}
          aria-label="Visitor details and actions"
          className={`rounded-md p-1 text-slate-500 hover:bg-slate-100 lg:hidden ${focusRing}`}
        >
          <InfoIcon className="size-5" />
        </button>
      </header>

      <ol
        ref={scroller}
        aria-label="Messages"
        aria-live="polite"
        aria-busy={loading || loadingOlder}
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current =
            el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_THRESHOLD;
        }}
        className="flex min-h-0 flex-1 flex-col gap-3 overflow-y-auto bg-slate-50 px-4 py-5"
      >
        {hasOlder && !loading ? (
          <li ref={topSentinel} className="flex justify-center">
            <button
              type="button"
              onClick={loadOlder}
              disabled={loadingOlder}
              className={`rounded-full px-3 py-1 text-xs font-medium text-slate-500 hover:bg-slate-200/60 disabled:opacity-60 ${focusRing}`}
            >
              {loadingOlder ? 'Loading earlier messages…' : 'Load earlier messages'}
            </button>
          </li>
        ) : null}
        {!hasOlder && messages.length > 0 ? (
          <li className="text-center text-[11px] text-slate-400">Start of the conversation</li>
        ) : null}
        {loading && messages.length === 0 ? (
          <li className="m-auto text-sm text-slate-500">Loading messages…</li>
        ) : null}
        {error ? (
          <li role="alert" className="m-auto rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700">
            {error}
          </li>
        ) : null}
        {!loading && !error && messages.length === 0 ? (
          <li className="m-auto text-sm text-slate-500">No messages yet.</li>
        ) : null}
        {messages.map((message) => (
          <MessageBubble
            key={message.id}
            message={message}
            visitorName={conversation.visitor.name}
            visitorLastReadSeq={conversation.visitorLastReadSeq}
            recalling={recalling === message.id}
            onRecall={
              canRecall(message, meId, conversation.channel, now)
                ? () => void recall(message)
                : undefined
            }
          />
        ))}
      </ol>

      <div className="h-6 shrink-0 bg-slate-50 px-4" aria-live="polite">
        {typists.length > 0 ? (
          <p
            data-testid="typing-indicator"
            className="flex items-center gap-1.5 text-xs text-slate-500 italic"
          >
            <span aria-hidden="true" className="flex gap-0.5">
              <span className="size-1 animate-bounce rounded-full bg-slate-400" />
              <span className="size-1 animate-bounce rounded-full bg-slate-400 [animation-delay:120ms]" />
              <span className="size-1 animate-bounce rounded-full bg-slate-400 [animation-delay:240ms]" />
            </span>
            {typingText(typists, conversation.visitor.name)}
          </p>
        ) : viewers.length > 0 ? (
          <p data-testid="viewing-indicator" className="text-xs text-slate-500 italic">
            {viewingText(viewers)}
          </p>
        ) : null}
      </div>

      {recallError ? (
        <p role="alert" className="bg-rose-50 px-4 py-1.5 text-sm text-rose-700">
          {recallError}
        </p>
      ) : null}

      <ReplyBox
        key={conversation.id}
        conversationId={conversation.id}
        visitorName={conversation.visitor.name}
        onSent={(message) => {
          stickToBottom.current = true;
          onSent(message);
        }}
      />
    </section>
  );
}
