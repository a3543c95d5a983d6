// `npm start`: builds what is missing (turbo caches the workbench build), then
// runs the API and the workbench together on the embedded database unless
// DATABASE_URL is set. `npm run dev` does the same in watch mode.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

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

const children: ChildProcess[] = [];
function run(name: string, command: string, args: string[], extraEnv: Record<string, string>) {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping Parley.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
}

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 6_000).unref();
  Promise.all(
    children.map(
      (c) =>
        new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.on('exit', resolve))),
    ),
  ).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// The demo workspace stays on for `npm start` even under NODE_ENV=production.
run('API', 'npx', ['tsx', ...(dev ? ['watch'] : []), 'apps/server/src/main.ts'], {
  PORT: apiPort,
  PARLEY_SEED_DEMO: process.env.PARLEY_SEED_DEMO ?? 'true',
});
run('workbench', 'npx', ['next', dev ? 'dev' : 'start', 'apps/web', '--port', webPort], {
  PARLEY_API_URL: process.env.PARLEY_API_URL ?? `http://127.0.0.1:${apiPort}`,
});
console.log(
  `\n  Parley workbench: http://localhost:${webPort}\n  GraphQL API:      http://localhost:${apiPort}/graphql\n`,
);
