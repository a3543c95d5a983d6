import { afterEach, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from './security-headers';
import { frameAncestorSources, widgetFrameAncestors } from './widget-frame-policy';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('widget frame policy', () => {
  it("builds frame-ancestors from 'self' and the channel's origins, dropping anything else", () => {
    const sources = frameAncestorSources([
      'https://shop.example.com',
      'https://shop.example.com',
      'http://localhost:3001',
      "https://evil.example; script-src 'unsafe-eval'",
      'javascript:alert(1)',
      'https://shop.example.com/path',
      'https://other.example.com/x',
      42,
    ]);
    expect(sources).toEqual(["'self'", 'https://shop.example.com', 'http://localhost:3001']);
    const csp = contentSecurityPolicy({ dev: false, frameAncestors: sources });
    expect(csp).toContain("frame-ancestors 'self' https://shop.example.com http://localhost:3001");
    expect(csp).not.toContain('evil');
  });

  it('asks the API once per key within the cache time, and fails closed', async () => {
    const fetchMock = vi.fn(async () =>
      Response.json({ data: { widgetFramePolicy: ['https://a.example.com'] } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const now = 1_000_000;
    expect(await widgetFrameAncestors('http://api', 'key-1', now)).toEqual([
      "'self'",
      'https://a.example.com',
    ]);
    await widgetFrameAncestors('http://api', 'key-1', now + 1_000);
    expect(fetchMock).toHaveBeenCalledTimes(1);

    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new Error('down');
      }),
    );
    expect(await widgetFrameAncestors('http://api', 'key-2', now)).toEqual(["'self'"]);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('oops', { status: 500 })),
    );
    expect(await widgetFrameAncestors('http://api', 'key-3', now)).toEqual(["'self'"]);
    expect(await widgetFrameAncestors('http://api', null, now)).toEqual(["'self'"]);
  });
});
