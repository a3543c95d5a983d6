// What every scenario gets: the running Parley server, the throwaway
// cluster's URL (for raw baselines and seeding) and the run's scale.
import type { ParleyProcess } from './parley-process.js';
import type { Row } from './stats.js';

export interface BenchContext {
  parley: ParleyProcess;
  /** The throwaway cluster's `postgres` database, which Parley also uses. */
  databaseUrl: string;
  /** Smoke-run scale for CI: every scenario runs, timings are not judged. */
  quick: boolean;
}

export interface Scenario {
  /** Short name for `--only`. */
  name: string;
  run(context: BenchContext): Promise<Row[]>;
}
