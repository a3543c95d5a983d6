import { openTestDatabase, type TestDatabase } from '@parley/db/testing';
import { sql, type Database } from '@parley/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import { appendEvents } from './append-events.js';
import { REPLAY_PAGE } from './event-log.js';
import type { EventRecord } from './event-types.js';

let database: TestDatabase;
let core: Core;
let workspaceId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  core = await createCore(database);
  const created = await core.createWorkspace({
    name: 'Event log',
    owner: { email: 'owner@event-log.test', name: 'Owner', password: 'password-123' },
  });
  workspaceId = created.workspaceId;
});
afterAll(async () => {
  await core?.close();
  await database?.close();
});

function marker(label: string) {
  return {
    workspaceId,
    type: 'MESSAGE_CREATED' as const,
    actorType: 'system' as const,
    payload: { message: { id: label } as never },
  };
}

async function commitMarker(label: string) {
  await database.db.transaction((tx) => appendEvents(tx as unknown as Database, [marker(label)]));
  core.eventLog.committed();
}

/** Pulls `count` events from a stream, failing after `ms`. */
async function pull(stream: AsyncIterableIterator<EventRecord>, count: number, ms = 5_000) {
  const out: EventRecord[] = [];
  const deadline = Date.now() + ms;
  while (out.length < count) {
    const next = await Promise.race([
      stream.next(),
      new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now())),
      ),
    ]);
    if (next === 'timeout')
      throw new Error(`got ${out.length}/${count} events: ${labels(out).join(', ')}`);
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

const labels = (events: EventRecord[]) =>
  events.map((e) => (e.payload.message as unknown as { id: string }).id);

describe('event log', () => {
  it('delivers live events in order, then resumes exactly after a cursor', async () => {
    const live = core.eventLog.subscribe({ workspaceId }, null);
    const first = pull(live, 3);
    // "From now" is fixed once the stream has read its start point.
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const label of ['a', 'b', 'c']) await commitMarker(label);
    const got = await first;
    expect(labels(got)).toEqual(['a', 'b', 'c']);
    await live.return?.();

    for (const label of ['d', 'e']) await commitMarker(label);
    const resumed = core.eventLog.subscribe({ workspaceId }, got[2]!.id);
    expect(labels(await pull(resumed, 2))).toEqual(['d', 'e']);
    await resumed.return?.();
  });

  it('a subscriber joining while the pump reads ids only gets each later event once', async () => {
    const cursor = await core.eventLog.safeCursor();
    // Nobody listens: the pump only moves its horizon over these.
    for (const label of ['p', 'q']) await commitMarker(label);
    const joining = core.eventLog.subscribe({ workspaceId }, cursor);
    await commitMarker('r');
    expect(labels(await pull(joining, 3))).toEqual(['p', 'q', 'r']);
    await commitMarker('s');
    const [next] = await pull(joining, 1);
    expect(labels([next!])).toEqual(['s']);
    await joining.return?.();
  });

  it('a subscriber of some types gets those, in order, while the rest pass unread', async () => {
    const typed = core.eventLog.subscribe(
      { workspaceId, types: new Set(['CONVERSATION_STATUS_CHANGED'] as const) },
      null,
    );
    const got = pull(typed, 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const status = (label: string) => ({
      ...marker(label),
      type: 'CONVERSATION_STATUS_CHANGED' as const,
    });
    await database.db.transaction((tx) =>
      appendEvents(tx as unknown as Database, [marker('m1'), status('s1'), marker('m2')]),
    );
    core.eventLog.committed();
    await database.db.transaction((tx) => appendEvents(tx as unknown as Database, [status('s2')]));
    core.eventLog.committed();
    expect(labels(await got)).toEqual(['s1', 's2']);
    await typed.return?.();
  });

  it('a commit that names its types still reaches those who want them, and the safe cursor', async () => {
    const before = await core.eventLog.safeCursor();
    const append = (label: string) =>
      database.db.transaction((tx) => appendEvents(tx as unknown as Database, [marker(label)]));
    // Only the server's kind of typed watcher here (none in this test): read when asked.
    await append('quiet');
    core.eventLog.committed(['MESSAGE_CREATED']);
    expect(await core.eventLog.safeCursor()).toBeGreaterThan(before);
    // Someone wants every type: woken at once.
    const live = core.eventLog.subscribe({ workspaceId }, null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await append('loud');
    // Well inside the 1 s safety-net poll.
    const got = pull(live, 1, 400);
    core.eventLog.committed(['MESSAGE_CREATED']);
    expect(labels(await got)).toEqual(['loud']);
    await live.return?.();
  });

  it('return() ends a stream that is waiting for the next event', async () => {
    const stream = core.eventLog.subscribe({ workspaceId }, null);
    const pending = stream.next();
    await stream.return?.();
    await expect(pending).resolves.toMatchObject({ done: true });
  });

  describe('backlog replays', () => {
    const BACKLOG = REPLAY_PAGE * 4;
    let before: bigint;
    beforeAll(async () => {
      before = await core.eventLog.safeCursor();
      await database.db.transaction((tx) =>
        appendEvents(
          tx as unknown as Database,
          Array.from({ length: BACKLOG }, (_, i) => marker(`backlog-${i}`)),
        ),
      );
      core.eventLog.committed();
    });

    it('hold one page at a time and read the next only when the consumer pulled the last', async () => {
      const stream = core.eventLog.subscribe({ workspaceId }, before);
      const start = core.eventLog.backlogStats().pageReads;
      await pull(stream, 1);
      expect(core.eventLog.backlogStats().pageReads - start).toBe(1);
      await pull(stream, REPLAY_PAGE - 1);
      expect(core.eventLog.backlogStats().pageReads - start).toBe(1);
      const [next] = await pull(stream, 1);
      expect(labels([next!])).toEqual([`backlog-${REPLAY_PAGE}`]);
      expect(core.eventLog.backlogStats().pageReads - start).toBe(2);
      await stream.return?.();
    });

    it('run at most a few page reads at once, however many streams replay', async () => {
      const streams = Array.from({ length: 30 }, () =>
        core.eventLog.subscribe({ workspaceId }, before),
      );
      const all = Promise.all(streams.map((stream) => pull(stream, REPLAY_PAGE * 2)));
      for (const got of await all) expect(got).toHaveLength(REPLAY_PAGE * 2);
      expect(core.eventLog.backlogStats().peakReading).toBe(4);
      await Promise.all(streams.map((stream) => stream.return?.()));
    });

    it('end at once on return(), mid-page or waiting for a turn, and read nothing more', async () => {
      const streams = Array.from({ length: 30 }, () =>
        core.eventLog.subscribe({ workspaceId }, before),
      );
      // Every stream starts its replay; most wait for a turn to read.
      const firsts = streams.map((stream) => stream.next());
      await firsts[0];
      const started = Date.now();
      await Promise.all(streams.map((stream) => stream.return?.()));
      expect(Date.now() - started).toBeLessThan(1_000);
      await Promise.all(firsts);
      const reads = core.eventLog.backlogStats().pageReads;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(core.eventLog.backlogStats()).toMatchObject({
        pageReads: reads,
        reading: 0,
        queued: 0,
      });
      for (const stream of streams)
        await expect(stream.next()).resolves.toMatchObject({ done: true });
    });
  });

  it.runIf(process.env.DATABASE_URL)(
    'does not skip an id whose transaction commits after a later id (PostgreSQL)',
    async () => {
      const stream = core.eventLog.subscribe({ workspaceId }, null);
      let releaseSlow!: () => void;
      const slowMayCommit = new Promise<void>((resolve) => (releaseSlow = resolve));
      let slowInserted!: () => void;
      const slowHasId = new Promise<void>((resolve) => (slowInserted = resolve));
      // The slow transaction draws the lower id first and commits last.
      const slow = database.db.transaction(async (tx) => {
        await appendEvents(tx as unknown as Database, [marker('slow')]);
        slowInserted();
        await slowMayCommit;
      });
      await slowHasId;
      await commitMarker('fast');

      const firstNext = stream.next();
      const early = await Promise.race([
        firstNext,
        new Promise((resolve) => setTimeout(() => resolve('nothing yet'), 400)),
      ]);
      expect(early).toBe('nothing yet'); // 'fast' is held back while 'slow' may still commit

      releaseSlow();
      await slow;
      core.eventLog.committed();
      const first = await firstNext;
      const second = await stream.next();
      expect(labels([first.value, second.value] as EventRecord[])).toEqual(['slow', 'fast']);
      await stream.return?.();
    },
  );

  it.runIf(process.env.DATABASE_URL)(
    'does not skip the id of a transaction whose xid is above every completed one (PostgreSQL)',
    async () => {
      // The adversarial order: `fast` gets its xid first, `slow` gets a higher
      // one and draws the lower event id, then `fast` draws the next id and
      // commits. No xid at or above slow's has completed, so the snapshot's
      // xmax is at most slow's xid and slow is not in the snapshot's list: a
      // bound taken from xmax declared the gap dead at once and lost 'slow'.
      const stream = core.eventLog.subscribe({ workspaceId }, null);
      const gate = () => {
        let open!: () => void;
        const opened = new Promise<void>((resolve) => (open = resolve));
        return { open, opened };
      };
      const fastHasXid = gate();
      const slowHasId = gate();
      const slowMayCommit = gate();
      const fast = database.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_current_xact_id()`);
        fastHasXid.open();
        await slowHasId.opened;
        await appendEvents(tx as unknown as Database, [marker('fast')]);
      });
      await fastHasXid.opened;
      const slow = database.db.transaction(async (tx) => {
        await appendEvents(tx as unknown as Database, [marker('slow')]);
        slowHasId.open();
        await slowMayCommit.opened;
      });
      await slowHasId.opened;
      await fast;
      core.eventLog.committed();

      const firstNext = stream.next();
      const early = await Promise.race([
        firstNext,
        new Promise((resolve) => setTimeout(() => resolve('nothing yet'), 400)),
      ]);
      expect(early).toBe('nothing yet'); // 'fast' waits while 'slow' may still commit

      slowMayCommit.open();
      await slow;
      core.eventLog.committed();
      const first = await firstNext;
      const second = await stream.next();
      expect(labels([first.value, second.value] as EventRecord[])).toEqual(['slow', 'fast']);
      await stream.return?.();
    },
  );

  it.runIf(process.env.DATABASE_URL)(
    'moves past the id of a rolled-back transaction (PostgreSQL)',
    async () => {
      const stream = core.eventLog.subscribe({ workspaceId }, null);
      await database.db
        .transaction(async (tx) => {
          await appendEvents(tx as unknown as Database, [marker('rolled back')]);
          throw new Error('abort');
        })
        .catch(() => undefined);
      await commitMarker('after rollback');
      // The gap is skipped once every transaction older than it has ended: xmin
      // is cluster-wide, so other test files' transactions can delay it.
      expect(labels(await pull(stream, 1, 20_000))).toEqual(['after rollback']);
      await stream.return?.();
    },
  );
});
