// Scenario 3: fan-out and memory. N WebSockets, each with one live
// subscription, on one server process: memory per idle subscribed connection
// (the process's RSS delta ÷ connections over the second half of them, after
// full collections) and the time from triggering one event until
// every socket has received it. Baseline: a raw `ws` server in its own process
// (harness/raw-ws-server.ts) holding the same N connections, each with one
// subscription record, broadcasting one ~300-byte JSON message.
//
// Clients are raw `ws` sockets speaking graphql-transport-ws by hand (a
// graphql-ws client object per socket would weigh on the bench process, not
// on the server being measured).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { Scenario } from '../harness/context.js';
import {
  agentToken,
  freePort,
  GC_ON_SIGNAL,
  gql,
  startParley,
  stopChild,
  visitorToken,
  type ParleyProcess,
} from '../harness/parley-process.js';
import { percentile, type Row } from '../harness/stats.js';

export interface FanOutOptions {
  /** Subscribed sockets held at once. */
  connections: number;
  /** Sockets opened concurrently (the next batch starts when this one is subscribed). */
  batch: number;
  /** Events timed one after another (after one untimed warm-up event). */
  events: number;
}

const SUBSCRIPTION =
  'subscription($a: String) { workspaceEvents(after: $a) { cursor message { id body } } }';
const CONNECT_TIMEOUT_MS = 30_000;
const DELIVERY_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 30_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------
// The measured process, through /proc.

async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`fanout: no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

/** User + system CPU time of a process, in clock ticks. */
/** RSS after a full garbage collection in the process (see gc-on-signal.mjs). */
async function collectedRssKiB(pid: number): Promise<number> {
  process.kill(pid, 'SIGUSR2');
  await sleep(1_000);
  return rssKiB(pid);
}

async function cpuTicks(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Waits at least `minMs`, then until the process has been (nearly) idle for
 * half a second — at most `maxMs` in all — so that connection work, pending
 * writes and disconnect handling are over before memory is read or the next
 * step starts. Returns false when the process never went quiet.
 */
async function settle(pid: number, minMs = 2_000, maxMs = 20_000): Promise<boolean> {
  const started = performance.now();
  await sleep(minMs);
  while (performance.now() - started < maxMs) {
    const before = await cpuTicks(pid);
    await sleep(500);
    // ≤ 3 ticks (30 ms at 100 Hz) in 500 ms: below 6 % of one core.
    if ((await cpuTicks(pid)) - before <= 3) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Client sockets.

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** The message body a `next` carries (`payload.data.workspaceEvents.message.body`), if any. */
function nextBody(message: unknown): string | null {
  const body = field(
    field(field(field(field(message, 'payload'), 'data'), 'workspaceEvents'), 'message'),
    'body',
  );
  return typeof body === 'string' ? body : null;
}

interface ClientProtocol {
  url: string;
  subprotocol?: string;
  /** Sent as soon as the socket opens. */
  hello: string;
  /** The message type that says the server holds the subscription (or will, for graphql-ws). */
  readyType: string;
  /** Sent on `readyType`, if anything. */
  onReady?: string;
}

/** Everything the sockets of one side saw, and the event being timed. */
class Deliveries {
  /** Per socket: message body → copies received. */
  private readonly copies: Map<string, number>[] = [];
  private timing: {
    body: string;
    t0: number;
    left: number;
    times: number[];
    done: () => void;
  } | null = null;
  /** `next` messages that were not about one of our bodies (other event types). */
  other = 0;
  /** error / complete messages, and sockets closed by the server. */
  readonly faults: string[] = [];

  register(): number {
    this.copies.push(new Map());
    return this.copies.length - 1;
  }

  received(index: number, body: string | null): void {
    const seen = this.copies[index];
    if (!seen || body === null) {
      this.other += 1;
      return;
    }
    const count = (seen.get(body) ?? 0) + 1;
    seen.set(body, count);
    const timing = this.timing;
    if (timing && timing.body === body && count === 1) {
      timing.times.push(performance.now() - timing.t0);
      timing.left -= 1;
      if (timing.left === 0) timing.done();
    }
  }

  /** Triggers one event and waits until every socket has it (or the timeout). */
  async time(
    body: string,
    trigger: () => Promise<unknown>,
  ): Promise<{ times: number[]; missing: number }> {
    const times: number[] = [];
    const delivered = new Promise<void>((resolve) => {
      this.timing = { body, t0: performance.now(), left: this.copies.length, times, done: resolve };
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, DELIVERY_TIMEOUT_MS);
    });
    try {
      await Promise.all([trigger(), Promise.race([delivered, timeout])]);
      return { times, missing: this.timing?.left ?? 0 };
    } finally {
      clearTimeout(timer);
      this.timing = null;
    }
  }

  /** Sockets that did not get exactly one copy of every body. */
  wrongCopies(bodies: readonly string[]): number {
    return this.copies.filter((seen) => bodies.some((body) => seen.get(body) !== 1)).length;
  }
}

class ClientPool {
  readonly sockets: WebSocket[] = [];
  private closing = false;

  constructor(
    private readonly protocol: ClientProtocol,
    readonly deliveries: Deliveries,
  ) {}

  /** Another pool speaking the same protocol, with its own delivery tally. */
  sibling(): ClientPool {
    return new ClientPool(this.protocol, new Deliveries());
  }

  /** Opens one socket and resolves once it is subscribed. */
  open(): Promise<void> {
    const { url, subprotocol, hello, readyType, onReady } = this.protocol;
    const index = this.deliveries.register();
    const socket = new WebSocket(url, subprotocol, { perMessageDeflate: false });
    this.sockets.push(socket);
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      const timer = setTimeout(() => {
        reject(new Error(`fanout: socket ${index} not subscribed after ${CONNECT_TIMEOUT_MS} ms`));
        socket.terminate();
      }, CONNECT_TIMEOUT_MS);
      socket.once('open', () => socket.send(hello));
      socket.on('message', (data) => {
        let message: unknown;
        try {
          message = JSON.parse(data.toString());
        } catch {
          this.deliveries.faults.push(`socket ${index}: unparsable message`);
          return;
        }
        const type = field(message, 'type');
        if (type === readyType && !ready) {
          ready = true;
          clearTimeout(timer);
          if (onReady) socket.send(onReady);
          resolve();
        } else if (type === 'next') {
          this.deliveries.received(index, nextBody(message));
        } else if (type === 'ping') {
          socket.send('{"type":"pong"}');
        } else if (type !== 'pong') {
          this.deliveries.faults.push(`socket ${index}: ${JSON.stringify(message).slice(0, 300)}`);
        }
      });
      socket.on('error', (error) => {
        if (!ready) {
          clearTimeout(timer);
          reject(error);
        }
      });
      socket.once('close', (code, reason) => {
        clearTimeout(timer);
        const why = `socket ${index} closed by the server: ${code} ${reason.toString()}`;
        if (!ready) reject(new Error(`fanout: ${why}`));
        else if (!this.closing) this.deliveries.faults.push(why);
      });
    });
  }

  /** Opens `count` sockets, `batch` at a time; resolves once all are subscribed. */
  async openMany(count: number, batch: number): Promise<void> {
    for (let opened = 0; opened < count; opened += batch) {
      await Promise.all(Array.from({ length: Math.min(batch, count - opened) }, () => this.open()));
    }
  }

  /** Closes every socket and waits for the closes (terminating stragglers). */
  async close(): Promise<void> {
    this.closing = true;
    const open = this.sockets.filter((s) => s.readyState !== WebSocket.CLOSED);
    const closed = Promise.all(
      open.map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()))),
    );
    for (const socket of open) {
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(1000);
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      closed,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    for (const socket of open) if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
  }
}

// ---------------------------------------------------------------------------
// One side: connect N, read memory, time events, close.

interface SideResult {
  kibPerConnection: number;
  /** Per timed event: ms from trigger until the last socket had it. */
  timeToAll: number[];
  /** Per timed event: ms until half the sockets had it. */
  timeToHalf: number[];
  /** Sockets without exactly one copy of every event (and missing deliveries). */
  wrong: number;
}

interface Side {
  name: string;
  pid: number;
  pool: ClientPool;
  /** Causes one event carrying `body`. */
  trigger(body: string): Promise<unknown>;
}

/** Connections opened and closed before measuring (see measureSide). */
const WARM_UP = 50;

async function measureSide(side: Side, options: FanOutOptions): Promise<SideResult> {
  const { pid, pool } = side;
  const { deliveries } = pool;
  // Warm-up on both sides: a few connections opened and closed first, so
  // their code is compiled; few, so their freed pages do not house the
  // measured ones. (Earlier a fifth of N, whose freed pages hid part of the
  // cost; before that none, which counted the heap's one-time growth to its
  // working size and swung a fresh server's
  // figure between 18 and 25 KiB from run to run).
  const warm = pool.sibling();
  await warm.openMany(Math.min(WARM_UP, options.connections), options.batch);
  await warm.close();
  const quiet = await settle(pid);
  const before = await collectedRssKiB(pid);
  // Memory per connection is the slope over the second half: the first half
  // also takes up whatever pages the process already held free (how many
  // varies from start to start), the second half only grows.
  const half = Math.floor(options.connections / 2);
  const t0 = performance.now();
  await pool.openMany(half, options.batch);
  const connectHalfMs = performance.now() - t0;
  await settle(pid);
  const middle = await collectedRssKiB(pid);
  const t1 = performance.now();
  await pool.openMany(options.connections - half, options.batch);
  const connectMs = connectHalfMs + performance.now() - t1;
  const quietAfter = await settle(pid);
  const after = await collectedRssKiB(pid);

  const bodies: string[] = [];
  const timeToAll: number[] = [];
  const timeToHalf: number[] = [];
  let missing = 0;
  for (let i = 0; i <= options.events; i += 1) {
    const body = `fanout-${side.name}-${i}-${Math.random().toString(36).slice(2)}`;
    bodies.push(body);
    const result = await deliveries.time(body, () => side.trigger(body));
    missing += result.missing;
    // The first event is a warm-up (first execution of the subscription's
    // selection on every socket): checked, not timed.
    if (i > 0 && result.missing === 0) {
      timeToAll.push(Math.max(...result.times));
      timeToHalf.push(percentile(result.times, 50));
    }
    await sleep(200);
  }
  // Let duplicates, if any, arrive before counting.
  await sleep(500);
  const wrong = deliveries.wrongCopies(bodies);

  const kibPerConnection = (after - middle) / (options.connections - half);
  console.log(
    `bench: fanout ${side.name}: ${options.connections} sockets subscribed in ${(connectMs / 1000).toFixed(1)} s; ` +
      `RSS ${(before / 1024).toFixed(0)} → ${(middle / 1024).toFixed(0)} → ${(after / 1024).toFixed(0)} MiB ` +
      `(second half ${kibPerConnection.toFixed(1)} KiB/socket, all ${((after - before) / options.connections).toFixed(1)}` +
      `${quiet && quietAfter ? '' : ', process never went idle'}); ` +
      `time to all ${timeToAll.map((t) => t.toFixed(0)).join(', ')} ms; ` +
      `${missing} deliveries missing, ${wrong} sockets without exactly one copy of each event, ` +
      `${deliveries.other} other events, ${deliveries.faults.length} faults`,
  );
  for (const fault of deliveries.faults.slice(0, 5))
    console.log(`bench: fanout ${side.name}: ${fault}`);
  return { kibPerConnection, timeToAll, timeToHalf, wrong };
}

// ---------------------------------------------------------------------------
// Parley.

async function parleyFanOut(parley: ParleyProcess, options: FanOutOptions): Promise<SideResult> {
  const bearer = await agentToken(parley.httpUrl);
  const token = bearer.replace(/^Bearer /, '');
  const deliveries = new Deliveries();
  const sentinel = new ClientPool(
    {
      url: parley.wsUrl,
      subprotocol: 'graphql-transport-ws',
      hello: JSON.stringify({ type: 'connection_init', payload: { token } }),
      readyType: 'connection_ack',
    },
    new Deliveries(),
  );
  let pool: ClientPool | null = null;
  try {
    // One socket of the same agent first: their presence goes online (and the
    // queue drains) now, not during the measured connects.
    await sentinel.open();
    // The conversation the timed messages go to, opened beforehand so that
    // each timed message is one MESSAGE_CREATED event and nothing else.
    const visitor = `Visitor ${await visitorToken(parley.httpUrl)}`;
    const send =
      'mutation($c: ID, $b: String!) { visitorSendMessage(input: { conversationId: $c, body: $b }) { conversationId } }';
    const opened = await gql<{ visitorSendMessage: { conversationId: string } }>(
      parley.httpUrl,
      send,
      { c: null, b: 'fanout: opening the conversation' },
      visitor,
    );
    const conversationId = opened.visitorSendMessage.conversationId;
    await settle(parley.pid, 500);
    // Subscribing after the current cursor replays no backlog.
    const cursor = (
      await gql<{ conversations: { eventCursor: string } }>(
        parley.httpUrl,
        '{ conversations(first: 1) { eventCursor } }',
        {},
        bearer,
      )
    ).conversations.eventCursor;
    pool = new ClientPool(
      {
        url: parley.wsUrl,
        subprotocol: 'graphql-transport-ws',
        hello: JSON.stringify({ type: 'connection_init', payload: { token } }),
        readyType: 'connection_ack',
        onReady: JSON.stringify({
          id: '1',
          type: 'subscribe',
          payload: { query: SUBSCRIPTION, variables: { a: cursor } },
        }),
      },
      deliveries,
    );
    return await measureSide(
      {
        name: 'parley',
        pid: parley.pid,
        pool,
        trigger: (body) => gql(parley.httpUrl, send, { c: conversationId, b: body }, visitor),
      },
      options,
    );
  } finally {
    await pool?.close();
    await sentinel.close();
    // The server ends each socket's presence; let that finish before the next scenario.
    await settle(parley.pid, 1_000, 30_000);
  }
}

// ---------------------------------------------------------------------------
// Raw `ws` baseline.

const rawServerPath = fileURLToPath(new URL('../harness/raw-ws-server.ts', import.meta.url));

async function startRawServer(): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...GC_ON_SIGNAL, '--import', 'tsx', rawServerPath, String(port)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`fanout: raw ws server exited with ${code}`)));
      child.once('error', reject);
      timer = setTimeout(() => reject(new Error('fanout: raw ws server did not start')), 30_000);
    });
  } catch (error) {
    await stopChild(child);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { child, port };
}

/** A ~300-byte event shaped like Parley's `next` payload. */
function rawEvent(body: string, cursor: number): string {
  const event = {
    data: {
      workspaceEvents: {
        cursor: String(cursor),
        type: 'MESSAGE_CREATED',
        message: { id: crypto.randomUUID(), body, senderType: 'VISITOR', seq: cursor },
      },
    },
  };
  const json = JSON.stringify(event);
  return JSON.stringify({ ...event, padding: 'x'.repeat(Math.max(0, 300 - json.length - 14)) });
}

async function rawFanOut(options: FanOutOptions): Promise<SideResult> {
  const { child, port } = await startRawServer();
  const pid = child.pid;
  if (pid === undefined) throw new Error('fanout: raw ws server has no pid');
  const pool = new ClientPool(
    {
      url: `ws://127.0.0.1:${port}`,
      hello: JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION } }),
      readyType: 'subscribed',
    },
    new Deliveries(),
  );
  let cursor = 0;
  try {
    return await measureSide(
      {
        name: 'raw ws',
        pid,
        pool,
        trigger: async (body) => {
          cursor += 1;
          const response = await fetch(`http://127.0.0.1:${port}/broadcast`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: rawEvent(body, cursor),
          });
          if (!response.ok) throw new Error(`fanout: raw broadcast failed: ${response.status}`);
          return response.json();
        },
      },
      options,
    );
  } finally {
    await pool.close();
    await stopChild(child);
  }
}

// ---------------------------------------------------------------------------

interface Round {
  raw: SideResult;
  ours: SideResult;
}

/** One round: a fresh raw server, then the given fresh Parley process. */
async function fanOutRound(parley: ParleyProcess, options: FanOutOptions): Promise<Round> {
  const raw = await rawFanOut(options);
  const ours = await parleyFanOut(parley, options);
  return { raw, ours };
}

/**
 * The rows over all rounds: memory is the median round's (one round's RSS
 * delta swings with where V8 and malloc happen to have spare pages), times
 * are the median over every timed event of every round.
 */
function fanOutRows(rounds: Round[], options: FanOutOptions): Row[] {
  const scenario = `3 fan-out (${options.connections} sockets)`;
  const median = (values: number[]) => percentile(values, 50);
  const side = (pick: (round: Round) => SideResult) => {
    const sides = rounds.map(pick);
    return {
      kibPerConnection: median(sides.map((r) => r.kibPerConnection)),
      timeToAll: sides.flatMap((r) => r.timeToAll),
      timeToHalf: sides.flatMap((r) => r.timeToHalf),
      wrong: sides.reduce((sum, r) => sum + r.wrong, 0),
    };
  };
  const raw = side((r) => r.raw);
  const ours = side((r) => r.ours);
  if (rounds.length > 1)
    console.log(
      `bench: fanout memory per round (KiB/socket): Parley ${rounds.map((r) => r.ours.kibPerConnection.toFixed(1)).join(', ')}; ` +
        `raw ${rounds.map((r) => r.raw.kibPerConnection.toFixed(1)).join(', ')}`,
    );
  const memoryFigure =
    rounds.length > 1
      ? `memory per idle subscribed connection (RSS Δ ÷ connections over the second N/2, median of ${rounds.length} rounds)`
      : 'memory per idle subscribed connection (RSS Δ ÷ connections over the second N/2)';
  const events = options.events * rounds.length;
  return [
    {
      scenario,
      figure: memoryFigure,
      parley: ours.kibPerConnection,
      baseline: raw.kibPerConnection,
      unit: 'KiB',
      better: 'lower',
      target: '≤ 2×',
    },
    {
      scenario,
      figure: `one event → all N sockets (median of ${events})`,
      parley: median(ours.timeToAll),
      baseline: median(raw.timeToAll),
      unit: 'ms',
      better: 'lower',
      target: '—',
    },
    {
      scenario,
      figure: `one event → half the sockets (median of ${events})`,
      parley: median(ours.timeToHalf),
      baseline: median(raw.timeToHalf),
      unit: 'ms',
      better: 'lower',
      target: '—',
    },
    {
      scenario,
      figure: 'sockets without exactly one copy of each event',
      parley: ours.wrong,
      // The baseline's count is in the log line; 0 ÷ 0 makes no ratio.
      baseline: null,
      unit: '',
      better: 'lower',
      target: '0',
    },
  ];
}

export const fanOutScenario: Scenario = {
  name: 'fanout',
  // A fresh server process on the same database, like the raw server: its
  // memory figure must not depend on the heap earlier scenarios left behind.
  run: async ({ databaseUrl, quick }) => {
    const options = quick
      ? { connections: 200, batch: 100, events: 3 }
      : { connections: 5_000, batch: 200, events: 5 };
    const rounds: Round[] = [];
    for (let round = 0; round < (quick ? 1 : 3); round += 1) {
      const parley = await startParley(databaseUrl, undefined, GC_ON_SIGNAL);
      try {
        rounds.push(await fanOutRound(parley, options));
      } finally {
        await parley.kill();
      }
    }
    return fanOutRows(rounds, options);
  },
};
