import { describe, expect, it } from 'vitest';
import { loadVisitorToken, saveVisitorToken, visitorTokenKey } from './storage';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

describe('visitor token storage', () => {
  it('keys the token by channel', () => {
    expect(visitorTokenKey('demo-website')).toBe('parley:visitor-token:demo-website');
    expect(visitorTokenKey('a')).not.toBe(visitorTokenKey('b'));
  });

  it('round-trips a token per channel', () => {
    const storage = memoryStorage();
    saveVisitorToken(storage, 'shop', 'tok-1');
    saveVisitorToken(storage, 'blog', 'tok-2');
    expect(loadVisitorToken(storage, 'shop')).toBe('tok-1');
    expect(loadVisitorToken(storage, 'blog')).toBe('tok-2');
    expect(loadVisitorToken(storage, 'other')).toBeNull();
  });

  it('survives missing or throwing storage', () => {
    expect(loadVisitorToken(null, 'shop')).toBeNull();
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadVisitorToken(throwing, 'shop')).toBeNull();
    expect(() => saveVisitorToken(throwing, 'shop', 't')).not.toThrow();
  });

  it('ignores an implausibly long stored value', () => {
    const storage = memoryStorage();
    storage.setItem(visitorTokenKey('shop'), 'x'.repeat(501));
    expect(loadVisitorToken(storage, 'shop')).toBeNull();
  });
});
