import { deliveryStatus } from '@/lib/message-status';
import type { MessageItem } from '@/lib/workbench-state';
import { CheckIcon, DoubleCheckIcon } from './icons';
import { focusRing } from './labels';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

type MessageBubbleProps = {
  message: MessageItem;
  visitorName: string;
  visitorLastReadSeq: number;
  /** Set while the agent may still recall this message. */
  onRecall?: () => void;
  recalling?: boolean;
};

/** One message. Bodies are plain text: React escapes them, never parsed as HTML. */
export function MessageBubble({
  message,
  visitorName,
  visitorLastReadSeq,
  onRecall,
  recalling = false,
}: MessageBubbleProps) {
  const time = (
    <time dateTime={message.createdAt} title={new Date(message.createdAt).toLocaleString()}>
      {timeFormat.format(new Date(message.createdAt))}
    </time>
  );

  // Assignment notes and activity: agents only, centred like a system line.
  if (message.internal || message.senderType === 'SYSTEM') {
    return (
      <li
        data-testid="message"
        data-sender={message.internal ? 'internal' : 'system'}
        className="flex justify-center"
      >
        <p className="max-w-[85%] rounded-lg bg-amber-50 px-3 py-1.5 text-center text-xs whitespace-pre-wrap break-words text-amber-900 ring-1 ring-amber-200/70">
          {message.internal ? <span className="sr-only">Internal note: </span> : null}
          {message.recalledAt ? 'Message recalled' : message.body}{' '}
          <span className="text-amber-700/70">· {time}</span>
        </p>
      </li>
    );
  }

  const fromAgent = message.senderType === 'AGENT';
  const author = fromAgent ? (message.senderAgent?.name ?? 'Agent') : visitorName;
  const recalled = message.recalledAt !== null;
  const status = deliveryStatus(message, visitorLastReadSeq);

  return (
    <li
      data-testid="message"
      data-sender={fromAgent ? 'agent' : 'visitor'}
      data-seq={message.seq}
      data-recalled={recalled ? 'true' : undefined}
      className={`group flex ${fromAgent ? 'justify-end' : 'justify-start'}`}
    >
      <div
        className={`flex max-w-[85%] flex-col gap-1 sm:max-w-[70%] ${fromAgent ? 'items-end' : 'items-start'}`}
      >
        {recalled ? (
          <p className="rounded-2xl border border-dashed border-slate-300 px-3.5 py-2 text-sm text-slate-500 italic">
            Message recalled
          </p>
        ) : (
          <p
            className={`rounded-2xl px-3.5 py-2 text-sm leading-relaxed whitespace-pre-wrap break-words shadow-xs ${
              fromAgent
                ? 'rounded-br-md bg-indigo-600 text-white'
                : 'rounded-bl-md border border-slate-200 bg-white text-slate-900'
            }`}
          >
            {message.body}
          </p>
        )}
        <span className="flex items-center gap-1.5 px-1 text-[11px] text-slate-500">
          <span>
            <span className="sr-only">{fromAgent ? 'Sent by ' : 'From '}</span>
            {author} · {time}
          </span>
          {status ? (
            <span
              data-testid="message-status"
              className={`flex items-center gap-0.5 ${status === 'read' ? 'text-indigo-600' : ''}`}
            >
              {status === 'read' ? (
                <DoubleCheckIcon className="size-3.5" />
              ) : (
                <CheckIcon className="size-3" />
              )}
              {status === 'read' ? 'Read' : 'Sent'}
            </span>
          ) : null}
          {onRecall ? (
            <button
              type="button"
              data-testid="recall-message"
              onClick={onRecall}
              disabled={recalling}
              aria-label="Recall this message"
              className={`rounded px-1 font-medium text-slate-500 underline-offset-2 hover:text-rose-600 hover:underline disabled:opacity-60 ${focusRing}`}
            >
              {recalling ? 'Recalling…' : 'Recall'}
            </button>
          ) : null}
        </span>
      </div>
    </li>
  );
}
