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

export function verifyVisitorToken(key: Buffer, token: string): VisitorClaims | null {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1') return null;
  const [, workspaceId = '', visitorId = '', signature = ''] = parts;
  if (!UUID.test(workspaceId) || !UUID.test(visitorId)) return null;
  const expected = Buffer.from(mac(key, `v1.${workspaceId}.${visitorId}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { workspaceId, visitorId };
}
