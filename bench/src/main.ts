// `npm run bench [-- --quick] [-- --only name,name]`: a throwaway PostgreSQL
// 15, Parley as a separate process, loopback traffic only, bounded loops;
// prints one table of figures against raw baselines measured in the same run
// and (full runs of every scenario) writes bench/RESULTS.md.
import { fileURLToPath } from 'node:url';
import { startThrowawayPostgres } from '@parley/db/testing';
import type { Scenario } from './harness/context.js';
import { startParley } from './harness/parley-process.js';
import { writeResults } from './harness/results-file.js';
import { renderTable, type Row } from './harness/stats.js';
import { fanOutScenario } from './scenarios/fan-out.js';
import { ingestScenario } from './scenarios/ingest.js';
import { latencyScenario } from './scenarios/message-latency.js';
import { nothingLostScenario } from './scenarios/nothing-lost.js';
import { viewsScenario } from './scenarios/views.js';

const quick = process.argv.includes('--quick');
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? (process.argv[onlyIndex + 1] ?? '').split(',') : null;

// Scenario 4 seeds a large data set, so it runs last.
const scenarios: Scenario[] = [
  latencyScenario,
  ingestScenario,
  fanOutScenario,
  nothingLostScenario,
  viewsScenario,
];
const chosen = only ? scenarios.filter((s) => only.includes(s.name)) : scenarios;
if (chosen.length === 0) {
  console.error(
    `bench: no scenario named ${only?.join(',')}; have ${scenarios.map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}

const started = Date.now();
const cluster = await startThrowawayPostgres({ fsync: !quick });
const parley = await startParley(cluster.url);
const rows: Row[] = [];
try {
  console.log(`bench: ${quick ? 'quick smoke run' : 'full run'} on ${cluster.url}`);
  for (const scenario of chosen) {
    const t0 = Date.now();
    rows.push(...(await scenario.run({ parley, databaseUrl: cluster.url, quick })));
    console.log(`bench: ${scenario.name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
} finally {
  await parley.kill();
  cluster.stop();
}

const table = renderTable(rows);
console.log(`\n${table}\n\nbench: ${((Date.now() - started) / 1000).toFixed(0)} s in all`);

if (!quick && !only) {
  const path = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
  writeResults(path, table, (Date.now() - started) / 1000);
  console.log(`wrote ${path}`);
}
