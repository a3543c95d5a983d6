// Who may frame the visitor widget (`/widget?channel=<key>`): the workbench
// itself ('self', for /demo) plus the origins its website channel allows, read
// from the API's anonymous `widgetFramePolicy` query. Answers are cached
// briefly per channel key; any failure falls back to 'self' only (fail closed).

const TTL_MS = 30_000;
const FAILURE_TTL_MS = 5_000;
const TIMEOUT_MS = 1_500;
const MAX_ENTRIES = 500;

/** CSP `frame-ancestors` sources: 'self' plus each valid http(s) origin, deduplicated. */
export function frameAncestorSources(origins: readonly unknown[]): string[] {
  const sources = new Set<string>(["'self'"]);
  for (const value of origins) {
    if (typeof value !== 'string') continue;
    try {
      const url = new URL(value);
      if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value) {
        sources.add(url.origin);
      }
    } catch {
      // Not an origin: never copied into the header.
    }
  }
  return [...sources];
}

interface Entry {
  origins: string[];
  expires: number;
}

const cache = new Map<string, Entry>();

async function fetchPolicy(apiUrl: string, channelKey: string): Promise<string[] | null> {
  try {
    const response = await fetch(`${apiUrl.replace(/\/+$/, '')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query($k:String!){widgetFramePolicy(channelKey:$k)}',
        variables: { k: channelKey },
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      cache: 'no-store',
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { data?: { widgetFramePolicy?: unknown } };
    const origins = body.data?.widgetFramePolicy;
    return Array.isArray(origins)
      ? origins.filter((o): o is string => typeof o === 'string')
      : null;
  } catch {
    return null;
  }
}

/** The frame-ancestors sources for a channel key (cached; 'self' only on any failure). */
export async function widgetFrameAncestors(
  apiUrl: string,
  channelKey: string | null,
  now = Date.now(),
): Promise<string[]> {
  if (!channelKey || channelKey.length > 200) return ["'self'"];
  const hit = cache.get(channelKey);
  if (hit && hit.expires > now) return frameAncestorSources(hit.origins);
  const origins = await fetchPolicy(apiUrl, channelKey);
  cache.delete(channelKey);
  if (cache.size >= MAX_ENTRIES) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(channelKey, {
    origins: origins ?? [],
    expires: now + (origins ? TTL_MS : FAILURE_TTL_MS),
  });
  return frameAncestorSources(origins ?? []);
}
