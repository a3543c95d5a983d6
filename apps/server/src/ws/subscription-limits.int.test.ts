// A visitor (or any credential) cannot exhaust the server's memory with
// subscriptions: past the per-socket and per-actor limits they are refused
// with TOO_MANY_SUBSCRIPTIONS, and the backlog replays that are accepted hold
// a bounded amount of memory, leave /healthz answering, and stop reading once
// their socket closes.
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorkspaceFixture,
  startTestServer,
  type TestServer,
  type WorkspaceFixture,
  UNLIMITED_VISITOR_QUOTAS,
} from '../testing/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MESSAGES = 2_000;
const REPLAY = 'subscription { visitorEvents(after: "0") { cursor type message { id body } } }';

let server: TestServer;
let ws: WorkspaceFixture;
let visitorToken: string;

beforeAll(async () => {
  server = await startTestServer({ env: UNLIMITED_VISITOR_QUOTAS });
  ws = await createWorkspaceFixture(server);
  const session = await server.core.startVisitorSession({ channelKey: ws.websiteChannelKey });
  visitorToken = session.token;
});
afterAll(() => server?.close());

/** ~2,000 messages of the visitor's own, as the attacker had: a long backlog to replay. */
async function seedBacklog() {
  const visitor = await server.core.authenticate({ visitor: visitorToken });
  // Sent 500 at a time, they share statements (the visitor append queue).
  const first = await server.core.visitorSendMessage(visitor, { body: 'hello 0' });
  for (let i = 1; i < MESSAGES; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, MESSAGES - i) }, (_, j) =>
        server.core.visitorSendMessage(visitor, {
          conversationId: first.conversationId,
          body: `message ${i + j} ${'x'.repeat(200)}`,
        }),
      ),
    );
  }
}

interface RawSocket {
  socket: WebSocket;
  /** Refusals by subscription id. */
  errors: Map<string, { message: string; extensions?: { code?: string; limit?: number } }>;
  nexts: number;
  subscribe(id: string, query: string): void;
  /** Resolves once `count` refusals have arrived. */
  refusals(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A graphql-transport-ws client on a raw socket: nothing parsed but what the test asks for. */
async function openSocket(params: Record<string, unknown>): Promise<RawSocket> {
  const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
  const errors: RawSocket['errors'] = new Map();
  const waiters: (() => void)[] = [];
  const raw: RawSocket = {
    socket,
    errors,
    nexts: 0,
    subscribe: (id, query) =>
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query } })),
    refusals: (count) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${errors.size}/${count} refusals`)),
          10_000,
        );
        const check = () => {
          if (errors.size >= count) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.terminate();
      }),
  };
  await new Promise<void>((resolve, reject) => {
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: params })),
    );
    socket.on('error', reject);
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.startsWith('{"id"') && text.includes('"type":"next"')) {
        raw.nexts += 1;
        return;
      }
      const message = JSON.parse(text) as {
        type: string;
        id?: string;
        payload?: { message: string; extensions?: { code?: string; limit?: number } }[];
      };
      if (message.type === 'connection_ack') resolve();
      if (message.type === 'error' && message.id && message.payload?.[0]) {
        errors.set(message.id, message.payload[0]);
        waiters.splice(0).forEach((waiter) => waiter());
      }
    });
  });
  return raw;
}

async function healthWithin(ms: number): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(ms) });
  expect(response.status).toBe(200);
  return performance.now() - started;
}

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('subscription limits', () => {
  it('refuse subscriptions past the per-socket and per-actor limits with TOO_MANY_SUBSCRIPTIONS, and a closed socket gives its slots back', async () => {
    const live = 'subscription { visitorEvents { cursor } }';
    // Subscriptions refused by the resolver (a visitor may not follow the
    // workspace) hold no slot: 60 of them leave the visitor's 50 untouched.
    const forbidden = await openSocket({ visitorToken });
    for (let round = 1; round <= 3; round += 1) {
      for (let i = 1; i <= 20; i += 1)
        forbidden.subscribe(`f${round}-${i}`, 'subscription { workspaceEvents { cursor } }');
      while (forbidden.nexts + forbidden.errors.size < 20 * round) await nextTurn();
    }
    expect(forbidden.errors.size).toBe(0);
    await forbidden.close();

    const a = await openSocket({ visitorToken });
    for (let i = 1; i <= 25; i += 1) a.subscribe(`s${i}`, live);
    await a.refusals(5);
    await nextTurn();
    // The burst is counted as it arrives: the first 20 run, the rest are refused.
    expect([...a.errors.keys()].sort()).toEqual(['s21', 's22', 's23', 's24', 's25']);
    expect(a.errors.get('s21')).toMatchObject({
      message: expect.stringMatching(/too many operations on this socket \(limit 20\)/i),
      extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: 20 },
    });

    // Across sockets, one visitor holds at most 50.
    const b = await openSocket({ visitorToken });
    const c = await openSocket({ visitorToken });
    for (let i = 1; i <= 20; i += 1) b.subscribe(`s${i}`, live);
    await nextTurn();
    for (let i = 1; i <= 20; i += 1) c.subscribe(`s${i}`, live);
    await c.refusals(10);
    await nextTurn();
    expect(b.errors.size).toBe(0);
    expect(c.errors.size).toBe(10);
    expect(c.errors.get('s20')).toMatchObject({
      message: expect.stringMatching(/too many subscriptions for this visitor \(limit 50/i),
      extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: 50 },
    });

    // A client that completes a subscription, or closes its socket, frees its slots.
    b.socket.send(JSON.stringify({ id: 's1', type: 'complete' }));
    await a.close();
    await nextTurn();
    const d = await openSocket({ visitorToken });
    for (let i = 1; i <= 20; i += 1) d.subscribe(`s${i}`, live);
    await nextTurn();
    d.subscribe('one-more', live);
    await d.refusals(1);
    expect([...d.errors.keys()]).toEqual(['one-more']);
    await Promise.all([b.close(), c.close(), d.close()]);
  });

  it(
    `replays of a ${MESSAGES}-message backlog on every allowed subscription keep memory bounded and /healthz answering, and stop reading when the socket closes`,
    { timeout: 180_000 },
    async () => {
      await seedBacklog();
      await nextTurn(); // the previous test's sockets have given their slots back
      gc();
      const used = () => {
        const memory = process.memoryUsage();
        return memory.heapUsed + memory.external;
      };
      const heapBefore = used();
      const statsBefore = server.core.eventLog.backlogStats();

      // The attack: as many replays from the start as the visitor can open, on
      // sockets that read nothing (their frames pile up against backpressure).
      const sockets: RawSocket[] = [];
      for (let s = 0; s < 3; s += 1) {
        const socket = await openSocket({ visitorToken });
        socket.socket.pause();
        for (let i = 1; i <= 20; i += 1) socket.subscribe(`r${i}`, REPLAY);
        sockets.push(socket);
      }
      // Let the server run the replays a while, checking its health.
      let slowest = 0;
      for (let i = 0; i < 15; i += 1) {
        await nextTurn();
        slowest = Math.max(slowest, await healthWithin(1_000));
      }
      expect(slowest).toBeLessThan(1_000);
      const stats = server.core.eventLog.backlogStats();
      expect(stats.pageReads).toBeGreaterThan(statsBefore.pageReads);
      expect(stats.peakReading).toBeLessThanOrEqual(4);
      gc();
      const grown = (used() - heapBefore) / 2 ** 20;
      // Measured: ~7–10 MiB with pages of 50; ~57 MiB with the former pages of 500.
      expect(grown, `heap + external grew ${grown.toFixed(1)} MiB`).toBeLessThan(30);
      // The visitor holds all it may: one more, on a socket that reads, is refused.
      const reading = await openSocket({ visitorToken });
      reading.subscribe('r1', REPLAY);
      await reading.refusals(1);
      expect(reading.errors.get('r1')?.extensions?.code).toBe('TOO_MANY_SUBSCRIPTIONS');
      sockets.push(reading);
      await Promise.all(sockets.map((socket) => socket.close()));
      await nextTurn();
      const after = server.core.eventLog.backlogStats();
      expect(after).toMatchObject({ reading: 0, queued: 0 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(server.core.eventLog.backlogStats().pageReads).toBe(after.pageReads);
      await healthWithin(1_000);
    },
  );
});
