'use client';

import { useEffect, useRef } from 'react';
import { formatRelativeTime } from '@/lib/relative-time';
import type { ListedConversation } from '@/lib/workbench-state';
import { PinIcon } from './icons';
import { channelLabel, focusRing, statusLabel } from './labels';
import { StatusBadge } from './status-badge';
import { VisitorAvatar } from './visitor-avatar';

type ConversationListProps = {
  conversations: readonly ListedConversation[];
  selectedId: string | null;
  now: number;
  loading: boolean;
  hasMore: boolean;
  emptyText: string;
  /** Conversations where the visitor is typing right now. */
  typingIn: ReadonlySet<string>;
  onSelect: (id: string) => void;
  onLoadMore: () => void;
};

export function ConversationList({
  conversations,
  selectedId,
  now,
  loading,
  hasMore,
  emptyText,
  typingIn,
  onSelect,
  onLoadMore,
}: ConversationListProps) {
  const sentinel = useRef<HTMLLIElement>(null);

  // Infinite scroll: the next page loads as the end of the list comes into view.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore) return undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) onLoadMore();
      },
      { rootMargin: '200px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasMore, onLoadMore, conversations.length]);

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
    return <p className="px-6 py-12 text-center text-sm text-slate-500">{emptyText}</p>;
  }

  return (
    <ul aria-label="Conversations" className="divide-y divide-slate-100">
      {conversations.map((conversation) => {
        const selected = conversation.id === selectedId;
        const unread = selected ? 0 : conversation.unreadCount;
        const typing = typingIn.has(conversation.id);
        const label = [
          conversation.visitor.name,
          conversation.pinned ? 'pinned' : null,
          unread > 0 ? `${unread} unread` : null,
          statusLabel[conversation.status].toLowerCase(),
          conversation.assignee ? `assigned to ${conversation.assignee.name}` : null,
          channelLabel[conversation.channel],
        ]
          .filter(Boolean)
          .join(', ');
        return (
          <li key={conversation.id}>
            <button
              type="button"
              data-testid="conversation-item"
              data-conversation-id={conversation.id}
              data-status={conversation.status}
              aria-current={selected ? 'true' : undefined}
              aria-label={label}
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
              <span className="relative">
                <VisitorAvatar id={conversation.visitor.id} name={conversation.visitor.name} />
                {conversation.assignee ? (
                  <span className="absolute -right-1 -bottom-1 rounded-full ring-2 ring-white">
                    <VisitorAvatar
                      id={conversation.assignee.id}
                      name={conversation.assignee.name}
                      size="xs"
                      title={`Assigned to ${conversation.assignee.name}`}
                    />
                  </span>
                ) : null}
              </span>
              <span className="min-w-0 flex-1">
                <span className="flex items-center gap-1.5">
                  <span
                    className={`truncate text-sm text-slate-900 ${unread > 0 ? 'font-bold' : 'font-semibold'}`}
                    title={conversation.visitor.name}
                  >
                    {conversation.visitor.name}
                  </span>
                  {conversation.pinned ? (
                    <PinIcon
                      data-testid="pinned-marker"
                      className="size-3.5 shrink-0 text-indigo-500"
                    />
                  ) : null}
                  <time
                    dateTime={conversation.lastActivityAt}
                    title={new Date(conversation.lastActivityAt).toLocaleString()}
                    className="ml-auto shrink-0 text-xs text-slate-500"
                  >
                    {formatRelativeTime(conversation.lastActivityAt, now)}
                  </time>
                </span>
                <span className="mt-0.5 flex items-center gap-2">
                  <span
                    className={`min-w-0 flex-1 truncate text-sm ${
                      typing
                        ? 'text-indigo-600 italic'
                        : unread > 0
                          ? 'text-slate-800'
                          : 'text-slate-500'
                    }`}
                  >
                    {typing ? 'typing…' : (conversation.lastMessagePreview ?? 'No messages yet')}
                  </span>
                  {unread > 0 ? (
                    <span
                      data-testid="unread-badge"
                      className="flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-rose-500 px-1.5 text-[11px] font-semibold text-white tabular-nums"
                    >
                      {unread > 99 ? '99+' : unread}
                    </span>
                  ) : null}
                  <StatusBadge status={conversation.status} />
                </span>
              </span>
            </button>
          </li>
        );
      })}
      {hasMore ? (
        <li ref={sentinel} className="px-4 py-3 text-center">
          <button
            type="button"
            onClick={onLoadMore}
            disabled={loading}
            className={`rounded-lg px-3 py-1.5 text-xs font-medium text-slate-500 hover:bg-slate-100 disabled:opacity-60 ${focusRing}`}
          >
            {loading ? 'Loading…' : 'Load more'}
          </button>
        </li>
      ) : null}
    </ul>
  );
}
