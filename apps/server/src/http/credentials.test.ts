import { describe, expect, it } from 'vitest';
import { credentialsFromConnectionParams, credentialsFromHeaders } from './credentials.js';
import { clearedSessionCookie, readCookie, sessionCookie } from './session-cookie.js';

describe('credentials from a request', () => {
  it('prefers the Authorization header over the cookie', () => {
    expect(credentialsFromHeaders('Bearer pss_a', 'parley_session=pss_b')).toEqual({
      bearer: 'pss_a',
    });
    expect(credentialsFromHeaders('Visitor v1.x', 'parley_session=pss_b')).toEqual({
      visitor: 'v1.x',
    });
  });

  it('falls back to the session cookie', () => {
    expect(credentialsFromHeaders(undefined, 'a=1; parley_session=pss_c; b=2')).toEqual({
      bearer: 'pss_c',
    });
    expect(credentialsFromHeaders(undefined, undefined)).toEqual({ bearer: null });
  });

  it('reads graphql-ws connection params', () => {
    expect(credentialsFromConnectionParams({ token: 'pat_x' }, undefined)).toEqual({
      bearer: 'pat_x',
    });
    expect(credentialsFromConnectionParams({ visitorToken: 'v1.y' }, undefined)).toEqual({
      visitor: 'v1.y',
    });
    expect(credentialsFromConnectionParams({ authorization: 'Bearer pss_z' }, undefined)).toEqual({
      bearer: 'pss_z',
    });
    expect(credentialsFromConnectionParams(undefined, 'parley_session=pss_w')).toEqual({
      bearer: 'pss_w',
    });
    expect(credentialsFromConnectionParams({ token: 42 }, undefined)).toEqual({ bearer: null });
  });
});

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, and Secure when asked', () => {
    const cookie = sessionCookie('pss_t', new Date(Date.now() + 60_000), true);
    expect(cookie).toMatch(
      /^parley_session=pss_t; Path=\/; HttpOnly; SameSite=Lax; Max-Age=(59|60); Secure$/,
    );
    expect(clearedSessionCookie(false)).toBe(
      'parley_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0',
    );
  });

  it('survives malformed cookie headers', () => {
    expect(readCookie('parley_session=%E0%A4%A', 'parley_session')).toBeNull();
    expect(readCookie('=x; ;parley_session', 'parley_session')).toBeNull();
  });
});
