import type { MessageItem } from '@/lib/workbench-state';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** One message. Bodies are plain text: React escapes them, never parsed as HTML. */
export function MessageBubble({
  message,
  visitorName,
}: {
  message: MessageItem;
  visitorName: string;
}) {
  const time = (
    <time dateTime={message.createdAt} title={new Date(message.createdAt).toLocaleString()}>
      {timeFormat.format(new Date(message.createdAt))}
    </time>
  );

  if (message.senderType === 'SYSTEM') {
    return (
      <li data-testid="message" data-sender="system" className="flex justify-center">
        <p className="max-w-[85%] rounded-full bg-slate-100 px-3 py-1 text-center text-xs whitespace-pre-wrap break-words text-slate-600">
          {message.body} · {time}
        </p>
      </li>
    );
  }

  const fromAgent = message.senderType === 'AGENT';
  const author = fromAgent ? (message.senderAgent?.name ?? 'Agent') : visitorName;
  return (
    <li
      data-testid="message"
      data-sender={fromAgent ? 'agent' : 'visitor'}
      className={`flex ${fromAgent ? 'justify-end' : 'justify-start'}`}
    >
      <div
        className={`flex max-w-[85%] flex-col gap-1 sm:max-w-[70%] ${fromAgent ? 'items-end' : 'items-start'}`}
      >
        <p
          className={`rounded-2xl px-3.5 py-2 text-sm leading-relaxed whitespace-pre-wrap break-words shadow-xs ${
            fromAgent
              ? 'rounded-br-md bg-indigo-600 text-white'
              : 'rounded-bl-md border border-slate-200 bg-white text-slate-900'
          }`}
        >
          {message.body}
        </p>
        <span className="px-1 text-[11px] text-slate-500">
          <span className="sr-only">{fromAgent ? 'Sent by ' : 'From '}</span>
          {author} · {time}
        </span>
      </div>
    </li>
  );
}
