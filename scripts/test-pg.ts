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

const child = spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: url },
});
const stop = () => cluster?.stop();
process.on('SIGINT', () => child.kill('SIGINT'));
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => {
  stop();
  process.exit(code ?? (signal ? 1 : 0));
});
