// Which requests may act with the session cookie, and which bodies are read.
// A page on another origin of the same site (another port of the same host)
// gets SameSite=Lax cookies attached to its requests; the Origin header it
// cannot forge tells them apart.
import { readCookie, SESSION_COOKIE } from './session-cookie.js';

/**
 * True when the request comes from an allowed origin, or sends no Origin at
 * all (a non-browser client, or a same-origin GET): browsers send Origin on
 * every cross-origin request and WebSocket upgrade.
 */
export function isAllowedOrigin(
  origin: string | string[] | undefined,
  allowed: ReadonlySet<string>,
): boolean {
  if (origin === undefined) return true;
  return typeof origin === 'string' && allowed.has(origin);
}

/** True when the request would be authenticated by the session cookie alone. */
export function usesSessionCookie(
  authorization: string | undefined,
  cookie: string | undefined,
): boolean {
  return !authorization?.trim() && readCookie(cookie, SESSION_COOKIE) !== null;
}

/** The media types a POST body may have (GraphQL over HTTP): anything else needs a CORS preflight. */
const JSON_MEDIA_TYPES = new Set(['application/json', 'application/graphql-response+json']);

/** True when a `Content-Type` header names JSON exactly (parameters such as charset aside). */
export function isJsonContentType(contentType: string | undefined): boolean {
  const [mediaType = ''] = (contentType ?? '').split(';', 1);
  return JSON_MEDIA_TYPES.has(mediaType.trim().toLowerCase());
}
