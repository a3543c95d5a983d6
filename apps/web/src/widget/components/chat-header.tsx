import type { ConversationStatus } from '@/generated/graphql';
import type { WidgetLiveStatus } from '../widget-client';
import { ChatIcon, CloseIcon } from './icons';

function subtitle(status: ConversationStatus | undefined, assigneeName: string | null): string {
  switch (status) {
    case 'ROBOT':
      return 'You’re chatting with our assistant';
    case 'UNASSIGNED':
      return 'Waiting for the next available agent…';
    case 'ASSIGNED':
      return assigneeName ? `${assigneeName} is here to help` : 'An agent is here to help';
    case 'RESOLVED':
      return 'This conversation is resolved';
    default:
      return 'We usually reply in a few minutes';
  }
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

export function ChatHeader({
  status,
  assigneeName,
  live,
  onClose,
}: {
  status: ConversationStatus | undefined;
  assigneeName: string | null;
  live: WidgetLiveStatus;
  onClose: (() => void) | null;
}) {
  const offline = live === 'reconnecting' || live === 'failed';
  return (
    <header className="flex shrink-0 items-center gap-3 bg-gradient-to-br from-indigo-600 to-violet-600 px-4 py-3 text-white">
      <div className="relative grid size-10 shrink-0 place-items-center rounded-full bg-white/15 text-sm font-semibold ring-1 ring-white/25">
        {assigneeName && status === 'ASSIGNED' ? (
          initials(assigneeName)
        ) : (
          <ChatIcon className="size-5" />
        )}
        <span
          className={`absolute right-0 bottom-0 size-2.5 rounded-full ring-2 ring-indigo-600 ${
            offline ? 'bg-amber-400' : 'bg-emerald-400'
          }`}
          aria-hidden
        />
      </div>
      <div className="min-w-0 flex-1">
        <h1 className="truncate text-[15px] leading-5 font-semibold">
          {status === 'ASSIGNED' && assigneeName ? assigneeName : 'Chat with us'}
        </h1>
        <p className="truncate text-xs text-indigo-100" data-testid="widget-status">
          {offline
            ? live === 'failed'
              ? 'Disconnected — reload to reconnect'
              : 'Reconnecting…'
            : subtitle(status, assigneeName)}
        </p>
      </div>
      {onClose && (
        <button
          type="button"
          onClick={onClose}
          className="grid size-8 shrink-0 place-items-center rounded-full text-indigo-100 transition hover:bg-white/15 hover:text-white focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none"
          aria-label="Close chat"
          data-testid="widget-close"
        >
          <CloseIcon className="size-4" />
        </button>
      )}
    </header>
  );
}
