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
 * one postgres.js client of one connection per slot and a stack of idle
 * slots. With none idle, a statement goes to the least loaded slot, where
 * postgres.js pipelines it.
 *
 * A transaction starts only on an idle slot. postgres.js queues statements
 * beyond 100 in flight on a connection, and a `begin` sent from that queue in
 * the wrong place never learns its connection: the transaction's first
 * statement throws a TypeError outside any promise, which ends the process.
 * So a transaction with no idle slot waits: it drains the least loaded slot
 * (no new statements go there) and takes it once it is empty.
 */
interface Slot {
  readonly sql: Sql;
  /** Statements in flight, or 1 for a transaction. */
  busy: number;
  transaction: boolean;
  /** A transaction waiting for this slot to drain. */
  handoff: (() => void) | null;
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
    transaction: false,
    handoff: null,
  }));
  const first = slots[0] as Slot;
  const idle = [...slots].reverse();
  /** Transactions that found every slot in a transaction or draining. */
  const waiting: ((slot: Slot) => void)[] = [];

  const leastLoaded = (open: (slot: Slot) => boolean): Slot | null =>
    slots.reduce<Slot | null>(
      (least, slot) => (open(slot) && (!least || slot.busy < least.busy) ? slot : least),
      null,
    );
  const takeForStatement = (): Slot => {
    const slot =
      idle.pop() ??
      leastLoaded((s) => !s.transaction && !s.handoff) ??
      leastLoaded(() => true) ??
      first;
    slot.busy += 1;
    return slot;
  };
  const startTransaction = (slot: Slot): Slot => {
    slot.busy = 1;
    slot.transaction = true;
    return slot;
  };
  const takeForTransaction = (): Promise<Slot> => {
    const free = idle.pop();
    if (free) return Promise.resolve(startTransaction(free));
    return new Promise((resolve) => {
      const drain = leastLoaded((s) => !s.transaction && !s.handoff);
      if (drain) drain.handoff = () => resolve(startTransaction(drain));
      else waiting.push((slot) => resolve(startTransaction(slot)));
    });
  };
  const release = (slot: Slot, transaction: boolean) => {
    slot.busy -= 1;
    if (transaction) slot.transaction = false;
    if (slot.busy > 0) return;
    const next = slot.handoff ?? waiting.shift();
    slot.handoff = null;
    if (next) next(slot);
    else idle.push(slot);
  };

  const router = new Proxy(first.sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        const unsafe: Sql['unsafe'] = (query, parameters, options) => {
          const slot = takeForStatement();
          // Awaiting starts the query a microtask later: the caller's
          // synchronous `.values()` still applies.
          return settled(slot.sql.unsafe(query, parameters, options), () => release(slot, false));
        };
        return unsafe;
      }
      if (property === 'begin') {
        return async (...args: unknown[]) => {
          const slot = await takeForTransaction();
          try {
            const begin = slot.sql.begin as (...a: unknown[]) => Promise<unknown>;
            return await begin.apply(slot.sql, args);
          } finally {
            release(slot, true);
          }
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
