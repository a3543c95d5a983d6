import type { Channel, ConversationFilter, ConversationView } from '@/generated/graphql';
import { CHANNELS, VIEWS } from './conversation-views';

/** The filter funnel (everything but the search box). */
export type FunnelFilter = Omit<ConversationFilter, 'search'>;

/**
 * What the inbox URL says: the open conversation (`/conversations/<id>`),
 * the view and the filters (query string), so a link or a reload shows the
 * same thing. `view` is null when the URL names none (the last one used).
 */
export type InboxLocation = {
  conversationId: string | null;
  view: ConversationView | null;
  filter: FunnelFilter;
  search: string;
};

const CONVERSATION_PATH = /^\/conversations\/([^/]+)\/?$/;

function decodeSegment(segment: string): string | null {
  try {
    const id = decodeURIComponent(segment).trim();
    return id === '' ? null : id;
  } catch {
    return null;
  }
}

function isoDate(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Reads a workbench URL; anything unknown or malformed is left out. */
export function parseInboxUrl(pathname: string, search: string): InboxLocation {
  const params = new URLSearchParams(search);
  const match = CONVERSATION_PATH.exec(pathname);
  const conversationId = match?.[1] ? decodeSegment(match[1]) : null;

  const viewParam = params.get('view')?.toUpperCase();
  const view = VIEWS.find((v) => v.view === viewParam)?.view ?? null;

  const filter: FunnelFilter = {};
  const tagIds = params.getAll('tag').filter((t) => t.trim() !== '');
  if (tagIds.length > 0) filter.tagIds = [...new Set(tagIds)].sort();
  const phone = params.get('phone')?.trim();
  if (phone) filter.phone = phone;
  const email = params.get('email')?.trim();
  if (email) filter.email = email;
  const from = isoDate(params.get('from'));
  if (from) filter.lastReplyFrom = from;
  const to = isoDate(params.get('to'));
  if (to) filter.lastReplyTo = to;
  const channels = params
    .getAll('channel')
    .map((c) => c.toUpperCase())
    .filter((c): c is Channel => (CHANNELS as readonly string[]).includes(c));
  if (channels.length > 0) filter.channels = [...new Set(channels)].sort();

  return { conversationId, view, filter, search: params.get('q')?.trim() ?? '' };
}

/** The URL for a location: `/` or `/conversations/<id>`, then the query string in a fixed order. */
export function inboxUrl(location: InboxLocation): string {
  const path = location.conversationId
    ? `/conversations/${encodeURIComponent(location.conversationId)}`
    : '/';
  const params = new URLSearchParams();
  if (location.view) params.set('view', location.view);
  const { filter } = location;
  for (const tag of [...(filter.tagIds ?? [])].map(String).sort()) params.append('tag', tag);
  if (filter.phone?.trim()) params.set('phone', filter.phone.trim());
  if (filter.email?.trim()) params.set('email', filter.email.trim());
  if (filter.lastReplyFrom) params.set('from', String(filter.lastReplyFrom));
  if (filter.lastReplyTo) params.set('to', String(filter.lastReplyTo));
  for (const channel of [...(filter.channels ?? [])].sort()) params.append('channel', channel);
  if (location.search.trim()) params.set('q', location.search.trim());
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
