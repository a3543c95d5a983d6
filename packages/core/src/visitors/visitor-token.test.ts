import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signVisitorToken, verifyVisitorToken } from './visitor-token.js';

const key = randomBytes(32);
const claims = { workspaceId: randomUUID(), visitorId: randomUUID() };

describe('visitor tokens', () => {
  it('verify with the key that signed them', () => {
    expect(verifyVisitorToken(key, signVisitorToken(key, claims))).toEqual(claims);
  });

  it('fail with another key', () => {
    expect(verifyVisitorToken(randomBytes(32), signVisitorToken(key, claims))).toBeNull();
  });

  it('fail when a claim is swapped', () => {
    const [v, w, , sig] = signVisitorToken(key, claims).split('.');
    expect(verifyVisitorToken(key, [v, w, randomUUID(), sig].join('.'))).toBeNull();
  });

  it('fail on malformed input', () => {
    for (const token of [
      '',
      'v1',
      'v1.a.b.c',
      'v2.x.y.z',
      `v1.${claims.workspaceId}.${claims.visitorId}`,
    ]) {
      expect(verifyVisitorToken(key, token)).toBeNull();
    }
  });

  it('stay bound to their key once verified (the verified-token cache is per key)', () => {
    const token = signVisitorToken(key, claims);
    expect(verifyVisitorToken(key, token)).toEqual(claims);
    expect(verifyVisitorToken(key, token)).toEqual(claims);
    expect(verifyVisitorToken(randomBytes(32), token)).toBeNull();
    const [v, w, , sig] = token.split('.');
    expect(verifyVisitorToken(key, [v, w, randomUUID(), sig].join('.'))).toBeNull();
    const other = token.endsWith('A') ? 'B' : 'A';
    expect(verifyVisitorToken(key, `${token.slice(0, -1)}${other}`)).toBeNull();
  });
});
