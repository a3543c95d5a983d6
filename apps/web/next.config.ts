import type { NextConfig } from 'next';

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
};

export default nextConfig;
