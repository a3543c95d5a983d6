// The one database client factory: PostgreSQL through postgres.js when a URL is
// given, otherwise PGlite (real Postgres compiled to WASM) persisted in a folder.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { migratePglite, migratePostgres } from './migrate.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** A database or a transaction: everything in packages/core takes this. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  readonly kind: DatabaseKind;
  readonly db: Database;
  /** Calls `onNotify` for every NOTIFY on `channel`; resolves to an unlisten function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  /** A cheap round trip, for health checks. */
  ping(): Promise<void>;
  /** Applies the committed migrations (see migrate.ts). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; maxConnections?: number }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob | File };

export async function createDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  return config.kind === 'postgres'
    ? connectPostgres(config.url, config.maxConnections)
    : openPglite(config);
}

type Sql = postgres.Sql;

/**
 * drizzle sends every query as an unnamed statement, which PostgreSQL parses
 * and plans on every call. This view of the client makes parameterised
 * queries named prepared statements instead (postgres.js keeps them per
 * connection, keyed by their text), also inside transactions and savepoints.
 *
 * postgres.js never evicts a connection's statements, and some texts vary
 * (an `in (…)` list per length), so only the first PREPARED_TEXTS distinct
 * texts are prepared; anything new after that runs unnamed, as before.
 */
const PREPARED_TEXTS = 2_000;

function preparing(sql: Sql, prepared = new Set<string>()): Sql {
  const shouldPrepare = (query: string, parameters: readonly unknown[]): boolean => {
    if (parameters.length === 0) return false;
    if (prepared.has(query)) return true;
    if (prepared.size >= PREPARED_TEXTS) return false;
    prepared.add(query);
    return true;
  };
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        const unsafe: Sql['unsafe'] = (query, parameters, options) =>
          Array.isArray(parameters)
            ? target.unsafe(query, parameters, {
                ...options,
                prepare: options?.prepare === true || shouldPrepare(query, parameters),
              })
            : target.unsafe(query, parameters, options);
        return unsafe;
      }
      if (property === 'begin' || property === 'savepoint') {
        const original = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const work = args.at(-1) as (scoped: Sql) => unknown;
          return original.apply(target, [
            ...args.slice(0, -1),
            (scoped: Sql) => work(preparing(scoped, prepared)),
          ]);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/**
 * postgres.js hands each query to the connection that has waited longest, so
 * a request's three or four statements each wake a different backend process,
 * cold in the CPU caches and often on the other core: on a 2-core machine the
 * inbox list took 0.9 ms longer than on one connection. Like PgBouncer's
 * default, this pool reuses the most recently released connection instead:
 * one postgres.js client of one connection per slot, a stack of idle slots,
 * and when every slot is busy, the least loaded one (postgres.js pipelines
 * on it). A transaction weighs like many queries, so nothing queues behind
 * it while another slot has room.
 */
const TRANSACTION_WEIGHT = 1_000;

interface Slot {
  readonly sql: Sql;
  busy: number;
}

export interface LifoClients {
  /** Routes `unsafe` and `begin`; everything else is the first slot's client. */
  readonly sql: Sql;
  /** Copies the first slot's type parsers and serializers (drizzle sets them there) to the others. */
  adoptOptions(): void;
  end(): Promise<void>;
}

function settled<P extends PromiseLike<unknown>>(pending: P, done: () => void): P {
  pending.then(done, done);
  return pending;
}

export function lifoClients(url: string, size: number): LifoClients {
  const slots: Slot[] = Array.from({ length: Math.max(1, size) }, () => ({
    sql: postgres(url, { max: 1, onnotice: () => undefined }),
    busy: 0,
  }));
  const first = slots[0] as Slot;
  const idle = [...slots].reverse();
  const take = (weight: number): Slot => {
    let slot = idle.pop();
    if (!slot) slot = slots.reduce((least, s) => (s.busy < least.busy ? s : least), first);
    slot.busy += weight;
    return slot;
  };
  const release = (slot: Slot, weight: number) => () => {
    slot.busy -= weight;
    if (slot.busy === 0) idle.push(slot);
  };
  const router = new Proxy(first.sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        const unsafe: Sql['unsafe'] = (query, parameters, options) => {
          const slot = take(1);
          const done = release(slot, 1);
          // Awaiting starts the query a microtask later: the caller's
          // synchronous `.values()` still applies.
          return settled(slot.sql.unsafe(query, parameters, options), done);
        };
        return unsafe;
      }
      if (property === 'begin') {
        return (...args: unknown[]) => {
          const slot = take(TRANSACTION_WEIGHT);
          const begin = slot.sql.begin as (...a: unknown[]) => Promise<unknown>;
          const done = release(slot, TRANSACTION_WEIGHT);
          const result = begin.apply(slot.sql, args);
          result.then(done, done);
          return result;
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return {
    sql: router,
    adoptOptions() {
      for (const slot of slots) {
        Object.assign(slot.sql.options.parsers, first.sql.options.parsers);
        Object.assign(slot.sql.options.serializers, first.sql.options.serializers);
      }
    },
    async end() {
      await Promise.all(slots.map((slot) => slot.sql.end({ timeout: 5 })));
    },
  };
}

function connectPostgres(url: string, maxConnections = 10): DatabaseHandle {
  const pool = lifoClients(url, maxConnections);
  const sql = pool.sql;
  const db = drizzlePostgres(preparing(sql), { schema }) as unknown as Database;
  pool.adoptOptions();
  return {
    kind: 'postgres',
    db,
    async listen(channel, onNotify) {
      const sub = await sql.listen(channel, onNotify);
      return () => sub.unlisten();
    },
    async notify(channel, payload) {
      await sql.notify(channel, payload);
    },
    async ping() {
      await sql`select 1`;
    },
    migrate: () => migratePostgres(url),
    async close() {
      await pool.end();
    },
  };
}

async function openPglite(config: {
  dataDir?: string;
  loadDataDir?: Blob | File;
}): Promise<DatabaseHandle> {
  if (config.dataDir && !config.dataDir.startsWith('memory://'))
    mkdirSync(config.dataDir, { recursive: true });
  const client = await PGlite.create(
    config.dataDir,
    config.loadDataDir ? { loadDataDir: config.loadDataDir } : {},
  );
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    kind: 'pglite',
    db,
    async listen(channel, onNotify) {
      return client.listen(channel, onNotify);
    },
    async notify(channel, payload) {
      await client.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async ping() {
      await client.query('select 1');
    },
    migrate: () => migratePglite(db),
    async close() {
      await client.close();
    },
  };
}

/**
 * The rows of a raw `db.execute(sql)`: postgres.js answers with an array,
 * PGlite with `{ rows }`.
 */
export async function executeRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}
