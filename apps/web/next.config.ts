import type { NextConfig } from 'next';
import { securityHeaders } from './src/lib/security-headers';

// Where the Parley API server listens. The workbench reaches it through its
// own origin (`/graphql`), so the session cookie stays first-party.
const apiUrl = (process.env.PARLEY_API_URL ?? 'http://localhost:4000').replace(/\/+$/, '');

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The one server-free workspace package the workbench imports (TypeScript source).
  transpilePackages: ['@parley/phone'],
  async rewrites() {
    return [
      { source: '/graphql', destination: `${apiUrl}/graphql` },
      // Agents' avatars, stored and served by the API.
      { source: '/avatars/:file', destination: `${apiUrl}/avatars/:file` },
    ];
  },
  async headers() {
    const options = {
      dev: process.env.NODE_ENV === 'development',
      webSocketUrl: process.env.NEXT_PUBLIC_PARLEY_WS_URL,
    };
    return [
      // Every page but the widget may be framed only by the workbench itself.
      {
        source: '/((?!widget$|widget/).*)',
        headers: securityHeaders({ ...options, frameAncestors: ["'self'"] }),
      },
      // The widget is framed by the websites its channel allows: src/proxy.ts
      // sets its Content-Security-Policy per request; the other headers are here.
      {
        source: '/widget',
        headers: securityHeaders({ ...options, frameAncestors: null }).filter(
          (header) => header.key !== 'Content-Security-Policy',
        ),
      },
    ];
  },
};

export default nextConfig;
