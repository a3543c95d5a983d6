// Test databases: a fresh migrated database per test file.
// PGlite: one migrated snapshot per migration set, cached on disk, opened in ~0.5 s
// (a cold PGlite initdb costs 2-3 s). PostgreSQL (DATABASE_URL set): a new
// database per file on that cluster, dropped on close.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import postgres from 'postgres';
import { createDatabase, type DatabaseHandle } from '../client.js';
import { migrateDatabase, migrationsFolder } from '../migrate.js';

function migrationsHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(migrationsFolder);
  return hash.digest('hex').slice(0, 16);
}

/** Builds (once per migration set) and returns the path of a migrated PGlite data-dir tarball. */
export async function ensurePgliteSnapshot(): Promise<string> {
  const path = join(tmpdir(), `parley-pglite-${migrationsHash()}.tar.gz`);
  if (existsSync(path)) return path;
  const client = await PGlite.create();
  await migrate(drizzle(client), { migrationsFolder });
  const dump = await client.dumpDataDir('gzip');
  await client.close();
  const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, path);
  return path;
}

export interface TestDatabase extends DatabaseHandle {
  /** The URL of this database when it is PostgreSQL (for a second server process). */
  readonly url: string | undefined;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) return openPostgresTestDatabase(adminUrl);
  const snapshot = readFileSync(await ensurePgliteSnapshot());
  const handle = await createDatabase({ kind: 'pglite', loadDataDir: new Blob([snapshot]) });
  return Object.assign(handle, { url: undefined });
}

async function openPostgresTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `parley_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDatabase({ kind: 'postgres', url: url.toString() });
  await migrateDatabase(handle);
  const close = handle.close.bind(handle);
  return Object.assign(handle, {
    url: url.toString(),
    async close() {
      await close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  });
}
