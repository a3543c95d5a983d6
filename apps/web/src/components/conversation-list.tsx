'use client';

import { formatRelativeTime } from '@/lib/relative-time';
import type { ConversationSummary } from '@/lib/workbench-state';
import { PinIcon } from './icons';
import { channelLabel } from './labels';
import { StatusBadge } from './status-badge';
import { VisitorAvatar } from './visitor-avatar';

type ConversationListProps = {
  conversations: readonly ConversationSummary[];
  selectedId: string | null;
  now: number;
  loading: boolean;
  onSelect: (id: string) => void;
};

export function ConversationList({
  conversations,
  selectedId,
  now,
  loading,
  onSelect,
}: ConversationListProps) {
  if (loading && conversations.length === 0) {
    return (
      <ul aria-label="Loading conversations" className="divide-y divide-slate-100" aria-busy="true">
        {Array.from({ length: 6 }, (_, i) => (
          <li key={i} className="flex animate-pulse gap-3 px-4 py-3">
            <span className="size-10 rounded-full bg-slate-200" />
            <span className="flex-1 space-y-2 py-1">
              <span className="block h-3 w-1/2 rounded bg-slate-200" />
              <span className="block h-3 w-4/5 rounded bg-slate-100" />
            </span>
          </li>
        ))}
      </ul>
    );
  }

  if (conversations.length === 0) {
    return (
      <p className="px-6 py-12 text-center text-sm text-slate-500">
        No conversations yet. New chats from your channels show up here live.
      </p>
    );
  }

  return (
    <ul aria-label="Conversations" className="divide-y divide-slate-100">
      {conversations.map((conversation) => {
        const selected = conversation.id === selectedId;
        const time = formatRelativeTime(conversation.lastActivityAt, now);
        return (
          <li key={conversation.id}>
            <button
              type="button"
              data-testid="conversation-item"
              data-conversation-id={conversation.id}
              aria-current={selected ? 'true' : undefined}
              aria-label={`${conversation.visitor.name}${conversation.pinned ? ', pinned' : ''}, ${conversation.status.toLowerCase()}, ${channelLabel[conversation.channel]}`}
              onClick={() => onSelect(conversation.id)}
              className={`group relative flex w-full gap-3 px-4 py-3 text-left transition focus-visible:z-10 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 ${
                selected ? 'bg-indigo-50' : 'hover:bg-slate-50'
              }`}
            >
              {selected ? (
                <span
                  aria-hidden="true"
                  className="absolute inset-y-0 left-0 w-1 rounded-r bg-indigo-600"
                />
              ) : null}
              <VisitorAvatar id={conversation.visitor.id} name={conversation.visitor.name} />
              <span className="min-w-0 flex-1">
                <span className="flex items-center gap-2">
                  <span className="truncate text-sm font-semibold text-slate-900">
                    {conversation.visitor.name}
                  </span>
                  {conversation.pinned ? (
                    <PinIcon className="size-3.5 shrink-0 text-indigo-500" />
                  ) : null}
                  <time
                    dateTime={conversation.lastActivityAt}
                    title={new Date(conversation.lastActivityAt).toLocaleString()}
                    className="ml-auto shrink-0 text-xs text-slate-500"
                  >
                    {time}
                  </time>
                </span>
                <span className="mt-0.5 flex items-center gap-2">
                  <span className="min-w-0 flex-1 truncate text-sm text-slate-600">
                    {conversation.lastMessagePreview ?? 'No messages yet'}
                  </span>
                  <StatusBadge status={conversation.status} />
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
