import { NextResponse, type NextRequest } from 'next/server';

/**
 * Forwards `/graphql` (HTTP and WebSocket upgrades) and `/avatars/*` (agents'
 * pictures, served by the API) to the API server named
 * by PARLEY_API_URL *when the app starts*. The rewrite in next.config.ts is
 * compiled into the build output with whatever PARLEY_API_URL was at build
 * time; this keeps one build deployable against any API address.
 */
export function proxy(request: NextRequest) {
  const apiUrl = process.env.PARLEY_API_URL;
  if (!apiUrl) return NextResponse.next();
  const target = new URL(`${apiUrl.replace(/\/+$/, '')}${request.nextUrl.pathname}`);
  target.search = request.nextUrl.search;
  return NextResponse.rewrite(target);
}

export const config = {
  matcher: ['/graphql', '/avatars/:file'],
};
