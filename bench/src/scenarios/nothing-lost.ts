// Scenario 5: nothing lost across a crash. Sustained ingest (scenario 2's
// senders) against a Parley process of our own; halfway through it is killed
// with SIGKILL and restarted on the same port and database. Agent
// (workspaceEvents) and visitor (visitorEvents) subscriptions started from a
// cursor taken before the ingest reconnect by hand with `after: lastCursor`.
// Afterwards every listener must hold every acknowledged message (and every
// committed one: the events table is checked too), none twice, and each
// conversation's messages in seq order. Counts, not timings: no baseline.
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import postgres from 'postgres';
import WebSocket from 'ws';
import {
  agentToken,
  freePort,
  gql,
  openConversations,
  startParley,
  type Conversation,
  type ParleyProcess,
} from '../harness/parley-process.js';
import type { Scenario } from '../harness/context.js';
import type { Row } from '../harness/stats.js';

export interface NothingLostOptions {
  senders: number;
  conversations: number;
  /** Ingest length; the kill comes at half of it. */
  seconds: number;
  /** Senders keep going at least this long after the restart. */
  secondsAfterRestart: number;
  agents: number;
  visitors: number;
}

interface Acknowledged {
  id: string;
  conversationId: string;
  seq: number;
  /** performance.now() when the answer came. */
  at: number;
}

interface Delivery {
  cursor: bigint;
  id: string;
  conversationId: string;
  seq: number;
  /** Which connection of the listener delivered it, from 1. */
  connection: number;
}

interface MessageFields {
  id: string;
  conversationId: string;
  seq: number;
}

interface EventFields {
  cursor: string;
  message: MessageFields | null;
}

type SendOutcome =
  | { kind: 'ack'; message: MessageFields }
  /** The server was not there: nothing was sent. */
  | { kind: 'refused' }
  /** Sent, no answer: it may or may not have committed. */
  | { kind: 'unanswered' }
  /** Answered with errors, no data. */
  | { kind: 'rejected'; detail: string };

const RETRY_MS = 100;
const CATCH_UP_MS = 30_000;
const SEND_TIMEOUT_MS = 15_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves to false if `promise` has not settled within `ms`; the timer does not hold the process. */
function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref()),
  ]);
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth += 1) {
    if (typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
    e = typeof e === 'object' && 'cause' in e ? e.cause : undefined;
  }
  return undefined;
}

async function send(url: string, conversation: Conversation, body: string): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Visitor ${conversation.visitor}`,
      },
      body: JSON.stringify({
        query:
          'mutation($c: ID!, $b: String!) { visitorSendMessage(input: { conversationId: $c, body: $b }) { id conversationId seq } }',
        variables: { c: conversation.id, b: body },
      }),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    return errorCode(error) === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'unanswered' };
  }
  let parsed: { data?: { visitorSendMessage?: MessageFields } | null; errors?: unknown };
  try {
    parsed = (await response.json()) as typeof parsed;
  } catch {
    // Headers came, the body did not: not an acknowledgement.
    return { kind: 'unanswered' };
  }
  const message = parsed.data?.visitorSendMessage;
  return message
    ? { kind: 'ack', message }
    : { kind: 'rejected', detail: `${response.status} ${JSON.stringify(parsed.errors)}` };
}

/**
 * One subscription that survives server restarts: on any end of its socket it
 * opens a new one and resubscribes after the last cursor it received.
 */
class Listener {
  readonly deliveries: Delivery[] = [];
  readonly seen = new Set<string>();
  /** Events whose cursor was not above the previous one (must not happen). */
  cursorRegressions = 0;
  connections = 0;
  /** performance.now() of each successful connection. */
  readonly connectedAt: number[] = [];
  readonly errors: string[] = [];
  private lastCursor: string;
  private client: Client | null = null;
  private stopped = false;
  private firstConnection: () => void = () => undefined;
  readonly ready = new Promise<void>((resolve) => {
    this.firstConnection = resolve;
  });

  constructor(
    readonly label: string,
    private readonly wsUrl: string,
    private readonly connectionParams: Record<string, string>,
    readonly field: 'workspaceEvents' | 'visitorEvents',
    cursor: string,
    /** Which acknowledged messages this listener must receive. */
    readonly expects: (message: { conversationId: string }) => boolean,
  ) {
    this.lastCursor = cursor;
  }

  start(): void {
    if (this.stopped) return;
    this.connections += 1;
    const connection = this.connections;
    const client = createClient({
      url: this.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: this.connectionParams,
      retryAttempts: 0,
    });
    this.client = client;
    let ended = false;
    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      if (this.errors.length < 20) this.errors.push(`connection ${connection}: ${reason}`);
      void client.dispose();
      if (!this.stopped) setTimeout(() => this.start(), RETRY_MS);
    };
    client.on('connected', () => {
      this.connectedAt.push(performance.now());
      this.firstConnection();
    });
    client.subscribe<Record<string, EventFields>>(
      {
        query: `subscription($a: String) { ${this.field}(after: $a) { cursor message { id conversationId seq } } }`,
        variables: { a: this.lastCursor },
      },
      {
        next: ({ data, errors }) => {
          if (ended) return;
          if (errors && this.errors.length < 20) {
            this.errors.push(`connection ${connection}: ${JSON.stringify(errors)}`);
          }
          const event = data?.[this.field];
          if (!event) return;
          const cursor = BigInt(event.cursor);
          if (cursor <= BigInt(this.lastCursor)) this.cursorRegressions += 1;
          else this.lastCursor = event.cursor;
          const message = event.message;
          if (!message) return;
          this.deliveries.push({ cursor, ...message, connection });
          this.seen.add(message.id);
        },
        error: (error) => end(describe(error)),
        complete: () => end('completed'),
      },
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.dispose();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error) {
    if ('code' in error) {
      const reason = 'reason' in error ? String(error.reason) : '';
      return `socket closed ${String(error.code)} ${reason}`.trim();
    }
    // ws's ErrorEvent (e.g. connection refused while the server is down).
    if ('message' in error && typeof error.message === 'string') return error.message;
  }
  return JSON.stringify(error);
}

interface Verdict {
  missingAcknowledged: Acknowledged[];
  missingCommitted: CommittedMessage[];
  duplicates: Delivery[];
  outOfOrder: { previous: Delivery; delivery: Delivery }[];
}

interface CommittedMessage {
  cursor: string;
  messageId: string;
  conversationId: string;
  /** Whether the visitor may see it (events.visitor_id is set). */
  visitorVisible: boolean;
}

function judge(
  listener: Listener,
  acknowledged: readonly Acknowledged[],
  committed: readonly CommittedMessage[],
  visitorSide: boolean,
): Verdict {
  const missingAcknowledged = acknowledged.filter(
    (m) => listener.expects(m) && !listener.seen.has(m.id),
  );
  const missingCommitted = committed.filter(
    (m) =>
      listener.expects(m) && (!visitorSide || m.visitorVisible) && !listener.seen.has(m.messageId),
  );
  const first = new Set<string>();
  const duplicates: Delivery[] = [];
  const outOfOrder: Verdict['outOfOrder'] = [];
  const last = new Map<string, Delivery>();
  for (const delivery of listener.deliveries) {
    if (first.has(delivery.id)) {
      duplicates.push(delivery);
      continue;
    }
    first.add(delivery.id);
    const previous = last.get(delivery.conversationId);
    if (previous && delivery.seq <= previous.seq) {
      outOfOrder.push({ previous, delivery });
    } else {
      last.set(delivery.conversationId, delivery);
    }
  }
  return { missingAcknowledged, missingCommitted, duplicates, outOfOrder };
}

export async function nothingLost(
  databaseUrl: string,
  options: NothingLostOptions,
): Promise<Row[]> {
  const { senders, conversations: conversationCount, seconds, agents, visitors } = options;
  const port = await freePort();
  let server = await startParley(databaseUrl, port);
  const listeners: Listener[] = [];
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    const conversations = await openConversations(server.httpUrl, conversationCount);
    const token = await agentToken(server.httpUrl);
    const startCursor = (
      await gql<{ conversations: { eventCursor: string } }>(
        server.httpUrl,
        '{ conversations(first: 1) { eventCursor } }',
        {},
        token,
      )
    ).conversations.eventCursor;

    for (let i = 0; i < agents; i += 1) {
      listeners.push(
        new Listener(
          `agent ${i + 1}`,
          server.wsUrl,
          { token: token.replace(/^Bearer /, '') },
          'workspaceEvents',
          startCursor,
          () => true,
        ),
      );
    }
    for (const conversation of conversations.slice(0, visitors)) {
      listeners.push(
        new Listener(
          `visitor of ${conversation.id}`,
          server.wsUrl,
          { visitorToken: conversation.visitor },
          'visitorEvents',
          startCursor,
          (m) => m.conversationId === conversation.id,
        ),
      );
    }
    for (const listener of listeners) listener.start();
    if (!(await within(Promise.all(listeners.map((l) => l.ready)), 20_000))) {
      throw new Error('lost: listeners did not connect within 20 s');
    }

    // Ingest, with the kill in the middle.
    const acknowledged: Acknowledged[] = [];
    const tally = { refused: 0, unanswered: 0, rejected: 0 };
    const rejections: string[] = [];
    const started = performance.now();
    const deadline = started + seconds * 1000;
    let killAt = Number.NaN;
    let restartedAt = Number.POSITIVE_INFINITY;
    let abort = false;
    const keepSending = () =>
      !abort &&
      (performance.now() < deadline ||
        performance.now() < restartedAt + options.secondsAfterRestart * 1000);
    const url = server.httpUrl;
    const sending = Promise.all(
      Array.from({ length: senders }, async (_, k) => {
        for (let n = k; keepSending(); n += senders) {
          const conversation = conversations[n % conversations.length];
          if (!conversation) return;
          const outcome = await send(url, conversation, `lost ${n}`);
          if (outcome.kind === 'ack') {
            acknowledged.push({ ...outcome.message, at: performance.now() });
            continue;
          }
          tally[outcome.kind] += 1;
          if (outcome.kind === 'rejected' && rejections.length < 5) {
            rejections.push(outcome.detail);
          }
          await sleep(RETRY_MS);
        }
      }),
    );
    let downtime: number;
    try {
      await sleep((seconds * 1000) / 2);
      const ackedBeforeKill = acknowledged.length;
      killAt = performance.now();
      await server.kill('SIGKILL');
      console.log(
        `bench: lost: killed Parley (pid ${server.pid}) with SIGKILL after ${ackedBeforeKill} acknowledged messages`,
      );
      server = await startParley(databaseUrl, port);
      // startParley returns once /healthz answers (or gives up after 30 s).
      downtime = performance.now() - killAt;
      const healthy = await fetch(server.httpUrl.replace(/\/graphql$/, '/healthz')).then(
        (r) => r.ok,
        () => false,
      );
      if (!healthy) throw new Error('lost: restarted Parley does not answer /healthz');
      restartedAt = performance.now();
    } finally {
      if (!Number.isFinite(restartedAt)) abort = true;
      await sending;
    }
    const ingestEnded = performance.now();
    const ingestSeconds = (ingestEnded - started) / 1000;
    console.log(
      `bench: lost: restarted in ${(downtime / 1000).toFixed(2)} s; ${acknowledged.length} acknowledged over ${ingestSeconds.toFixed(1)} s (${tally.refused} refused, ${tally.unanswered} unanswered, ${tally.rejected} rejected)`,
    );
    if (rejections.length > 0)
      console.log(`bench: lost: rejections, e.g. ${rejections.join('; ')}`);

    // Every MESSAGE_CREATED committed after the cursor, acknowledged or not.
    const [anyConversation] = conversations;
    const committed: CommittedMessage[] = anyConversation
      ? (
          await sql<
            { cursor: string; message_id: string; conversation_id: string; visible: boolean }[]
          >`select id::text as cursor, payload->'message'->>'id' as message_id,
                conversation_id::text as conversation_id, visitor_id is not null as visible
              from events
             where type = 'MESSAGE_CREATED' and id > ${startCursor}::bigint
               and workspace_id = (select workspace_id from conversations where id = ${anyConversation.id})
             order by id`
        ).map((r) => ({
          cursor: r.cursor,
          messageId: r.message_id,
          conversationId: r.conversation_id,
          visitorVisible: r.visible,
        }))
      : [];

    // Wait for every listener to hold everything it should.
    const caughtUp = (l: Listener) =>
      acknowledged.every((m) => !l.expects(m) || l.seen.has(m.id)) &&
      committed.every(
        (m) =>
          !l.expects(m) ||
          (l.field === 'visitorEvents' && !m.visitorVisible) ||
          l.seen.has(m.messageId),
      );
    while (!listeners.every(caughtUp) && performance.now() - ingestEnded < CATCH_UP_MS) {
      await sleep(100);
    }
    const catchUp = performance.now() - ingestEnded;
    // A little longer, so late duplicates have a chance to show.
    await sleep(500);
    await Promise.all(listeners.map((l) => l.stop()));
    console.log(
      `bench: lost: listeners ${listeners.every(caughtUp) ? 'caught up' : 'NOT caught up'} ${(catchUp / 1000).toFixed(2)} s after the ingest; ${committed.length} messages committed after the cursor`,
    );

    let missingAcknowledged = 0;
    let missingCommitted = 0;
    let duplicates = 0;
    let outOfOrder = 0;
    let notReconnected = 0;
    let slowestBack = 0;
    let deliveredAfterReconnect = 0;
    for (const listener of listeners) {
      const verdict = judge(listener, acknowledged, committed, listener.field === 'visitorEvents');
      missingAcknowledged += verdict.missingAcknowledged.length;
      missingCommitted += verdict.missingCommitted.length;
      duplicates += verdict.duplicates.length;
      outOfOrder += verdict.outOfOrder.length;
      deliveredAfterReconnect += listener.deliveries.filter((d) => d.connection > 1).length;
      const back = listener.connectedAt.find((t) => t > killAt);
      if (back === undefined) notReconnected += 1;
      else slowestBack = Math.max(slowestBack, back - killAt);
      const bad =
        verdict.missingAcknowledged.length +
          verdict.missingCommitted.length +
          verdict.duplicates.length +
          verdict.outOfOrder.length +
          listener.cursorRegressions >
        0;
      if (bad) {
        console.error(
          [
            `bench: lost: !!! ${listener.label}: ${verdict.missingAcknowledged.length} acknowledged missing, ${verdict.missingCommitted.length} committed missing, ${verdict.duplicates.length} duplicates, ${verdict.outOfOrder.length} out of order, ${listener.cursorRegressions} cursor regressions; ${listener.deliveries.length} deliveries over ${listener.connections} connections`,
            ...verdict.missingAcknowledged
              .slice(0, 10)
              .map(
                (m) =>
                  `    missing acknowledged ${m.id} conversation ${m.conversationId} seq ${m.seq}, acknowledged ${((m.at - killAt) / 1000).toFixed(3)} s from the kill`,
              ),
            ...verdict.missingCommitted
              .slice(0, 10)
              .map(
                (m) =>
                  `    missing committed ${m.messageId} conversation ${m.conversationId} event ${m.cursor}`,
              ),
            ...verdict.duplicates
              .slice(0, 10)
              .map(
                (d) =>
                  `    duplicate ${d.id} conversation ${d.conversationId} seq ${d.seq} event ${d.cursor} on connection ${d.connection}`,
              ),
            ...verdict.outOfOrder
              .slice(0, 10)
              .map(
                ({ previous, delivery }) =>
                  `    out of order in ${delivery.conversationId}: seq ${delivery.seq} (event ${delivery.cursor}, connection ${delivery.connection}) after seq ${previous.seq} (event ${previous.cursor}, connection ${previous.connection})`,
              ),
            ...listener.errors.slice(0, 3).map((e) => `    ${e}`),
          ].join('\n'),
        );
      }
    }
    if (notReconnected > 0) {
      console.error(
        `bench: lost: !!! ${notReconnected} listeners never reconnected after the kill`,
      );
    }
    const total = missingAcknowledged + missingCommitted + duplicates + outOfOrder;
    if (total > 0) {
      console.error(
        `bench: lost: !!! NOT ZERO: ${missingAcknowledged} acknowledged missing, ${missingCommitted} committed missing, ${duplicates} delivered twice, ${outOfOrder} out of order (summed over ${listeners.length} listeners)`,
      );
    } else {
      console.log(
        `bench: lost: ${listeners.length} listeners reconnected (slowest ${(slowestBack / 1000).toFixed(2)} s after the kill; ${deliveredAfterReconnect} messages delivered after reconnecting), nothing lost, duplicated or reordered`,
      );
    }

    const scenario = `5 nothing lost (${senders} senders, ${conversationCount} conversations, ${agents} agent + ${Math.min(visitors, conversations.length)} visitor listeners, kill -9)`;
    const count = (figure: string, parley: number): Row => ({
      scenario,
      figure,
      parley,
      baseline: null,
      unit: '',
      better: 'lower',
      target: '0',
    });
    return [
      {
        scenario,
        figure: 'messages acknowledged',
        parley: acknowledged.length,
        baseline: null,
        unit: '',
        better: 'higher',
        target: '—',
      },
      {
        scenario,
        figure: 'restart downtime (kill -9 → /healthz)',
        parley: downtime / 1000,
        baseline: null,
        unit: 's',
        better: 'lower',
        target: '—',
      },
      count('acknowledged but missing (all listeners)', missingAcknowledged),
      count('delivered twice (all listeners)', duplicates),
      count('out of order within a conversation (all listeners)', outOfOrder),
      count('committed, acknowledged or not, but missing', missingCommitted),
    ];
  } finally {
    await Promise.all(listeners.map((l) => l.stop()));
    await sql.end();
    await stopParley(server);
  }
}

async function stopParley(server: ParleyProcess): Promise<void> {
  if (!(await within(server.kill('SIGTERM'), 10_000))) {
    await server.kill('SIGKILL');
  }
}

export const nothingLostScenario: Scenario = {
  name: 'lost',
  run: ({ databaseUrl, quick }) =>
    nothingLost(
      databaseUrl,
      quick
        ? {
            senders: 10,
            conversations: 50,
            seconds: 4,
            secondsAfterRestart: 1,
            agents: 3,
            visitors: 4,
          }
        : {
            senders: 50,
            conversations: 1_000,
            seconds: 15,
            secondsAfterRestart: 3,
            agents: 4,
            visitors: 8,
          },
    ),
};
