/**
 * The postMessage protocol between the loader (`public/widget.js`, on the
 * customer's page) and the widget iframe. The loader passes its page's origin
 * as `?host=`; the widget only trusts messages from its parent window with
 * exactly that origin, and only posts to that origin.
 *
 * host → widget: `parley:page` (the host page's URL, title, referrer, on load
 * and on SPA navigation) and `parley:visibility` (whether the chat is open).
 * widget → host: `parley:ready`, `parley:close`, `parley:unread` (a count).
 */
export type HostMessage =
  | { type: 'parley:page'; url: string; title: string | null; referrer: string | null }
  | { type: 'parley:visibility'; open: boolean };

export type WidgetToHostMessage =
  { type: 'parley:ready' } | { type: 'parley:close' } | { type: 'parley:unread'; count: number };

const MAX_URL = 2_000;
const MAX_TITLE = 500;

/** `?host=` as a plain http(s) origin, or null when absent or malformed. */
export function parseHostOrigin(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin === value ? value : null;
  } catch {
    return null;
  }
}

function text(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, max) : null;
}

type IncomingEvent = Pick<MessageEvent, 'origin' | 'data'> & { source: unknown };

/**
 * The message in `event` if it comes from the expected parent window and
 * origin and is well formed; null otherwise. A page view must name a URL on
 * the host's own origin.
 */
export function readHostMessage(
  event: IncomingEvent,
  expected: { origin: string; source: unknown },
): HostMessage | null {
  if (event.source !== expected.source || event.origin !== expected.origin) return null;
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null || !('type' in data)) return null;
  const record = data as Record<string, unknown>;

  if (record.type === 'parley:visibility') {
    return typeof record.open === 'boolean'
      ? { type: 'parley:visibility', open: record.open }
      : null;
  }
  if (record.type === 'parley:page') {
    const url = text(record.url, MAX_URL);
    if (!url) return null;
    try {
      if (new URL(url).origin !== expected.origin) return null;
    } catch {
      return null;
    }
    return {
      type: 'parley:page',
      url,
      title: text(record.title, MAX_TITLE),
      referrer: text(record.referrer, MAX_URL),
    };
  }
  return null;
}
