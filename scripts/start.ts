// `npm start`: builds what is missing (turbo caches the workbench build), then
// runs the API and the workbench together on the embedded database unless
// DATABASE_URL is set. `npm run dev` does the same in watch mode.
import { spawnSync } from 'node:child_process';
import { supervise } from './supervise.js';

const dev = process.argv.includes('--dev');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1' };
const apiPort = process.env.PORT ?? '4000';
const webPort = process.env.WEB_PORT ?? '3000';

if (!dev) {
  const build = spawnSync(
    'npx',
    ['turbo', 'run', 'build', '--filter=@parley/web', '--output-logs=errors-only'],
    {
      stdio: 'inherit',
      env,
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const apiUrl = process.env.PARLEY_API_URL ?? `http://127.0.0.1:${apiPort}`;
supervise([
  {
    name: 'API',
    command: 'npx',
    args: ['tsx', ...(dev ? ['watch'] : []), 'apps/server/src/main.ts'],
    // Invitation links and the allowed origin follow the workbench's port.
    env: {
      ...env,
      PORT: apiPort,
      // The demo workspace stays on for `npm start` even under NODE_ENV=production.
      PARLEY_SEED_DEMO: process.env.PARLEY_SEED_DEMO ?? 'true',
      PARLEY_PUBLIC_URL: process.env.PARLEY_PUBLIC_URL ?? `http://localhost:${webPort}`,
      // `next dev` forwards the browser's own X-Forwarded-For (serve.ts, which
      // overwrites it, runs only the production build): believe no proxy.
      ...(dev ? { PARLEY_TRUST_PROXY: process.env.PARLEY_TRUST_PROXY ?? 'false' } : {}),
    },
  },
  {
    name: 'workbench',
    command: 'npx',
    // serve.ts is `next start` that overwrites X-Forwarded-For with the
    // address it saw (the API trusts this hop).
    args: dev
      ? ['next', 'dev', 'apps/web', '--port', webPort]
      : ['tsx', 'apps/web/serve.ts', '--port', webPort],
    env: { ...env, PARLEY_API_URL: apiUrl },
  },
]);
console.log(
  `\n  Parley workbench: http://localhost:${webPort}\n  GraphQL API:      http://localhost:${apiPort}/graphql\n`,
);
