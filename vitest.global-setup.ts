import { ensurePgliteSnapshot } from '@parley/db/testing';

// Build the migrated PGlite snapshot once, before test files open copies of it.
export async function setup(): Promise<void> {
  if (!process.env.DATABASE_URL) await ensurePgliteSnapshot();
}
