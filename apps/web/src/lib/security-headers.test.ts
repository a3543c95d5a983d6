import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './security-headers';

describe('workbench security headers', () => {
  it('pages may be framed only by the workbench, and never sniffed', () => {
    const headers = Object.fromEntries(
      securityHeaders({ dev: false, frameAncestors: ["'self'"] }).map((h) => [h.key, h.value]),
    );
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'self'");
    expect(headers['Content-Security-Policy']).not.toContain('unsafe-eval');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['X-Frame-Options']).toBe('SAMEORIGIN');
  });

  it('the widget leaves framing to its embedders; a WebSocket on another origin may connect', () => {
    const csp = contentSecurityPolicy({
      dev: true,
      frameAncestors: null,
      webSocketUrl: 'wss://api.example.com/graphql',
    });
    expect(csp).not.toContain('frame-ancestors');
    expect(csp).toContain("connect-src 'self' wss://api.example.com");
    expect(csp).toContain("'unsafe-eval'");
  });
});
