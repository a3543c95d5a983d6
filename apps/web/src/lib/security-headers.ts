// The workbench's response headers: a Content-Security-Policy that works with
// the app router's inline bootstrap scripts (Next inlines its flight data, so
// script-src needs 'unsafe-inline' unless every page is rendered per request
// with a nonce), no MIME sniffing, and no full URLs in Referer.

export interface SecurityHeaderOptions {
  /** `next dev` evaluates code (React Refresh): it needs 'unsafe-eval'. */
  dev: boolean;
  /** A WebSocket URL on another origin (NEXT_PUBLIC_PARLEY_WS_URL), if any. */
  webSocketUrl?: string | undefined;
  /** Who may frame the page: CSP sources, or null to leave framing unrestricted. */
  frameAncestors: readonly string[] | null;
}

export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const connect = ["'self'"];
  if (options.webSocketUrl) {
    try {
      const url = new URL(options.webSocketUrl);
      connect.push(`${url.protocol}//${url.host}`);
    } catch {
      // An invalid URL is reported where it is used.
    }
  }
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ...(options.frameAncestors ? [`frame-ancestors ${options.frameAncestors.join(' ')}`] : []),
  ];
  return directives.join('; ');
}

export function securityHeaders(options: SecurityHeaderOptions): { key: string; value: string }[] {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy(options) },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    ...(options.frameAncestors?.length === 1 && options.frameAncestors[0] === "'self'"
      ? [{ key: 'X-Frame-Options', value: 'SAMEORIGIN' }]
      : []),
  ];
}
