import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy } from './lib/security-headers';
import { widgetFrameAncestors } from './lib/widget-frame-policy';

/**
 * Forwards `/graphql` (HTTP and WebSocket upgrades) and `/avatars/*` (agents'
 * pictures, served by the API) to the API server named
 * by PARLEY_API_URL *when the app starts*. The rewrite in next.config.ts is
 * compiled into the build output with whatever PARLEY_API_URL was at build
 * time; this keeps one build deployable against any API address.
 *
 * On `/widget` it sets the Content-Security-Policy per request: who may frame
 * the widget depends on its channel's allowed origins (a channel setting), so
 * it cannot be a static header in next.config.ts.
 */
export async function proxy(request: NextRequest) {
  const apiUrl = process.env.PARLEY_API_URL;
  if (request.nextUrl.pathname === '/widget') {
    const frameAncestors = await widgetFrameAncestors(
      apiUrl ?? 'http://localhost:4000',
      request.nextUrl.searchParams.get('channel'),
    );
    const response = NextResponse.next();
    response.headers.set(
      'Content-Security-Policy',
      contentSecurityPolicy({
        dev: process.env.NODE_ENV === 'development',
        webSocketUrl: process.env.NEXT_PUBLIC_PARLEY_WS_URL,
        frameAncestors,
      }),
    );
    return response;
  }
  if (!apiUrl) return NextResponse.next();
  const target = new URL(`${apiUrl.replace(/\/+$/, '')}${request.nextUrl.pathname}`);
  target.search = request.nextUrl.search;
  return NextResponse.rewrite(target);
}

export const config = {
  matcher: ['/graphql', '/avatars/:file', '/widget'],
};
