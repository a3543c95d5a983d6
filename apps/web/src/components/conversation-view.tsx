'use client';

import { useLayoutEffect, useRef } from 'react';
import type { ConversationSummary, MessageItem } from '@/lib/workbench-state';
import { BackIcon } from './icons';
import { channelLabel } from './labels';
import { MessageBubble } from './message-bubble';
import { ReplyBox } from './reply-box';
import { StatusBadge } from './status-badge';

type ConversationViewProps = {
  conversation: ConversationSummary;
  messages: readonly MessageItem[];
  loading: boolean;
  error: string | null;
  onBack: () => void;
  onSent: (message: MessageItem) => void;
};

/** How close to the bottom (px) still counts as "reading the latest". */
const STICKY_THRESHOLD = 80;

export function ConversationView({
  conversation,
  messages,
  loading,
  error,
  onBack,
  onSent,
}: ConversationViewProps) {
  const scroller = useRef<HTMLOListElement>(null);
  const stickToBottom = useRef(true);
  const lastMessageId = messages.at(-1)?.id;

  // Follow new messages while the agent is at the bottom; leave the scroll
  // position alone while they read older ones.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [lastMessageId, conversation.id]);

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
          className="-ml-1 rounded-md p-1 text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 md:hidden"
        >
          <BackIcon className="size-5" />
        </button>
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-sm font-semibold text-slate-900">
            {conversation.visitor.name}
          </h2>
          <p className="truncate text-xs text-slate-500">
            {channelLabel[conversation.channel]}
            {conversation.visitor.email ? ` · ${conversation.visitor.email}` : ''}
          </p>
        </div>
        <StatusBadge status={conversation.status} />
      </header>

      <ol
        ref={scroller}
        aria-label="Messages"
        aria-live="polite"
        aria-busy={loading}
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current =
            el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_THRESHOLD;
        }}
        className="flex min-h-0 flex-1 flex-col gap-3 overflow-y-auto bg-slate-50 px-4 py-5"
      >
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
          />
        ))}
      </ol>

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
