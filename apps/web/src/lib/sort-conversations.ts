import type { ConversationSummaryFragment } from '@/generated/graphql';

type Sortable = Pick<ConversationSummaryFragment, 'id' | 'pinned' | 'lastActivityAt'>;

/**
 * The workbench order, the same as the server's `conversations` query:
 * pinned first, then most recent activity first. The id breaks ties so the
 * order is stable when two conversations share a timestamp.
 */
export function compareConversations(a: Sortable, b: Sortable): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  const byActivity = Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt);
  if (byActivity !== 0) return byActivity;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function sortConversations<T extends Sortable>(conversations: readonly T[]): T[] {
  return [...conversations].sort(compareConversations);
}
