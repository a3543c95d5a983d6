import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { and, channels, eq, visitors } from '@parley/db';
import type { VisitorSummary } from '../conversations/records.js';
import { notFound } from '../shared/errors.js';
import { appendEvents } from '../events/append-events.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import { touchVisitor, type RequestInfo } from './visitor-profile.js';
import { signVisitorToken, verifyVisitorToken } from './visitor-token.js';

const Input = z.object({
  channelKey: z.string().trim().min(1, 'is required').max(200),
  visitorToken: z.string().max(500).nullish(),
  name: z.string().trim().min(1).max(100).nullish(),
  language: z.string().trim().max(35).nullish(),
});

export interface VisitorSessionRecord {
  token: string;
  visitor: VisitorSummary;
  eventCursor: string;
}

/** Creates a visitor on a website channel, or resumes the one a valid token names. */
export async function startVisitorSession(
  deps: CoreDeps,
  input: unknown,
  request: RequestInfo = {},
): Promise<VisitorSessionRecord> {
  const { channelKey, visitorToken, name, language } = validate(Input, input);
  const seen = { ...request, language: language ?? null };
  const [channel] = await deps.db
    .select({ id: channels.id, workspaceId: channels.workspaceId })
    .from(channels)
    .where(and(eq(channels.publicKey, channelKey), eq(channels.kind, 'WEBSITE')))
    .limit(1);
  if (!channel) throw notFound('Channel');

  const columns = {
    id: visitors.id,
    name: visitors.name,
    email: visitors.email,
    phone: visitors.phone,
  };
  const claims = visitorToken ? verifyVisitorToken(deps.visitorTokenKey, visitorToken) : null;
  if (claims && claims.workspaceId === channel.workspaceId) {
    const [existing] = await deps.db
      .select(columns)
      .from(visitors)
      .where(and(eq(visitors.id, claims.visitorId), eq(visitors.workspaceId, channel.workspaceId)))
      .limit(1);
    if (existing) {
      const eventCursor = await deps.eventLog.safeCursor();
      await touchVisitor(deps.db, channel.workspaceId, existing.id, seen);
      return {
        token: signVisitorToken(deps.visitorTokenKey, claims),
        visitor: existing,
        eventCursor: eventCursor.toString(),
      };
    }
  }

  const visitor = await inTransaction(deps, async (tx) => {
    const [created] = await tx
      .insert(visitors)
      .values({
        workspaceId: channel.workspaceId,
        channelId: channel.id,
        name: name ?? `Visitor ${randomInt(1000, 10000)}`,
      })
      .returning(columns);
    if (!created) throw new Error('visitor insert returned nothing');
    await touchVisitor(tx, channel.workspaceId, created.id, seen);
    await appendEvents(tx, [
      {
        workspaceId: channel.workspaceId,
        type: 'VISITOR_CREATED',
        // Not on the visitor's own stream: it carries conversation events only.
        visitorId: null,
        actorType: 'visitor',
        actorId: created.id,
        payload: { visitor: created },
      },
    ]);
    return created;
  });
  return {
    token: signVisitorToken(deps.visitorTokenKey, {
      workspaceId: channel.workspaceId,
      visitorId: visitor.id,
    }),
    visitor,
    eventCursor: (await deps.eventLog.safeCursor()).toString(),
  };
}
