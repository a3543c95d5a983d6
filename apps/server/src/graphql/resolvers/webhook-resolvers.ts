import type { EventType } from '@parley/core';
import type { Resolvers } from '../generated/resolvers-types.js';

export const webhookResolvers: Resolvers = {
  Query: {
    webhooks: (_, __, { core, actor }) => core.listWebhooks(actor),
  },
  Mutation: {
    createWebhook: (_, { input }, { core, actor }) => core.createWebhook(actor, input),
    deleteWebhook: (_, { id }, { core, actor }) => core.deleteWebhook(actor, { id }),
    replayWebhookDelivery: (_, { id }, { core, actor }) =>
      core.replayWebhookDelivery(actor, { id }),
  },
  Webhook: {
    eventTypes: (webhook) => webhook.eventTypes as EventType[],
    deliveries: (webhook, { first }, { core, actor }) =>
      core.listWebhookDeliveries(actor, { webhookId: webhook.id, first: first ?? 20 }),
  },
  WebhookDelivery: {
    eventCursor: (delivery) => delivery.eventId.toString(),
    eventType: (delivery) => delivery.eventType as EventType,
  },
};
