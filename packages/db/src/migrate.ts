// Applies the committed drizzle-kit migrations at start-up.
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migrateWithPostgres } from 'drizzle-orm/postgres-js/migrator';
import { migrate as migrateWithPglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import type { Database, DatabaseHandle } from './client.js';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

const MIGRATION_LOCK = 727_001;

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.migrate();
}

export async function migratePglite(db: Database): Promise<void> {
  await migrateWithPglite(db as unknown as PgliteDatabase, { migrationsFolder });
}

/**
 * One dedicated connection holds a session advisory lock while migrating, so
 * several servers starting together on one database apply each migration once.
 */
export async function migratePostgres(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrateWithPostgres(drizzlePostgres(sql), { migrationsFolder });
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
