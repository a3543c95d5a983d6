// Delivers events to webhooks without ever slowing the chat:
// 1. Fan-out: one process at a time (row lock on its consumer cursor) reads
//    the event log after the cursor and records a delivery per subscribed
//    webhook, then moves the cursor — in one transaction, so nothing is
//    recorded twice or skipped.
// 2. Sending: due deliveries are claimed briefly (locked_until), sent outside
//    any transaction with a timeout, and the outcome recorded; failures retry
//    with exponential backoff, then give up (FAILED) and can be replayed.
import {
  and,
  asc,
  consumerCursors,
  eq,
  inArray,
  isNull,
  lt,
  lte,
  or,
  sql,
  webhookDeliveries,
  webhooks,
} from '@parley/db';
import type { Database } from '@parley/db';
import type { EventRecord } from '../events/event-types.js';
import type { CoreDeps } from '../shared/transaction.js';
import { postWebhook } from './send-webhook.js';
import { SIGNATURE_HEADER, signPayload } from './signature.js';

const CONSUMER = 'webhooks';
const BATCH = 200;
const SEND_BATCH = 20;
export const MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 5_000;

/** Seconds before attempt n+1 (n ≥ 1): 10 s, 40 s, 2.7 min, … capped at 6 h, with jitter. */
export function backoffSeconds(attempts: number, random = Math.random()): number {
  const base = Math.min(10 * 4 ** (attempts - 1), 6 * 60 * 60);
  return Math.round(base * (0.8 + random * 0.4));
}

/** The JSON a receiver gets: the event as the API shows it. */
export function deliveryBody(event: EventRecord, deliveryId: string): string {
  return JSON.stringify({
    id: event.id.toString(),
    deliveryId,
    type: event.type,
    occurredAt: event.createdAt.toISOString(),
    workspaceId: event.workspaceId,
    conversationId: event.conversationId,
    data: event.payload,
  });
}

export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Whether any active webhook existed at the last fan-out (learned each round). */
  private listening = true;

  constructor(
    private readonly deps: CoreDeps,
    private readonly options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
  ) {}

  start(): void {
    this.timer = setInterval(() => this.wake(), this.options.intervalMs ?? 1_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * A transaction committed: worth a round only when someone listens. With no
   * webhooks, commits cost nothing here; the 1 s tick notices new ones.
   */
  committed(): void {
    if (this.listening) this.wake();
  }

  /** Runs a round soon (ticks, webhook changes, replays). Rounds never overlap. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.fanOut();
          await this.sendDue();
        } while (this.again && !this.stopped);
      } catch (error) {
        this.options.onError?.(error);
      } finally {
        this.running = null;
      }
    })();
  }

  /** For tests: one full round, awaited. */
  async drain(): Promise<void> {
    this.wake();
    await this.running;
  }

  private cursorReady = false;

  private async fanOut(): Promise<void> {
    const { db, eventLog } = this.deps;
    // The cursor row exists once per database; make sure once per process.
    if (!this.cursorReady) {
      await db.insert(consumerCursors).values({ name: CONSUMER, cursor: 0n }).onConflictDoNothing();
      this.cursorReady = true;
    }
    for (;;) {
      // Outside the transaction: see the event log's comment on readRange.
      const horizon = await eventLog.safeCursor();
      const moved = await db.transaction(async (tx) => {
        const [row] = await tx
          .select({ cursor: consumerCursors.cursor })
          .from(consumerCursors)
          .where(eq(consumerCursors.name, CONSUMER))
          .for('update', { skipLocked: true });
        if (!row) return false; // another process is fanning out
        const [any] = await tx
          .select({ id: webhooks.id })
          .from(webhooks)
          .where(eq(webhooks.active, true))
          .limit(1);
        this.listening = Boolean(any);
        if (!any) {
          // Nobody listens: skip ahead (new webhooks start after their creation anyway).
          if (horizon > row.cursor) {
            await tx
              .update(consumerCursors)
              .set({ cursor: horizon })
              .where(eq(consumerCursors.name, CONSUMER));
          }
          return false;
        }
        const batch = await eventLog.readRange(
          tx as unknown as Database,
          row.cursor,
          horizon,
          BATCH,
        );
        if (batch.length === 0) return false;
        const workspaceIds = [...new Set(batch.map((e) => e.workspaceId))];
        const hooks = await tx
          .select({
            id: webhooks.id,
            workspaceId: webhooks.workspaceId,
            eventTypes: webhooks.eventTypes,
            startAfter: webhooks.startAfterEventId,
          })
          .from(webhooks)
          .where(and(eq(webhooks.active, true), inArray(webhooks.workspaceId, workspaceIds)));
        const rows = batch.flatMap((event) =>
          hooks
            .filter(
              (h) =>
                h.workspaceId === event.workspaceId &&
                event.id > h.startAfter &&
                h.eventTypes.includes(event.type),
            )
            .map((h) => ({
              workspaceId: event.workspaceId,
              webhookId: h.id,
              eventId: event.id,
              eventType: event.type,
            })),
        );
        if (rows.length > 0) await tx.insert(webhookDeliveries).values(rows).onConflictDoNothing();
        const last = batch.at(-1)?.id ?? row.cursor;
        await tx
          .update(consumerCursors)
          .set({ cursor: last })
          .where(eq(consumerCursors.name, CONSUMER));
        return batch.length === BATCH;
      });
      if (!moved) return;
    }
  }

  private async sendDue(): Promise<void> {
    for (;;) {
      const claimed = await this.deps.db
        .update(webhookDeliveries)
        .set({
          lockedUntil: sql`now() + interval '60 seconds'`,
          attempts: sql`${webhookDeliveries.attempts} + 1`,
        })
        .where(
          inArray(
            webhookDeliveries.id,
            this.deps.db
              .select({ id: webhookDeliveries.id })
              .from(webhookDeliveries)
              .where(
                and(
                  eq(webhookDeliveries.status, 'PENDING'),
                  lte(webhookDeliveries.nextAttemptAt, sql`now()`),
                  or(
                    isNull(webhookDeliveries.lockedUntil),
                    lt(webhookDeliveries.lockedUntil, sql`now()`),
                  ),
                ),
              )
              .orderBy(asc(webhookDeliveries.nextAttemptAt))
              .limit(SEND_BATCH)
              .for('update', { skipLocked: true }),
          ),
        )
        .returning({
          id: webhookDeliveries.id,
          webhookId: webhookDeliveries.webhookId,
          eventId: webhookDeliveries.eventId,
          attempts: webhookDeliveries.attempts,
        });
      if (claimed.length === 0) return;
      await Promise.all(claimed.map((delivery) => this.send(delivery)));
      if (claimed.length < SEND_BATCH || this.stopped) return;
    }
  }

  private async send(delivery: {
    id: string;
    webhookId: string;
    eventId: bigint;
    attempts: number;
  }): Promise<void> {
    const [hook] = await this.deps.db
      .select({ url: webhooks.url, secret: webhooks.secret })
      .from(webhooks)
      .where(eq(webhooks.id, delivery.webhookId));
    const event = await this.deps.eventLog.readOne(delivery.eventId);
    let statusCode: number | null = null;
    let error: string | null = null;
    if (!hook || !event) {
      error = 'The webhook or its event no longer exists.';
    } else {
      try {
        const body = deliveryBody(event, delivery.id);
        statusCode = await postWebhook(
          {
            url: new URL(hook.url),
            headers: {
              'content-type': 'application/json',
              'user-agent': 'Parley-Webhooks/1',
              'parley-event': event.type,
              'parley-delivery': delivery.id,
              [SIGNATURE_HEADER]: signPayload(hook.secret, body),
            },
            body,
            timeoutMs: TIMEOUT_MS,
          },
          this.deps.webhookPolicy,
        );
        if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
      } catch (caught) {
        error = caught instanceof Error ? caught.message.slice(0, 500) : 'delivery failed';
      }
    }
    const succeeded = error === null;
    const giveUp = !succeeded && (delivery.attempts >= MAX_ATTEMPTS || !hook || !event);
    await this.deps.db
      .update(webhookDeliveries)
      .set({
        status: succeeded ? 'SUCCEEDED' : giveUp ? 'FAILED' : 'PENDING',
        lastStatusCode: statusCode,
        lastError: error,
        lastAttemptAt: sql`now()`,
        lockedUntil: null,
        ...(succeeded ? { deliveredAt: sql`now()` } : {}),
        ...(!succeeded && !giveUp
          ? {
              nextAttemptAt: sql`now() + make_interval(secs => ${backoffSeconds(delivery.attempts)})`,
            }
          : {}),
      })
      .where(eq(webhookDeliveries.id, delivery.id));
  }
}
