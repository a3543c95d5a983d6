import { useLayoutEffect, useRef } from 'react';
import type { ConversationStatus } from '@/generated/graphql';
import type { AgentTyping, PendingMessage } from '../hooks/use-chat';
import { useNow } from '../hooks/use-now';
import type { ChatMessage } from '../lib/chat-state';
import { canRecall, isReadByAgent } from '../lib/receipts';
import { CheckIcon } from './icons';

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function TypingIndicator({ name }: { name: string | null }) {
  return (
    <div
      className="flex items-center gap-2 px-1 text-xs text-slate-500"
      data-testid="widget-typing"
    >
      <span className="flex gap-0.5 rounded-full bg-white px-2.5 py-2 shadow-sm ring-1 ring-slate-200">
        {[0, 150, 300].map((delay) => (
          <span
            key={delay}
            className="size-1.5 animate-bounce rounded-full bg-slate-400"
            style={{ animationDelay: `${delay}ms` }}
          />
        ))}
      </span>
      {name ?? 'Agent'} is typing…
    </div>
  );
}

function MessageItem({
  message,
  showName,
  agentLastReadSeq,
  now,
  onRecall,
}: {
  message: ChatMessage;
  showName: boolean;
  agentLastReadSeq: number;
  now: number;
  onRecall: (id: string) => void;
}) {
  if (message.senderType === 'SYSTEM') {
    return (
      <p className="px-6 py-1 text-center text-xs text-slate-500" data-testid="widget-message">
        {message.body}
      </p>
    );
  }
  const own = message.senderType === 'VISITOR';
  const recalled = message.recalledAt !== null;
  const read = own && isReadByAgent(message, agentLastReadSeq);

  return (
    <div
      className={`flex flex-col ${own ? 'items-end' : 'items-start'}`}
      data-testid="widget-message"
      data-sender={message.senderType}
      data-recalled={recalled || undefined}
    >
      {showName && !own && (
        <span className="mb-1 px-1 text-[11px] font-medium text-slate-500">
          {message.senderName ?? 'Support'}
        </span>
      )}
      {recalled ? (
        <p className="max-w-[80%] rounded-2xl border border-dashed border-slate-300 px-3 py-1.5 text-[13px] text-slate-400 italic">
          Message recalled
        </p>
      ) : (
        <p
          className={`max-w-[80%] rounded-2xl px-3 py-2 text-[14px] leading-snug break-words whitespace-pre-wrap ${
            own
              ? 'rounded-br-md bg-indigo-600 text-white'
              : 'rounded-bl-md bg-white text-slate-800 shadow-sm ring-1 ring-slate-200'
          }`}
        >
          {message.body}
        </p>
      )}
      <div className="mt-1 flex items-center gap-1.5 px-1 text-[11px] text-slate-400">
        <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
        {own && !recalled && (
          <span
            className={`flex items-center gap-0.5 ${read ? 'text-indigo-600' : ''}`}
            data-testid={read ? 'widget-read' : undefined}
          >
            <CheckIcon className="size-3" />
            {read ? 'Read' : 'Sent'}
          </span>
        )}
        {canRecall(message, now) && (
          <button
            type="button"
            onClick={() => onRecall(message.id)}
            className="rounded px-1 text-slate-500 underline-offset-2 hover:text-indigo-700 hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
            data-testid="widget-recall"
          >
            Recall
          </button>
        )}
      </div>
    </div>
  );
}

export function MessageList({
  messages,
  pending,
  status,
  agentLastReadSeq,
  agentTyping,
  onRecall,
}: {
  messages: readonly ChatMessage[];
  pending: readonly PendingMessage[];
  status: ConversationStatus | undefined;
  agentLastReadSeq: number;
  agentTyping: AgentTyping | null;
  onRecall: (id: string) => void;
}) {
  const hasRecallable = messages.some((m) => m.senderType === 'VISITOR' && !m.recalledAt);
  const now = useNow(5_000, hasRecallable);
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  // Follow new messages unless the visitor has scrolled up to read history.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && stickToBottom.current) element.scrollTop = element.scrollHeight;
  }, [messages, pending, agentTyping, status]);

  return (
    <div
      ref={scroller}
      onScroll={(event) => {
        const element = event.currentTarget;
        stickToBottom.current =
          element.scrollHeight - element.scrollTop - element.clientHeight < 80;
      }}
      className="flex min-h-0 flex-1 flex-col gap-2 overflow-y-auto bg-slate-50 px-3 py-4"
      role="log"
      aria-live="polite"
      aria-label="Conversation"
    >
      <div className="flex flex-col items-start">
        <span className="mb-1 px-1 text-[11px] font-medium text-slate-500">Support</span>
        <p className="max-w-[80%] rounded-2xl rounded-bl-md bg-white px-3 py-2 text-[14px] leading-snug text-slate-800 shadow-sm ring-1 ring-slate-200">
          Hi there! How can we help you today?
        </p>
      </div>
      {messages.map((message, index) => {
        const previous = messages[index - 1];
        const showName =
          !previous ||
          previous.senderType !== message.senderType ||
          previous.senderName !== message.senderName;
        return (
          <MessageItem
            key={message.id}
            message={message}
            showName={showName}
            agentLastReadSeq={agentLastReadSeq}
            now={now}
            onRecall={onRecall}
          />
        );
      })}
      {pending.map((message) => (
        <div key={message.key} className="flex flex-col items-end opacity-70">
          <p className="max-w-[80%] rounded-2xl rounded-br-md bg-indigo-600 px-3 py-2 text-[14px] leading-snug break-words whitespace-pre-wrap text-white">
            {message.body}
          </p>
          <span className="mt-1 px-1 text-[11px] text-slate-400">Sending…</span>
        </div>
      ))}
      {status === 'RESOLVED' && (
        <p
          className="mx-auto my-1 rounded-full bg-emerald-50 px-3 py-1 text-center text-xs text-emerald-700 ring-1 ring-emerald-200"
          data-testid="widget-resolved"
        >
          Resolved — send a message to reopen this conversation
        </p>
      )}
      {agentTyping && <TypingIndicator name={agentTyping.name} />}
    </div>
  );
}
