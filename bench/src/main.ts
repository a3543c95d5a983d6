// `npm run bench [-- --quick]`: a throwaway PostgreSQL 15, Parley as a separate
// process, loopback traffic only, bounded loops; prints one table of figures
// against raw baselines measured in the same run and writes bench/RESULTS.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startThrowawayPostgres } from '@parley/db/testing';
import { startParley } from './harness/parley-process.js';
import { renderTable, type Row } from './harness/stats.js';
import { ingest } from './scenarios/ingest.js';
import { messageLatency } from './scenarios/message-latency.js';

const quick = process.argv.includes('--quick');
const scale = quick
  ? { listeners: 20, messages: 20, senders: 10, conversations: 50, seconds: 2 }
  : { listeners: 200, messages: 100, senders: 50, conversations: 1_000, seconds: 10 };

const cluster = await startThrowawayPostgres({ fsync: !quick });
const parley = await startParley(cluster.url);
const rows: Row[] = [];
try {
  console.log(`bench: ${quick ? 'quick smoke run' : 'full run'} on ${cluster.url}`);
  rows.push(
    ...(await messageLatency(parley, cluster.url, {
      listeners: scale.listeners,
      messages: scale.messages,
    })),
  );
  rows.push(
    ...(await ingest(parley, cluster.url, {
      senders: scale.senders,
      conversations: scale.conversations,
      seconds: scale.seconds,
    })),
  );
} finally {
  await parley.kill();
  cluster.stop();
}

const table = renderTable(rows);
console.log(`\n${table}\n`);

if (!quick) {
  const path = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
  const previous = existsSync(path)
    ? readFileSync(path, 'utf8').match(/## This run\n\n([\s\S]*?)\n\n/)?.[1]
    : undefined;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  writeFileSync(
    path,
    [
      '# Benchmark results',
      '',
      `Machine: ${machine}. Date: ${new Date().toISOString()}. PostgreSQL 15 (throwaway cluster, fsync on).`,
      'Ratios are Parley ÷ raw baseline, both measured in this run.',
      '',
      '## This run',
      '',
      table,
      '',
      '## Previous run',
      '',
      previous ?? '(none)',
      '',
    ].join('\n'),
  );
  console.log(`wrote ${path}`);
}
