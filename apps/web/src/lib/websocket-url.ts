type PageLocation = Pick<Location, 'protocol' | 'host'>;

/**
 * The GraphQL WebSocket endpoint. By default the page's own origin: `next
 * start` proxies WebSocket upgrades on `/graphql` to the API like plain HTTP,
 * so the browser sends the first-party `parley_session` cookie with the
 * upgrade. `override` (NEXT_PUBLIC_PARLEY_WS_URL) points elsewhere when the
 * workbench sits behind a proxy that cannot carry WebSockets.
 */
export function resolveWebSocketUrl(location: PageLocation, override?: string): string {
  if (override) return override;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/graphql`;
}
