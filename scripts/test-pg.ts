// `npm run test:pg`: the same test suite against a real PostgreSQL. Uses
// DATABASE_URL when set, otherwise starts a throwaway cluster for the run.
import { spawn } from 'node:child_process';
import { startThrowawayPostgres, type ThrowawayPostgres } from '@parley/db/testing';

let cluster: ThrowawayPostgres | null = null;
let url = process.env.DATABASE_URL;
if (!url) {
  cluster = await startThrowawayPostgres({ fsync: false });
  url = cluster.url;
  console.log(`test:pg: throwaway PostgreSQL at ${url}`);
}

// Without arguments: the whole suite, then the hostile-load test on its own
// (as `npm test` runs them); with arguments, vitest runs what they name.
const args = process.argv.slice(2);
const runs =
  args.length > 0
    ? [['vitest', 'run', ...args]]
    : [
        ['vitest', 'run'],
        ['vitest', 'run', '--config', 'vitest.hostile.config.ts'],
      ];

function run(command: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npx', command, {
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: url },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

let status = 0;
for (const command of runs) {
  status = await run(command);
  if (status !== 0) break;
}
await cluster?.stop();
process.exit(status);
