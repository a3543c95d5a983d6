// Applies the committed drizzle-kit migrations. Safe to call from several
// processes at once on PostgreSQL: a session advisory lock serialises them.
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { DatabaseHandle } from './client.js';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

const MIGRATION_LOCK = 727_001;

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  // One transaction holds a transaction-level advisory lock while migrating, so
  // two servers starting together on one database do not race.
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await migratePostgres(tx as unknown as PostgresJsDatabase, { migrationsFolder });
  });
}
