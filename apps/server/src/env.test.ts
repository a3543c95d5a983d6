import { describe, expect, it } from 'vitest';
import { loadConfig } from './env.js';

describe('configuration of accounts', () => {
  it('seeds the demo by default, except under NODE_ENV=production', () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', PARLEY_SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({ PARLEY_SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  it('keeps public sign-up off unless PARLEY_SIGNUP=true', () => {
    expect(loadConfig({}).signUpEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).signUpEnabled).toBe(false);
    expect(loadConfig({ PARLEY_SIGNUP: 'true' }).signUpEnabled).toBe(true);
    expect(() => loadConfig({ PARLEY_SIGNUP: 'yes' })).toThrow(/PARLEY_SIGNUP/);
  });
});

describe('configuration', () => {
  it('production defaults: no introspection, Secure cookies, no stack traces', () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    expect(config.introspection).toBe(false);
    expect(config.secureCookies).toBe(true);
    expect(config.includeStacktraces).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).includeStacktraces).toBe(false);
    expect(loadConfig({}).includeStacktraces).toBe(true);
  });

  it('the public URL follows WEB_PORT when unset, and gives the allowed origins', () => {
    expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
    const config = loadConfig({ WEB_PORT: '3100' });
    expect(config.publicUrl).toBe('http://localhost:3100');
    expect([...config.allowedOrigins]).toEqual([
      'http://localhost:3100',
      'http://127.0.0.1:3100',
      'http://[::1]:3100',
    ]);
    const public_ = loadConfig({ PARLEY_PUBLIC_URL: 'https://support.example.com/app' });
    expect([...public_.allowedOrigins]).toEqual(['https://support.example.com']);
    const listed = loadConfig({
      PARLEY_ALLOWED_ORIGINS: 'https://a.example.com, https://b.example.com:8443',
    });
    expect([...listed.allowedOrigins]).toEqual([
      'https://a.example.com',
      'https://b.example.com:8443',
    ]);
    expect(() => loadConfig({ PARLEY_ALLOWED_ORIGINS: 'nonsense' })).toThrow(
      /PARLEY_ALLOWED_ORIGINS/,
    );
  });

  it('PARLEY_TRUST_PROXY reads like Express trust proxy', () => {
    expect(loadConfig({}).trustProxy('127.0.0.1', 0)).toBe(true);
    expect(loadConfig({}).trustProxy('203.0.113.1', 0)).toBe(false);
    expect(loadConfig({ PARLEY_TRUST_PROXY: 'false' }).trustProxy('127.0.0.1', 0)).toBe(false);
    const hops = loadConfig({ PARLEY_TRUST_PROXY: '2' }).trustProxy;
    expect([hops('203.0.113.1', 0), hops('203.0.113.2', 1), hops('203.0.113.3', 2)]).toEqual([
      true,
      true,
      false,
    ]);
    const cidrs = loadConfig({ PARLEY_TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy;
    expect([cidrs('10.1.2.3', 0), cidrs('::1', 1), cidrs('11.0.0.1', 0)]).toEqual([
      true,
      true,
      false,
    ]);
    expect(() => loadConfig({ PARLEY_TRUST_PROXY: 'not-an-address' })).toThrow(
      /PARLEY_TRUST_PROXY/,
    );
  });
});
