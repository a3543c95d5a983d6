// The PostgreSQL client's pool of single-connection slots (lifoClients):
// statements reuse the most recently released connection, concurrent ones
// spread, a transaction holds its slot alone, and drizzle's type parsers
// apply on every slot. Needs PostgreSQL: runs under `npm run test:pg`.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, lifoClients, type DatabaseHandle } from './client.js';

const adminUrl = process.env.DATABASE_URL;

describe.runIf(adminUrl)('PostgreSQL client pool', () => {
  const name = `parley_pool_${randomBytes(6).toString('hex')}`;
  let admin: postgres.Sql;
  let url: string;

  beforeAll(async () => {
    admin = postgres(adminUrl ?? '', { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${name}`);
    const parsed = new URL(adminUrl ?? '');
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  });

  afterAll(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  });

  const pid = async (client: postgres.Sql): Promise<number> => {
    const [row] = await client.unsafe<{ pid: number }[]>('select pg_backend_pid() as pid');
    return row?.pid ?? -1;
  };

  it('runs one statement after another on the same connection', async () => {
    const pool = lifoClients(url, 4);
    try {
      // Open every connection first: a pool that takes the connection idle
      // the longest (postgres.js's own order) would now rotate through them.
      await Promise.all(Array.from({ length: 4 }, () => pool.sql.unsafe('select pg_sleep(0.05)')));
      const pids = new Set<number>();
      for (let i = 0; i < 12; i += 1) pids.add(await pid(pool.sql));
      expect(pids.size).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('spreads concurrent statements over the slots', async () => {
    const pool = lifoClients(url, 4);
    try {
      const pids = await Promise.all(
        Array.from({ length: 4 }, () =>
          pool.sql
            .unsafe<{ pid: number }[]>('select pg_backend_pid() as pid, pg_sleep(0.05)')
            .then((rows) => rows[0]?.pid ?? -1),
        ),
      );
      expect(new Set(pids).size).toBe(4);
      // Released slots come back: the next statement reuses the last one freed.
      expect(pids).toContain(await pid(pool.sql));
    } finally {
      await pool.end();
    }
  });

  it('keeps other statements off a slot that holds a transaction', async () => {
    const pool = lifoClients(url, 2);
    try {
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inside = -1;
      const transaction = pool.sql.begin(async (tx) => {
        const [row] = await tx.unsafe<{ pid: number }[]>('select pg_backend_pid() as pid');
        inside = row?.pid ?? -1;
        await held;
      });
      while (inside === -1) await new Promise((resolve) => setTimeout(resolve, 5));
      // The transaction is open: this must neither wait for it nor run in it.
      const outside = await pid(pool.sql);
      expect(outside).not.toBe(inside);
      release();
      await transaction;
      expect(await pid(pool.sql)).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
  });

  it("applies drizzle's type parsers on every slot", async () => {
    const handle: DatabaseHandle = await createDatabase({
      kind: 'postgres',
      url,
      maxConnections: 3,
    });
    try {
      // Three concurrent reads land on three slots; drizzle set its parsers
      // on the first only, so a slot without them would answer a Date.
      const stamps = await Promise.all(
        Array.from({ length: 3 }, () =>
          handle.db.execute(
            sql`select '2026-11-21 10:00:00+00'::timestamptz as at, pg_backend_pid() as pid, pg_sleep(0.05)`,
          ),
        ),
      );
      // postgres.js answers an array of rows.
      const rows = stamps.map((result) => (result as unknown as { at: unknown; pid: number }[])[0]);
      expect(new Set(rows.map((row) => row?.pid)).size).toBe(3);
      for (const row of rows) expect(typeof row?.at).toBe('string');
    } finally {
      await handle.close();
    }
  });

  it('starts a transaction only on an idle connection, never pipelined behind statements', async () => {
    const pool = lifoClients(url, 1);
    const crashes: unknown[] = [];
    const crashed = (error: unknown) => crashes.push(error);
    process.on('uncaughtException', crashed);
    try {
      // postgres.js pipelines 100 statements on a connection and queues the
      // rest; the 101st of each queued batch runs without being told its
      // connection. A transaction's begin in that place never learnt it and
      // threw a TypeError that ended the process.
      await pool.sql.unsafe('select 1 as n');
      const work: Promise<unknown>[] = [];
      for (let i = 0; i < 201; i += 1) work.push(pool.sql.unsafe('select 1 as n'));
      work.push(pool.sql.begin(async (tx) => (await tx.unsafe('select 2 as n'))[0]?.n));
      for (let i = 0; i < 50; i += 1) work.push(pool.sql.unsafe('select 1 as n'));
      const results = await Promise.all(work);
      expect(crashes).toEqual([]);
      expect(results[201]).toBe(2);
      expect(results).toHaveLength(252);
    } finally {
      process.off('uncaughtException', crashed);
      await pool.end();
    }
  });
});
