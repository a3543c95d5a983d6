// Signed visitor tokens: stateless, so a returning widget proves who it is
// without a lookup. Format: v1.<workspaceId>.<visitorId>.<HMAC-SHA256>.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface VisitorClaims {
  workspaceId: string;
  visitorId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

export function signVisitorToken(key: Buffer, claims: VisitorClaims): string {
  const body = `v1.${claims.workspaceId}.${claims.visitorId}`;
  return `${body}.${mac(key, body)}`;
}

/** Tokens already verified, per key: every widget request presents one. */
const verified = new WeakMap<Buffer, Map<string, VisitorClaims>>();
const MAX_VERIFIED = 10_000;

export function verifyVisitorToken(key: Buffer, token: string): VisitorClaims | null {
  let known = verified.get(key);
  const hit = known?.get(token);
  if (hit) return hit;
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1') return null;
  const [, workspaceId = '', visitorId = '', signature = ''] = parts;
  if (!UUID.test(workspaceId) || !UUID.test(visitorId)) return null;
  const expected = Buffer.from(mac(key, `v1.${workspaceId}.${visitorId}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims: VisitorClaims = Object.freeze({ workspaceId, visitorId });
  // Only genuine tokens are remembered, so a flood of forged ones costs an
  // HMAC each and cannot evict anything; the oldest go first past the cap.
  if (!known) {
    known = new Map();
    verified.set(key, known);
  }
  if (known.size >= MAX_VERIFIED) {
    const oldest = known.keys().next();
    if (!oldest.done) known.delete(oldest.value);
  }
  known.set(token, claims);
  return claims;
}
