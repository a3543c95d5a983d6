// The event log as agents, integrators and visitors see it.
import { z } from 'zod';
import {
  requireScope,
  requireVisitor,
  requireWorkspaceActor,
  type Actor,
} from '../shared/actor.js';
import { badInput } from '../shared/errors.js';
import type { CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import type { EventRecord } from './event-types.js';

const CURSOR = /^(0|[1-9][0-9]{0,18})$/;

export function parseEventCursor(after: string | null | undefined): bigint | null {
  if (after === null || after === undefined) return null;
  if (!CURSOR.test(after)) throw badInput('after: is not an event cursor', { field: 'after' });
  return BigInt(after);
}

const PageInput = z.object({
  after: z.string().max(40).nullish(),
  first: z.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(100),
});

/** A page of the workspace's events after a cursor (for clients that poll). */
export async function listWorkspaceEvents(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<EventRecord[]> {
  const viewer = requireWorkspaceActor(actor);
  requireScope(viewer, 'events');
  const { after, first } = validate(PageInput, input);
  return deps.eventLog.read(
    { workspaceId: viewer.workspaceId },
    parseEventCursor(after) ?? 0n,
    first,
  );
}

/** Live stream of the workspace's events after a cursor (or from now). */
export function subscribeWorkspaceEvents(
  deps: CoreDeps,
  actor: Actor | null,
  input: { after?: string | null },
): AsyncIterableIterator<EventRecord> {
  const viewer = requireWorkspaceActor(actor);
  requireScope(viewer, 'events');
  return deps.eventLog.subscribe(
    { workspaceId: viewer.workspaceId },
    parseEventCursor(input.after),
  );
}

/** Live stream of the calling visitor's own conversation events. */
export function subscribeVisitorEvents(
  deps: CoreDeps,
  actor: Actor | null,
  input: { after?: string | null },
): AsyncIterableIterator<EventRecord> {
  const visitor = requireVisitor(actor);
  return deps.eventLog.subscribe(
    { workspaceId: visitor.workspaceId, visitorId: visitor.visitorId },
    parseEventCursor(input.after),
  );
}
