// Scenario 2: messages per second accepted (mutation acknowledged, committed)
// with C concurrent senders over many conversations. Baseline: raw postgres.js
// single-row INSERTs of the same rows with C concurrent clients. The headline
// sends as the widget does while its socket is live (graphql-ws, one socket
// per visitor); the HTTP row sends the same mutation as one request each.
import { performance } from 'node:perf_hooks';
import { createCore, type MessageQuotaLimits } from '@parley/core';
import { createDatabase } from '@parley/db';
import postgres from 'postgres';
import { LeanSocket } from '../harness/lean-socket.js';
import {
  gql,
  openConversations,
  type Conversation,
  type ParleyProcess,
} from '../harness/parley-process.js';
import type { Scenario } from '../harness/context.js';
import type { Row } from '../harness/stats.js';

// The load generator is one visitor population far above any real one.
const UNLIMITED = 100_000_000;
/** Every budget lifted (a full record: a new budget must be named here). */
const UNLIMITED_QUOTAS: MessageQuotaLimits = {
  visitorMessagesPerMinute: UNLIMITED,
  visitorBytesPerHour: UNLIMITED * 1024,
  visitorBytesPerDay: UNLIMITED * 1024,
  workspaceVisitorMessagesPerMinute: UNLIMITED,
  channelVisitorMessagesPerMinute: UNLIMITED,
  channelVisitorBytesPerHour: UNLIMITED * 1024,
};

export interface IngestOptions {
  senders: number;
  conversations: number;
  seconds: number;
}

/**
 * The server's floor: the same senders posting `{ __typename }`, a GraphQL
 * request that touches no database. No message path can be faster than this.
 */
async function emptyRequestRate(
  parley: ParleyProcess,
  { senders, seconds }: IngestOptions,
): Promise<number> {
  const { accepted, seconds: took } = await sendFor(senders, seconds, 0, async () => {
    await gql(parley.httpUrl, '{ __typename }', {});
  });
  return accepted / took;
}

const SEND =
  'mutation($c: ID!, $b: String!) { visitorSendMessage(input: { conversationId: $c, body: $b }) { seq } }';

/** One graphql-ws socket per visitor, as each visitor's widget holds one. */
function visitorSockets(parley: ParleyProcess, all: Conversation[]): Promise<LeanSocket[]> {
  return Promise.all(all.map((c) => LeanSocket.open(parley.wsUrl, { visitorToken: c.visitor })));
}

/**
 * `senders` loops each sending, one after another, until `seconds` have passed;
 * `send(n)` resolves once message n is acknowledged. Returns how many were.
 */
async function sendFor(
  senders: number,
  seconds: number,
  first: number,
  send: (n: number) => Promise<void>,
): Promise<{ accepted: number; seconds: number }> {
  let accepted = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async (_, k) => {
      for (let n = first + k; performance.now() < deadline; n += senders) {
        await send(n);
        accepted += 1;
      }
    }),
  );
  return { accepted, seconds: (performance.now() - started) / 1000 };
}

/** Rounds of the raw baseline and of Parley over the widget's sockets, alternating. */
const ROUNDS = 3;

/**
 * The headline pair: the raw baseline and Parley over each visitor's socket
 * (the widget's way), measured in alternating windows so that the machine's
 * drift during the run weighs on both alike. Rates are totals over all rounds.
 */
async function socketAndRawRates(
  parley: ParleyProcess,
  databaseUrl: string,
  all: Conversation[],
  { senders, conversations, seconds }: IngestOptions,
): Promise<{ ours: number; baseline: number }> {
  const sql = postgres(databaseUrl, { max: senders, onnotice: () => undefined });
  await sql`create table if not exists bench_raw_ingest (id uuid primary key default gen_random_uuid(), conversation_id uuid not null, seq int not null, body text not null, created_at timestamptz not null default now())`;
  const ids = Array.from({ length: conversations }, () => crypto.randomUUID());
  const clients = await visitorSockets(parley, all);
  const raw = { accepted: 0, seconds: 0 };
  const ours = { accepted: 0, seconds: 0 };
  const add = (total: typeof raw, part: typeof raw) => {
    total.accepted += part.accepted;
    total.seconds += part.seconds;
  };
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const first = round * 1_000_000;
      add(
        raw,
        await sendFor(senders, seconds / ROUNDS, first, async (n) => {
          await sql`insert into bench_raw_ingest (conversation_id, seq, body) values (${ids[n % ids.length] ?? ''}, ${n}, ${`ingest ${n}`})`;
        }),
      );
      add(
        ours,
        await sendFor(senders, seconds / ROUNDS, first, async (n) => {
          const i = n % all.length;
          const c = all[i];
          const client = clients[i];
          if (!c || !client) throw new Error('no conversation to send to');
          // Acknowledged: the answer (the committed message's seq), then `complete`.
          await client.run(SEND, { c: c.id, b: `ingest ${n}` });
        }),
      );
    }
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await sql.end();
  }
  return { ours: ours.accepted / ours.seconds, baseline: raw.accepted / raw.seconds };
}

async function parleyRate(
  parley: ParleyProcess,
  all: Conversation[],
  { senders, seconds }: IngestOptions,
): Promise<number> {
  const { accepted, seconds: took } = await sendFor(senders, seconds, 0, async (n) => {
    const c = all[n % all.length];
    if (!c) throw new Error('no conversation to send to');
    await gql(parley.httpUrl, SEND, { c: c.id, b: `ingest ${n}` }, `Visitor ${c.visitor}`);
  });
  return accepted / took;
}

/**
 * Parley's own write path without the server: the domain call a mutation
 * resolver makes (validation, the shared append statement, its commit), from
 * the same number of concurrent callers in this process. What the server adds
 * on top (HTTP, GraphQL, JSON) is the difference to the figure above.
 */
async function domainRate(
  databaseUrl: string,
  all: Conversation[],
  { senders, seconds }: IngestOptions,
): Promise<number> {
  const handle = await createDatabase({ kind: 'postgres', url: databaseUrl });
  const core = await createCore(handle, { quotas: UNLIMITED_QUOTAS });
  try {
    // The actor the server would hand the resolver for each visitor token.
    const actors = await Promise.all(all.map((c) => core.authenticate({ visitor: c.visitor })));
    const { accepted, seconds: took } = await sendFor(senders, seconds, 0, async (n) => {
      const i = n % all.length;
      const c = all[i];
      if (!c) throw new Error('no conversation to send to');
      await core.visitorSendMessage(actors[i] ?? null, {
        conversationId: c.id,
        body: `domain ${n}`,
      });
    });
    return accepted / took;
  } finally {
    await core.close();
    await handle.close();
  }
}

export async function ingest(
  parley: ParleyProcess,
  databaseUrl: string,
  options: IngestOptions,
): Promise<Row[]> {
  const all = await openConversations(parley.httpUrl, options.conversations);
  const { ours, baseline } = await socketAndRawRates(parley, databaseUrl, all, options);
  const overHttp = await parleyRate(parley, all, options);
  const domain = await domainRate(databaseUrl, all, options);
  const empty = await emptyRequestRate(parley, options);
  const scenario = `2 ingest (${options.senders} senders, ${options.conversations} conversations)`;
  return [
    {
      scenario,
      figure: "messages accepted per second (over each visitor's socket, as the widget sends)",
      parley: ours,
      baseline,
      unit: '/s',
      better: 'higher',
      target: '≥ 0.40×',
    },
    {
      scenario,
      figure: 'the same, each message an HTTP request',
      parley: overHttp,
      baseline,
      unit: '/s',
      better: 'higher',
      target: '—',
    },
    {
      scenario,
      figure: 'the same through the domain call alone (no HTTP or GraphQL)',
      parley: domain,
      baseline,
      unit: '/s',
      better: 'higher',
      target: '—',
    },
    {
      scenario,
      figure: 'empty GraphQL requests ({ __typename }) per second: the HTTP floor',
      parley: empty,
      baseline,
      unit: '/s',
      better: 'higher',
      target: '—',
    },
  ];
}

export const ingestScenario: Scenario = {
  name: 'ingest',
  run: ({ parley, databaseUrl, quick }) =>
    ingest(
      parley,
      databaseUrl,
      quick
        ? { senders: 10, conversations: 50, seconds: 2 }
        : { senders: 50, conversations: 1_000, seconds: 10 },
    ),
};
