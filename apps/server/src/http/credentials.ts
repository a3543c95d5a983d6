import type { Credentials } from '@parley/core';
import { readCookie, SESSION_COOKIE } from './session-cookie.js';

/**
 * Credentials from an HTTP request or a WebSocket upgrade: `Authorization:
 * Bearer` (session or API token) wins over the session cookie;
 * `Authorization: Visitor` carries a visitor token.
 */
export function credentialsFromHeaders(
  authorization: string | undefined,
  cookie: string | undefined,
): Credentials {
  const [scheme = '', value = ''] = (authorization ?? '').trim().split(/\s+/, 2);
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return { bearer: value };
    case 'visitor':
      return { visitor: value };
    default:
      return { bearer: readCookie(cookie, SESSION_COOKIE) };
  }
}

/** graphql-ws `connection_init` payload: `{ token }`, `{ authorization }` or `{ visitorToken }`. */
export function credentialsFromConnectionParams(
  params: Readonly<Record<string, unknown>> | undefined,
  cookie: string | undefined,
): Credentials {
  const text = (key: string) =>
    typeof params?.[key] === 'string' ? (params[key] as string) : undefined;
  if (text('visitorToken')) return { visitor: text('visitorToken') };
  if (text('token')) return { bearer: text('token') };
  if (text('authorization')) return credentialsFromHeaders(text('authorization'), cookie);
  return credentialsFromHeaders(undefined, cookie);
}
