// Registering webhooks and inspecting or replaying their deliveries (admins).
import { z } from 'zod';
import { and, desc, eq, sql, webhookDeliveries, webhooks } from '@parley/db';
import { actorRef } from '../conversations/lifecycle.js';
import { audit } from '../audit/audit-log.js';
import { appendEvents } from '../events/append-events.js';
import { EVENT_TYPES } from '../events/event-types.js';
import { requireWorkspaceActor, type Actor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { requirePermission } from '../shared/permissions.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import { assertDeliverable, parseWebhookUrl } from './address-policy.js';
import { newWebhookSecret } from './signature.js';

export interface WebhookRecord {
  id: string;
  url: string;
  eventTypes: string[];
  active: boolean;
  createdAt: Date;
}

export interface CreatedWebhook {
  webhook: WebhookRecord;
  /** The signing secret, shown at creation. */
  secret: string;
}

export interface WebhookDeliveryRecord {
  id: string;
  webhookId: string;
  eventId: bigint;
  eventType: string;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  attempts: number;
  nextAttemptAt: Date;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

const webhookColumns = {
  id: webhooks.id,
  url: webhooks.url,
  eventTypes: webhooks.eventTypes,
  active: webhooks.active,
  createdAt: webhooks.createdAt,
};

const deliveryColumns = {
  id: webhookDeliveries.id,
  webhookId: webhookDeliveries.webhookId,
  eventId: webhookDeliveries.eventId,
  eventType: webhookDeliveries.eventType,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lastStatusCode: webhookDeliveries.lastStatusCode,
  lastError: webhookDeliveries.lastError,
  lastAttemptAt: webhookDeliveries.lastAttemptAt,
  deliveredAt: webhookDeliveries.deliveredAt,
  createdAt: webhookDeliveries.createdAt,
};

const CreateInput = z.object({
  url: z.string().trim().max(2_000),
  eventTypes: z
    .array(z.enum(EVENT_TYPES))
    .min(1, 'must name at least one event type')
    .max(EVENT_TYPES.length),
});

export async function createWebhook(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<CreatedWebhook> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'settings.manage');
  const { url, eventTypes } = validate(CreateInput, input);
  const target = parseWebhookUrl(url);
  await assertDeliverable(target, deps.webhookPolicy);
  const secret = newWebhookSecret();
  // Only events from now on: read the horizon before the insert commits.
  const startAfter = await deps.eventLog.safeCursor();
  const created = await inTransaction(deps, async (tx) => {
    const [webhook] = await tx
      .insert(webhooks)
      .values({
        workspaceId: viewer.workspaceId,
        url: target.toString(),
        eventTypes: [...new Set(eventTypes)],
        secret,
        startAfterEventId: startAfter,
        createdByAgentId: viewer.kind === 'agent' ? viewer.agentId : null,
      })
      .returning(webhookColumns);
    if (!webhook) throw new Error('webhook insert returned nothing');
    await appendEvents(tx, [
      {
        workspaceId: viewer.workspaceId,
        type: 'WEBHOOK_CREATED',
        ...actorRef(viewer),
        payload: { webhook: { id: webhook.id, url: webhook.url, eventTypes: webhook.eventTypes } },
      },
    ]);
    await audit(tx, viewer, 'webhook.created', { type: 'webhook', id: webhook.id }, null, {
      url: webhook.url,
      eventTypes: webhook.eventTypes,
    });
    return { webhook, secret };
  });
  // Start listening at once rather than at the next tick.
  deps.webhooksWake(true);
  return created;
}

export async function listWebhooks(deps: CoreDeps, actor: Actor | null): Promise<WebhookRecord[]> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'settings.manage');
  return deps.db
    .select(webhookColumns)
    .from(webhooks)
    .where(eq(webhooks.workspaceId, viewer.workspaceId))
    .orderBy(desc(webhooks.createdAt));
}

const IdInput = z.object({ id: Id });

export async function deleteWebhook(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<boolean> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'settings.manage');
  const { id } = validate(IdInput, input);
  return inTransaction(deps, async (tx) => {
    const [gone] = await tx
      .delete(webhooks)
      .where(and(eq(webhooks.workspaceId, viewer.workspaceId), eq(webhooks.id, id)))
      .returning({ id: webhooks.id, url: webhooks.url, eventTypes: webhooks.eventTypes });
    if (!gone) throw notFound('Webhook');
    await audit(
      tx,
      viewer,
      'webhook.deleted',
      { type: 'webhook', id },
      { url: gone.url, eventTypes: gone.eventTypes },
      null,
    );
    await appendEvents(tx, [
      {
        workspaceId: viewer.workspaceId,
        type: 'WEBHOOK_DELETED',
        ...actorRef(viewer),
        payload: { webhook: gone },
      },
    ]);
    return true;
  });
}

const DeliveriesInput = z.object({
  webhookId: Id,
  first: z.number().int().min(1).max(200).default(50),
});

export async function listWebhookDeliveries(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<WebhookDeliveryRecord[]> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'settings.manage');
  const { webhookId, first } = validate(DeliveriesInput, input);
  return deps.db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, viewer.workspaceId),
        eq(webhookDeliveries.webhookId, webhookId),
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(first);
}

/** Sends a delivery again now, whatever its state. */
export async function replayWebhookDelivery(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<WebhookDeliveryRecord> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'settings.manage');
  const { id } = validate(IdInput, input);
  const [delivery] = await deps.db
    .update(webhookDeliveries)
    .set({ status: 'PENDING', nextAttemptAt: sql`now()`, lockedUntil: null })
    .where(and(eq(webhookDeliveries.workspaceId, viewer.workspaceId), eq(webhookDeliveries.id, id)))
    .returning(deliveryColumns);
  if (!delivery) throw notFound('Webhook delivery');
  deps.webhooksWake(true);
  return delivery;
}
