// Scenario 2: messages per second accepted (mutation acknowledged, committed)
// with C concurrent senders over many conversations. Baseline: raw postgres.js
// single-row INSERTs of the same rows with C concurrent clients.
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { gql, openConversations, type ParleyProcess } from '../harness/parley-process.js';
import type { Scenario } from '../harness/context.js';
import type { Row } from '../harness/stats.js';

export interface IngestOptions {
  senders: number;
  conversations: number;
  seconds: number;
}

async function parleyRate(
  parley: ParleyProcess,
  { senders, conversations, seconds }: IngestOptions,
): Promise<number> {
  const all = await openConversations(parley.httpUrl, conversations);
  let accepted = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async (_, k) => {
      for (let n = k; performance.now() < deadline; n += senders) {
        const c = all[n % all.length];
        if (!c) return;
        await gql(
          parley.httpUrl,
          'mutation($c: ID!, $b: String!) { visitorSendMessage(input: { conversationId: $c, body: $b }) { seq } }',
          { c: c.id, b: `ingest ${n}` },
          `Visitor ${c.visitor}`,
        );
        accepted += 1;
      }
    }),
  );
  return accepted / ((performance.now() - started) / 1000);
}

async function rawRate(
  databaseUrl: string,
  { senders, conversations, seconds }: IngestOptions,
): Promise<number> {
  const sql = postgres(databaseUrl, { max: senders, onnotice: () => undefined });
  await sql`create table if not exists bench_raw_ingest (id uuid primary key default gen_random_uuid(), conversation_id uuid not null, seq int not null, body text not null, created_at timestamptz not null default now())`;
  const ids = Array.from({ length: conversations }, () => crypto.randomUUID());
  let accepted = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async (_, k) => {
      for (let n = k; performance.now() < deadline; n += senders) {
        await sql`insert into bench_raw_ingest (conversation_id, seq, body) values (${ids[n % ids.length] ?? ''}, ${n}, ${`ingest ${n}`})`;
        accepted += 1;
      }
    }),
  );
  const rate = accepted / ((performance.now() - started) / 1000);
  await sql.end();
  return rate;
}

export async function ingest(
  parley: ParleyProcess,
  databaseUrl: string,
  options: IngestOptions,
): Promise<Row[]> {
  const baseline = await rawRate(databaseUrl, options);
  const ours = await parleyRate(parley, options);
  return [
    {
      scenario: `2 ingest (${options.senders} senders, ${options.conversations} conversations)`,
      figure: 'messages accepted per second',
      parley: ours,
      baseline,
      unit: '/s',
      better: 'higher',
      target: '≥ 0.40×',
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
