import type { Resolvers } from '../generated/resolvers-types.js';
import { authResolvers } from './auth-resolvers.js';
import { conversationResolvers } from './conversation-resolvers.js';
import { eventResolvers } from './event-resolvers.js';
import { groupResolvers } from './group-resolvers.js';
import { inboxResolvers } from './inbox-resolvers.js';
import { reportResolvers } from './report-resolvers.js';
import { JSONScalar, teamAdminResolvers } from './team-admin-resolvers.js';
import { teamResolvers } from './team-resolvers.js';
import { DateTime } from './scalars.js';
import { visitorResolvers } from './visitor-resolvers.js';
import { webhookResolvers } from './webhook-resolvers.js';

const parts: Resolvers[] = [
  authResolvers,
  conversationResolvers,
  eventResolvers,
  groupResolvers,
  inboxResolvers,
  reportResolvers,
  teamResolvers,
  teamAdminResolvers,
  visitorResolvers,
  webhookResolvers,
];

/** Merges the per-domain resolver maps (type by type) into one. */
export function buildResolvers(): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [typeName, fields] of Object.entries(part)) {
      merged[typeName] = { ...merged[typeName], ...(fields as Record<string, unknown>) };
    }
  }
  return { ...(merged as Resolvers), DateTime, JSON: JSONScalar };
}
