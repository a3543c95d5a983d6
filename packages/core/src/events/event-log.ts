// The reader side of the append-only event log.
//
// One pump per process reads new rows from `events` in id order and hands each
// row to the in-memory subscribers of its workspace. Subscribers resume from a
// cursor by reading their backlog from the table first. Wake-ups (in-process
// after a local commit, LISTEN/NOTIFY from other processes, a slow timer as a
// safety net) only tell the pump to look: the table is the source of truth.
//
// Ids come from a sequence, and concurrent transactions commit out of id order:
// id 10 can be visible while id 9's transaction is still open. Delivering 10 and
// moving the cursor past 9 would lose 9. So the pump only advances its safe
// horizon `horizon` over ids that are present or known never to appear. A
// missing id ("gap") is known dead once every transaction that could hold it
// has finished: the holder drew the id (with an xid already assigned, see
// append-events.ts) before the later row committed, so its xid is below the
// next xid handed out after the gap was first noticed; once the snapshot xmin
// passes that bound, the holder is gone and the row will never appear.
//
// The bound is NOT the snapshot's xmax: xmax is latestCompletedXid + 1, and a
// transaction whose xid was assigned before the snapshot but is above every
// completed one is neither below xmax nor in the snapshot's list. Bounding by
// xmax skipped such a gap at once and lost its event (found by the kill -9
// benchmark at ~1,500 messages/s; see event-log.int.test.ts). The next xid is
// read with pg_current_xact_id() in a statement of its own, once per gap.
import {
  and,
  eq,
  events,
  executeRows,
  gt,
  inArray,
  lte,
  messages,
  sql,
  type Database,
} from '@parley/db';
import { RECALLED_PREVIEW } from '../conversations/records.js';
import type { EventPayload, EventRecord, EventType } from './event-types.js';
import { reviveEventPayload } from './revive-payload.js';
import { preparedQuery } from '../shared/prepared.js';

export interface WakeupTransport {
  /** Subscribes to wake-ups from other processes. */
  listen(onWake: () => void): Promise<() => Promise<void>>;
  /** Tells other processes that new events committed. */
  publish(): Promise<void>;
}

export interface EventLogOptions {
  db: Database;
  /** Cross-process wake-ups (PostgreSQL LISTEN/NOTIFY); null for a single process (PGlite). */
  wakeup?: WakeupTransport | null;
  /** Safety-net poll while someone is subscribed, in ms. */
  pollIntervalMs?: number;
  onError?: (error: unknown) => void;
  /** Backlog pages read at once for subscribers, process-wide (default 4). */
  maxConcurrentBacklogReads?: number;
}

export interface EventFilter {
  /** Undefined only for internal consumers that watch every workspace. */
  workspaceId: string | undefined;
  /** Only events a given visitor may see. */
  visitorId?: string;
  /** Only these event types. */
  types?: ReadonlySet<EventType>;
  /** A last per-subscriber check (e.g. conversation visibility). */
  accept?: (event: EventRecord) => boolean;
}

/** Rows per read of the pump (one per process). */
const PAGE = 500;
/**
 * Events per backlog page of a subscriber: a replaying subscriber holds at
 * most one page, and reads the next only once its consumer has taken (and
 * its socket has written) the previous one.
 */
export const REPLAY_PAGE = 50;
/** A subscriber this far behind stops buffering and re-reads from the table. */
const MAX_BUFFERED = 2_000;

interface Subscriber {
  readonly filter: EventFilter;
  buffer: EventRecord[];
  overflowed: boolean;
  closed: boolean;
  wake: (() => void) | null;
}

const eventColumns = {
  id: events.id,
  workspaceId: events.workspaceId,
  type: events.type,
  conversationId: events.conversationId,
  visitorId: events.visitorId,
  actorType: events.actorType,
  actorId: events.actorId,
  payload: events.payload,
  createdAt: events.createdAt,
  // A message recalled after its MESSAGE_CREATED event was written must not
  // come back through a replay of that event.
  messageRecalledAt: sql<string | null>`case when ${events.type} = 'MESSAGE_CREATED'
    and (${events.payload}->'message'->>'id') ~ '^[0-9a-f-]{36}$'
    then (select ${messages.recalledAt}::text from ${messages}
          where ${messages.id} = (${events.payload}->'message'->>'id')::uuid) end`,
};

type EventRow = Awaited<ReturnType<typeof selectEvents>>[number];

function selectEvents(db: Database) {
  return db.select(eventColumns).from(events);
}

/** A row of the pump's read: the event, or only its id when nobody listens. */
type PumpRow = { id: bigint; xmin: string; type: string } | (EventRow & { xmin: string });

function isFullRow(row: PumpRow): row is EventRow & { xmin: string } {
  return 'payload' in row;
}

function toRecord(row: EventRow): EventRecord {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    type: row.type as EventType,
    conversationId: row.conversationId,
    visitorId: row.visitorId,
    actorType: row.actorType,
    actorId: row.actorId,
    payload: redactRecalled(reviveEventPayload(row.payload), row.messageRecalledAt),
    createdAt: row.createdAt,
  };
}

function redactRecalled(payload: EventPayload, recalledAt: string | null): EventPayload {
  const { message, conversation } = payload;
  if (!recalledAt || !message) return payload;
  return {
    ...payload,
    message: { ...message, body: '', recalledAt: new Date(recalledAt) },
    ...(conversation
      ? {
          conversation:
            conversation.lastMessageSeq === message.seq
              ? { ...conversation, lastMessagePreview: RECALLED_PREVIEW }
              : conversation,
        }
      : {}),
  };
}

function matches(filter: EventFilter, event: EventRecord): boolean {
  return (
    (filter.workspaceId === undefined || event.workspaceId === filter.workspaceId) &&
    (filter.visitorId === undefined || event.visitorId === filter.visitorId) &&
    (filter.types === undefined || filter.types.has(event.type)) &&
    (filter.accept === undefined || filter.accept(event))
  );
}

/**
 * The subscribers of this process, with the event types they may want worked
 * out once per change of the set (every commit and every pump read asks).
 */
class SubscriberSet implements Iterable<Subscriber> {
  private readonly all = new Set<Subscriber>();
  private wantedCache: 'all' | ReadonlySet<string> | null = null;

  get size(): number {
    return this.all.size;
  }

  add(subscriber: Subscriber): void {
    this.all.add(subscriber);
    this.wantedCache = null;
  }

  delete(subscriber: Subscriber): void {
    if (this.all.delete(subscriber)) this.wantedCache = null;
  }

  [Symbol.iterator](): Iterator<Subscriber> {
    return this.all.values();
  }

  /** The event types some subscriber may want ('all' if one takes every type). */
  wanted(): 'all' | ReadonlySet<string> {
    if (this.wantedCache) return this.wantedCache;
    const wanted = new Set<string>();
    for (const subscriber of this.all) {
      const types = subscriber.filter.types;
      if (!types) return (this.wantedCache = 'all');
      for (const type of types) wanted.add(type);
    }
    return (this.wantedCache = wanted);
  }
}

/**
 * Turns for reading a subscriber's backlog, process-wide: however many
 * streams replay at once, at most `max` page reads run (and hold their rows).
 * A waiting subscriber that closes leaves the queue at once.
 */
class BacklogPermits {
  private active = 0;
  /** The most reads ever running at once. */
  peak = 0;
  private readonly waiting: { subscriber: Subscriber; grant: (granted: boolean) => void }[] = [];

  constructor(private readonly max: number) {}

  get reading(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves true with a permit, or false if the subscriber closed while waiting. */
  acquire(subscriber: Subscriber): Promise<boolean> {
    if (this.active < this.max) {
      this.active += 1;
      this.peak = Math.max(this.peak, this.active);
      return Promise.resolve(true);
    }
    return new Promise((grant) => this.waiting.push({ subscriber, grant }));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next.grant(true);
    else this.active -= 1;
  }

  cancel(subscriber: Subscriber): void {
    const index = this.waiting.findIndex((waiter) => waiter.subscriber === subscriber);
    if (index >= 0) this.waiting.splice(index, 1)[0]?.grant(false);
  }
}

/**
 * What subscribe() returns: its methods live on the prototype, so an idle
 * subscription (one per open socket) carries no closures of its own.
 */
class EventStream implements AsyncIterableIterator<EventRecord> {
  constructor(
    private readonly stream: AsyncGenerator<EventRecord, undefined>,
    private readonly log: EventLog,
    private readonly subscriber: Subscriber,
  ) {}

  next(): Promise<IteratorResult<EventRecord, undefined>> {
    return this.stream.next();
  }

  /**
   * Ends the stream: a waiting one at once, a replaying one after the page
   * read in flight (no further page is read).
   */
  return(): Promise<IteratorResult<EventRecord, undefined>> {
    this.log.unsubscribe(this.subscriber);
    return this.stream.return(undefined);
  }

  throw(error: unknown): Promise<IteratorResult<EventRecord, undefined>> {
    this.log.unsubscribe(this.subscriber);
    return this.stream.throw(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * Events one subscriber hands over in a row before letting the event loop
 * poll for I/O: one loop turn then costs at most this many deliveries per
 * busy subscriber, so other requests wait a few turns, not seconds.
 */
const EVENTS_PER_TURN = 8;

/** Lets the event loop poll for I/O before going on (a macrotask turn). */
function breakForIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class EventLog {
  private readonly db: Database;
  private readonly wakeup: WakeupTransport | null;
  private readonly pollIntervalMs: number;
  private readonly onError: (error: unknown) => void;

  /** Every id ≤ horizon is either delivered or known never to exist. */
  private horizon = 0n;
  /** First id of a missing run → the next-xid bound taken when it was first seen missing. */
  private readonly gaps = new Map<bigint, bigint>();
  private readonly subscribers = new SubscriberSet();
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;
  private publishing = false;
  private publishAgain = false;
  private gapTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private started = false;
  private stopped = false;
  private readonly permits: BacklogPermits;
  /** Backlog page queries run for subscribers since start (tests and diagnostics). */
  private backlogPageReads = 0;

  constructor(options: EventLogOptions) {
    this.db = options.db;
    this.wakeup = options.wakeup ?? null;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.onError = options.onError ?? (() => undefined);
    this.permits = new BacklogPermits(Math.max(1, options.maxConcurrentBacklogReads ?? 4));
  }

  /** How subscribers' backlog replays stand: page queries so far, running and queued reads. */
  backlogStats(): { pageReads: number; reading: number; queued: number; peakReading: number } {
    return {
      pageReads: this.backlogPageReads,
      reading: this.permits.reading,
      queued: this.permits.queued,
      peakReading: this.permits.peak,
    };
  }

  /** Ends a subscriber (its stream's return()): it gets no more events nor backlog reads. */
  unsubscribe(subscriber: Subscriber): void {
    subscriber.closed = true;
    this.subscribers.delete(subscriber);
    this.permits.cancel(subscriber);
    subscriber.wake?.();
  }

  /** Establishes the safe horizon and starts listening. Call once before use. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    // Everything at or below the current max id is final once every transaction
    // that was open at this moment has ended.
    const [first] = await this.db
      .select({ maxId: sql<string>`coalesce(max(${events.id}), 0)::text` })
      .from(events);
    const maxId = BigInt(first?.maxId ?? '0');
    const barrier = await this.nextXidBound();
    for (let waited = 0; ; waited += 10) {
      const [snap] = await this.db
        .select({ xmin: sql<string>`pg_snapshot_xmin(pg_current_snapshot())::text` })
        .from(sql`(select 1) as one`);
      if (BigInt(snap?.xmin ?? '0') >= barrier || waited > 30_000) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    this.horizon = maxId;
    if (this.wakeup) this.unlisten = await this.wakeup.listen(() => this.poke());
    this.pollTimer = setInterval(() => {
      if (this.subscribers.size > 0) this.poke();
    }, this.pollIntervalMs);
    this.pollTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.gapTimer) clearTimeout(this.gapTimer);
    for (const subscriber of [...this.subscribers]) this.unsubscribe(subscriber);
    await this.unlisten?.();
    await this.pumping;
  }

  /**
   * Called after a local transaction that appended events has committed;
   * `types`, when the caller knows them, are the types it wrote. If nobody
   * here wants those, the pump need not read now: a subscriber's backlog, the
   * safe cursor and the poll all bring the horizon up to date when asked.
   */
  committed(types?: readonly EventType[]): void {
    if (!types || this.mayWant(types)) this.poke();
    const wakeup = this.wakeup;
    if (!wakeup) return;
    // Coalesce: at most one NOTIFY in flight; commits made meanwhile share
    // the one sent after it (under load, one per round trip, not per commit).
    if (this.publishing) {
      this.publishAgain = true;
      return;
    }
    this.publishing = true;
    const publish = () => {
      this.publishAgain = false;
      wakeup
        .publish()
        .catch(this.onError)
        .finally(() => {
          if (this.publishAgain && !this.stopped) publish();
          else this.publishing = false;
        });
    };
    setImmediate(publish);
  }

  /** Brings the horizon up to date (for one-shot reads such as the paginated query). */
  async refresh(): Promise<void> {
    await this.pump();
  }

  /**
   * A cursor every committed change is at or below, read before a snapshot
   * query: a client that loads the snapshot and then subscribes after this
   * cursor misses nothing (it may see a change twice, never zero times).
   */
  async safeCursor(): Promise<bigint> {
    await this.refresh();
    return this.horizon;
  }

  /** Events after `after` (exclusive) for a filter, up to the safe horizon. */
  async read(filter: EventFilter, after: bigint, limit: number): Promise<EventRecord[]> {
    await this.refresh();
    return this.readBacklog(filter, after, limit);
  }

  /**
   * Streams events matching `filter` after the cursor: backlog from the table
   * first, then live ones, in id order, each exactly once. With `after` null
   * the stream starts at the present. `return()` ends it at once, even while
   * it waits for the next event.
   */
  subscribe(filter: EventFilter, after: bigint | null): AsyncIterableIterator<EventRecord> {
    if (!this.started) throw new Error('EventLog.start() was not called');
    const subscriber: Subscriber = {
      filter,
      buffer: [],
      overflowed: after !== null,
      closed: false,
      wake: null,
    };
    // Register before reading the backlog so nothing committed in between is missed;
    // duplicates are dropped by the cursor check in stream().
    this.subscribers.add(subscriber);
    // "From now" means after the newest id committed at this call: ask the
    // table at once (the generator body only runs on the first next()).
    const start = after ?? this.latestId();
    return new EventStream(this.stream(subscriber, start), this, subscriber);
  }

  private async *stream(
    subscriber: Subscriber,
    start: bigint | Promise<bigint>,
  ): AsyncGenerator<EventRecord, undefined> {
    try {
      let cursor = await start;
      // Events in hand (a backlog page, a buffer) are handed over in promise
      // jobs, which never let the event loop poll for I/O: without a break,
      // many subscribers replaying at once starved every other request
      // (/healthz went unanswered for seconds under the hostile-load test).
      let sinceBreak = 0;
      while (!this.stopped && !subscriber.closed) {
        if (subscriber.overflowed) {
          subscriber.overflowed = false;
          subscriber.buffer = [];
          await this.refresh();
          for (;;) {
            const page = await this.replayPage(subscriber, cursor);
            if (!page) break;
            for (const event of page) {
              cursor = event.id;
              yield event;
              sinceBreak += 1;
              if (sinceBreak >= EVENTS_PER_TURN) {
                sinceBreak = 0;
                await breakForIo();
              }
            }
            if (page.length < REPLAY_PAGE) break;
          }
          continue;
        }
        const next = subscriber.buffer.shift();
        if (next) {
          if (next.id > cursor) {
            cursor = next.id;
            yield next;
            sinceBreak += 1;
            if (sinceBreak >= EVENTS_PER_TURN) {
              sinceBreak = 0;
              await breakForIo();
            }
          }
          continue;
        }
        sinceBreak = 0;
        await new Promise<void>((resolve) => {
          subscriber.wake = resolve;
        });
        subscriber.wake = null;
      }
    } finally {
      this.subscribers.delete(subscriber);
    }
    return undefined;
  }

  /**
   * One backlog page for a subscriber, read under a process-wide permit; null
   * once the subscriber has closed (while waiting or during the read).
   */
  private async replayPage(subscriber: Subscriber, after: bigint): Promise<EventRecord[] | null> {
    // Nothing to read at or past the horizon (a client resuming from a fresh
    // cursor): no query, no turn to wait for.
    if (after >= this.horizon) return subscriber.closed ? null : [];
    if (!(await this.permits.acquire(subscriber))) return null;
    try {
      if (subscriber.closed || this.stopped) return null;
      const page = await this.readBacklog(subscriber.filter, after, REPLAY_PAGE, subscriber);
      return subscriber.closed || this.stopped ? null : page;
    } finally {
      this.permits.release();
    }
  }

  /**
   * Every workspace's events in (after, upTo], read through `db` (which may be
   * the caller's transaction). `upTo` must come from safeCursor(), taken
   * before the transaction: on PGlite a transaction holds the only connection.
   */
  async readRange(
    db: Database,
    after: bigint,
    upTo: bigint,
    limit: number,
  ): Promise<EventRecord[]> {
    const rows = await selectEvents(db)
      .where(and(gt(events.id, after), lte(events.id, upTo)))
      .orderBy(events.id)
      .limit(limit);
    return rows.map(toRecord);
  }

  /** One event by id, as subscribers see it (recalled messages redacted). */
  async readOne(id: bigint): Promise<EventRecord | null> {
    const [row] = await selectEvents(this.db).where(eq(events.id, id));
    return row ? toRecord(row) : null;
  }

  private async latestId(): Promise<bigint> {
    const [row] = await this.db
      .select({ maxId: sql<string>`coalesce(max(${events.id}), 0)::text` })
      .from(events);
    return BigInt(row?.maxId ?? '0');
  }

  /** The next page above the horizon: whole events when `payloads`, else ids and types. */
  private readAfterHorizon(payloads: boolean): Promise<PumpRow[]> {
    const name = payloads ? 'new' : 'new_ids';
    const columns = payloads ? eventColumns : { id: events.id, type: events.type };
    return preparedQuery(this.db, `events:${name}`, () =>
      this.db
        .select({ ...columns, xmin: sql<string>`pg_snapshot_xmin(pg_current_snapshot())::text` })
        .from(events)
        .where(sql`${events.id} > ${sql.placeholder('after')}::bigint`)
        .orderBy(events.id)
        .limit(PAGE)
        .prepare(`events_${name}`),
    ).execute({ after: this.horizon.toString() });
  }

  private overflow(subscriber: Subscriber): void {
    subscriber.overflowed = true;
    subscriber.buffer = [];
    subscriber.wake?.();
  }

  private async readBacklog(
    filter: EventFilter,
    after: bigint,
    limit: number,
    /** The subscriber the page is for: its reads stop when it closes. */
    subscriber: Subscriber | null = null,
  ): Promise<EventRecord[]> {
    const out: EventRecord[] = [];
    let cursor = after;
    // With a per-subscriber check, read on until the page is full or the log ends.
    for (;;) {
      if (subscriber) {
        if (subscriber.closed) return out;
        this.backlogPageReads += 1;
      }
      const rows = await selectEvents(this.db)
        .where(
          and(
            filter.workspaceId === undefined
              ? undefined
              : eq(events.workspaceId, filter.workspaceId),
            filter.visitorId === undefined ? undefined : eq(events.visitorId, filter.visitorId),
            filter.types === undefined ? undefined : inArray(events.type, [...filter.types]),
            gt(events.id, cursor),
            lte(events.id, this.horizon),
          ),
        )
        .orderBy(events.id)
        .limit(limit);
      for (const row of rows) {
        const event = toRecord(row);
        if (!filter.accept || filter.accept(event)) out.push(event);
        if (out.length === limit) return out;
      }
      if (rows.length < limit || !filter.accept) return out;
      cursor = rows.at(-1)?.id ?? cursor;
    }
  }

  private poke(): void {
    if (this.stopped || !this.started) return;
    this.pump().catch(this.onError);
  }

  private pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return this.pumping;
    }
    this.pumping = (async () => {
      try {
        do {
          this.pumpAgain = false;
          await this.readNew();
        } while (this.pumpAgain && !this.stopped);
      } finally {
        this.pumping = null;
      }
    })();
    return this.pumping;
  }

  private async readNew(): Promise<void> {
    for (;;) {
      // Payloads only when someone here may want every type; otherwise ids and
      // types, and the few rows a typed subscriber wants are read by id.
      const wanted = this.subscribers.wanted();
      const rows = await this.readAfterHorizon(wanted === 'all');
      const fetch: bigint[] = [];
      let blocked = false;
      for (const row of rows) {
        if (row.id !== this.horizon + 1n) {
          const gapStart = this.horizon + 1n;
          // First sight: bound the holder's xid by the next xid from now on
          // (the holder's xid was assigned before this read's snapshot).
          const seenAt = this.gaps.get(gapStart) ?? (await this.nextXidBound());
          if (BigInt(row.xmin) < seenAt) {
            // A transaction that may hold the missing id is still open: wait for it.
            this.gaps.set(gapStart, seenAt);
            blocked = true;
            break;
          }
          this.gaps.delete(gapStart);
        }
        this.horizon = row.id;
        if (isFullRow(row)) this.deliver(toRecord(row));
        else if (wanted !== 'all' && wanted.has(row.type)) fetch.push(row.id);
      }
      if (fetch.length > 0) {
        const full = await selectEvents(this.db)
          .where(inArray(events.id, fetch))
          .orderBy(events.id);
        for (const row of full) this.deliver(toRecord(row));
      }
      // Someone subscribed while a narrower read was running: what it skipped
      // for them comes from the table (their backlog read stops at the horizon).
      if (wanted !== 'all') {
        for (const subscriber of this.subscribers) {
          const types = subscriber.filter.types;
          if (!types || [...types].some((type) => !wanted.has(type))) this.overflow(subscriber);
        }
      }
      if (blocked) {
        this.scheduleGapRetry();
        return;
      }
      if (rows.length < PAGE) return;
    }
  }

  private mayWant(types: readonly EventType[]): boolean {
    const wanted = this.subscribers.wanted();
    return wanted === 'all' || types.some((type) => wanted.has(type));
  }

  /**
   * One more than an xid assigned just now: above the xid of every transaction
   * that had one before this call. Costs one xid per call, so it is only used
   * at start and when a gap is first seen.
   */
  private async nextXidBound(): Promise<bigint> {
    const [row] = await executeRows<{ xid: string }>(
      this.db,
      sql`select pg_current_xact_id()::text as xid`,
    );
    return BigInt(row?.xid ?? '0') + 1n;
  }

  private scheduleGapRetry(): void {
    if (this.gapTimer) return;
    // The holder's commit usually wakes us first; an abort sends nothing, so poll.
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      this.poke();
    }, 20);
    this.gapTimer.unref();
  }

  private deliver(event: EventRecord): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.overflowed || !matches(subscriber.filter, event)) continue;
      if (subscriber.buffer.length >= MAX_BUFFERED) {
        subscriber.overflowed = true;
      } else {
        subscriber.buffer.push(event);
      }
      subscriber.wake?.();
    }
  }
}
