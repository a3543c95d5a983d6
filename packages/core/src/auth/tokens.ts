// Opaque bearer tokens: random, prefixed by kind, stored only as SHA-256.
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_TOKEN_PREFIX = 'pss_';
export const API_TOKEN_PREFIX = 'pat_';

export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
