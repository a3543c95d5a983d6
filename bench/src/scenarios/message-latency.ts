// Scenario 1: a visitor sends messages over graphql-ws while N agent
// subscriptions listen; latency from send to delivery on every agent socket.
// Baseline: one raw postgres.js INSERT plus one raw `ws` broadcast to N sockets.
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import postgres from 'postgres';
import WebSocket, { WebSocketServer } from 'ws';
import { agentToken, gql, visitorToken, type ParleyProcess } from '../harness/parley-process.js';
import type { Scenario } from '../harness/context.js';
import { seedAgents } from '../harness/seed-agents.js';
import { percentile, type Row } from '../harness/stats.js';

export interface LatencyOptions {
  listeners: number;
  messages: number;
}

const wsClient = (url: string, params: Record<string, unknown>): Client =>
  createClient({ url, webSocketImpl: WebSocket, connectionParams: params, retryAttempts: 0 });

async function parleyLatencies(
  parley: ParleyProcess,
  databaseUrl: string,
  { listeners, messages }: LatencyOptions,
): Promise<number[]> {
  const token = await agentToken(parley.httpUrl);
  // Every listener is a different agent, as in a real team: nothing about one
  // subscriber's result can be reused for another.
  const team = await seedAgents(databaseUrl, { count: listeners, label: 'latency' });
  const cursor = (
    await gql<{ conversations: { eventCursor: string } }>(
      parley.httpUrl,
      '{ conversations(first: 1) { eventCursor } }',
      {},
      token,
    )
  ).conversations.eventCursor;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let pending: { body: string; left: number; done: () => void } | null = null;
  const agents: Client[] = [];
  let ready = 0;
  await new Promise<void>((resolve) => {
    for (const agent of team) {
      const client = wsClient(parley.wsUrl, { token: agent.token });
      client.on('connected', () => {
        ready += 1;
        if (ready === listeners) resolve();
      });
      client.subscribe<{ workspaceEvents: { message: { body: string } | null } }>(
        {
          query: 'subscription($a: String) { workspaceEvents(after: $a) { message { body } } }',
          variables: { a: cursor },
        },
        {
          next: ({ data }) => {
            const body = data?.workspaceEvents.message?.body;
            const t0 = body ? sentAt.get(body) : undefined;
            if (!body || t0 === undefined) return;
            latencies.push(performance.now() - t0);
            if (pending && pending.body === body && --pending.left === 0) pending.done();
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
      agents.push(client);
    }
  });
  const visitor = await visitorToken(parley.httpUrl);
  const sender = wsClient(parley.wsUrl, { visitorToken: visitor });
  let conversationId: string | null = null;
  for (let i = 0; i <= messages; i += 1) {
    const body = `bench-${i}-${Math.random()}`;
    const delivered = new Promise<void>(
      (resolve) => (pending = { body, left: listeners, done: resolve }),
    );
    sentAt.set(body, performance.now());
    const result = await new Promise<{ conversationId: string }>((resolve, reject) => {
      sender.subscribe<{ visitorSendMessage: { conversationId: string } }>(
        {
          query:
            'mutation($c: ID, $b: String!) { visitorSendMessage(input: { conversationId: $c, body: $b }) { conversationId } }',
          variables: { c: conversationId, b: body },
        },
        {
          next: ({ data }) => data && resolve(data.visitorSendMessage),
          error: reject,
          complete: () => undefined,
        },
      );
    });
    conversationId = result.conversationId;
    await Promise.race([delivered, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    // The first message opens the conversation: warm-up, not measured.
    if (i === 0) latencies.length = 0;
  }
  await sender.dispose();
  await Promise.all(agents.map((c) => c.dispose()));
  return latencies;
}

async function rawLatencies(
  databaseUrl: string,
  { listeners, messages }: LatencyOptions,
): Promise<number[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  await sql`create table if not exists bench_raw_messages (id bigserial primary key, body text not null)`;
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const port = (wss.address() as { port: number }).port;
  const latencies: number[] = [];
  let t0 = 0;
  let left = 0;
  let done: () => void = () => undefined;
  const sockets = await Promise.all(
    Array.from(
      { length: listeners },
      () =>
        new Promise<WebSocket>((resolve) => {
          const socket = new WebSocket(`ws://127.0.0.1:${port}`);
          socket.on('message', () => {
            latencies.push(performance.now() - t0);
            if (--left === 0) done();
          });
          socket.on('open', () => resolve(socket));
        }),
    ),
  );
  for (let i = 0; i <= messages; i += 1) {
    const delivered = new Promise<void>((resolve) => (done = resolve));
    left = listeners;
    t0 = performance.now();
    const body = `raw-${i}`;
    const [row] = await sql`insert into bench_raw_messages (body) values (${body}) returning id`;
    const payload = JSON.stringify({ id: String(row?.id), body });
    for (const client of wss.clients) client.send(payload);
    await delivered;
    if (i === 0) latencies.length = 0;
  }
  for (const socket of sockets) socket.close();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await sql.end();
  return latencies;
}

export async function messageLatency(
  parley: ParleyProcess,
  databaseUrl: string,
  options: LatencyOptions,
): Promise<Row[]> {
  const raw = await rawLatencies(databaseUrl, options);
  const ours = await parleyLatencies(parley, databaseUrl, options);
  const base = {
    scenario: `1 latency (${options.listeners} listeners)`,
    unit: 'ms',
    better: 'lower' as const,
  };
  return [
    {
      ...base,
      figure: 'p50 send→delivery',
      parley: percentile(ours, 50),
      baseline: percentile(raw, 50),
      target: '—',
    },
    {
      ...base,
      figure: 'p99 send→delivery',
      parley: percentile(ours, 99),
      baseline: percentile(raw, 99),
      target: '≤ 3×',
    },
  ];
}

export const latencyScenario: Scenario = {
  name: 'latency',
  run: ({ parley, databaseUrl, quick }) =>
    messageLatency(
      parley,
      databaseUrl,
      // A message's 200 deliveries rise and fall together (one GC pause delays
      // them all), so with 100 messages p99 was the single slowest message.
      // 500 puts it at the fifth.
      quick ? { listeners: 20, messages: 20 } : { listeners: 200, messages: 500 },
    ),
};
