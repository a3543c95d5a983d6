import { phoneMatches } from '@parley/phone';
import type {
  Channel,
  ConversationCountsQuery,
  ConversationFilter,
  ConversationSummaryFragment,
  ConversationView,
} from '@/generated/graphql';

/** The list tabs, in display order, with the `conversationCounts` field each one reads. */
export const VIEWS: readonly {
  view: ConversationView;
  label: string;
  countKey: keyof ConversationCountsQuery['conversationCounts'];
}[] = [
  { view: 'MINE', label: 'Mine', countKey: 'mine' },
  { view: 'ROBOT', label: 'Robot', countKey: 'robot' },
  { view: 'UNASSIGNED', label: 'Unassigned', countKey: 'unassigned' },
  { view: 'UNREAD', label: 'Unread', countKey: 'unread' },
  { view: 'ALL', label: 'All', countKey: 'all' },
  { view: 'HISTORY', label: 'History', countKey: 'history' },
];

export const CHANNELS: readonly Channel[] = [
  'WEBSITE',
  'MESSENGER',
  'TELEGRAM',
  'WHATSAPP',
  'EMAIL',
];

type Matchable = Pick<
  ConversationSummaryFragment,
  'status' | 'assignee' | 'channel' | 'lastActivityAt' | 'visitor'
>;

/** Whether a conversation belongs to a view, the way the server's `conversations(view:)` decides. */
export function matchesView(
  conversation: Matchable,
  view: ConversationView,
  meId: string | null,
  unreadCount: number,
): boolean {
  const open = conversation.status !== 'RESOLVED';
  switch (view) {
    case 'MINE':
      return (
        conversation.status === 'ASSIGNED' && meId !== null && conversation.assignee?.id === meId
      );
    case 'ROBOT':
      return conversation.status === 'ROBOT';
    case 'UNASSIGNED':
      return conversation.status === 'UNASSIGNED';
    case 'UNREAD':
      return open && unreadCount > 0;
    case 'ALL':
      return open;
    case 'HISTORY':
      return conversation.status === 'RESOLVED';
  }
}

function contains(haystack: string | null | undefined, needle: string): boolean {
  return haystack != null && haystack.toLowerCase().includes(needle.toLowerCase());
}

/**
 * Whether a conversation passes a filter; every set field must match (AND).
 * Phones use `phoneMatches` from `@parley/phone`, the rule the server's filter
 * runs too, so a live event never disagrees with the server's list.
 */
export function matchesFilter(conversation: Matchable, filter: ConversationFilter): boolean {
  const { visitor } = conversation;
  if (filter.tagIds && filter.tagIds.length > 0) {
    const wanted = new Set(filter.tagIds.map(String));
    if (!visitor.tags.some((tag) => wanted.has(tag.id))) return false;
  }
  if (filter.phone && !phoneMatches(visitor.phone, filter.phone)) return false;
  if (filter.email && !contains(visitor.email, filter.email)) return false;
  const activity = Date.parse(conversation.lastActivityAt);
  if (filter.lastReplyFrom && activity < Date.parse(filter.lastReplyFrom)) return false;
  if (filter.lastReplyTo && activity > Date.parse(filter.lastReplyTo)) return false;
  if (filter.channels && filter.channels.length > 0) {
    if (!filter.channels.includes(conversation.channel)) return false;
  }
  if (filter.search) {
    const q = filter.search;
    if (
      !contains(visitor.name, q) &&
      !contains(visitor.email, q) &&
      !phoneMatches(visitor.phone, q)
    )
      return false;
  }
  return true;
}

/** The list's scope: a view narrowed by a filter, as seen by one agent. */
export type ListScope = {
  view: ConversationView;
  filter: ConversationFilter;
  meId: string | null;
};

export function isInScope(conversation: Matchable, unreadCount: number, scope: ListScope): boolean {
  return (
    matchesView(conversation, scope.view, scope.meId, unreadCount) &&
    matchesFilter(conversation, scope.filter)
  );
}

/**
 * The filter as sent to the server: trimmed, without empty fields, in a fixed
 * key order (so equal filters serialise equally), or null when nothing is set.
 */
export function normalizeFilter(filter: ConversationFilter): ConversationFilter | null {
  const out: ConversationFilter = {};
  const text = (value: string | null | undefined) => value?.trim() || undefined;
  if (filter.channels?.length) out.channels = [...filter.channels].sort();
  const email = text(filter.email);
  if (email) out.email = email;
  if (filter.lastReplyFrom) out.lastReplyFrom = filter.lastReplyFrom;
  if (filter.lastReplyTo) out.lastReplyTo = filter.lastReplyTo;
  const phone = text(filter.phone);
  if (phone) out.phone = phone;
  const search = text(filter.search);
  if (search) out.search = search;
  if (filter.tagIds?.length) out.tagIds = filter.tagIds.map(String).sort();
  return Object.keys(out).length > 0 ? out : null;
}

/** How many funnel criteria are set (search has its own box and is not counted). */
export function countFunnelCriteria(filter: ConversationFilter): number {
  let n = 0;
  if (filter.tagIds?.length) n += 1;
  if (filter.phone?.trim()) n += 1;
  if (filter.email?.trim()) n += 1;
  if (filter.lastReplyFrom || filter.lastReplyTo) n += 1;
  if (filter.channels?.length) n += 1;
  return n;
}

/** A stable key for a view + filter, to tell one list's pages from another's. */
export function scopeKey(view: ConversationView, filter: ConversationFilter | null): string {
  return JSON.stringify([view, filter ?? {}]);
}
