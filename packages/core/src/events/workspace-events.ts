// The event log as agents, integrators and visitors see it.
import { z } from 'zod';
import {
  requireScope,
  requireVisitor,
  requireWorkspaceActor,
  type Actor,
  type WorkspaceActor,
} from '../shared/actor.js';
import { badInput } from '../shared/errors.js';
import type { CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import { isVisible, visibilityOf, type Visibility } from '../team/visibility.js';
import type { EventFilter } from './event-log.js';
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

/**
 * An agent without conversation.view_all sees events of conversations they can
 * see (and workspace-level events such as presence); everyone else sees all.
 */
function visibleEvents(visibility: Visibility): ((event: EventRecord) => boolean) | undefined {
  if (visibility.all) return undefined;
  return (event) => {
    const conversation = event.payload.conversation;
    if (!conversation) return true;
    // Also the change that took it away from them, so their list can drop it.
    if (visibility.agentId && event.payload.assignment?.from?.id === visibility.agentId)
      return true;
    return isVisible(visibility, {
      ...conversation,
      assigneeId: conversation.assignee?.id ?? null,
    });
  };
}

async function workspaceFilter(deps: CoreDeps, viewer: WorkspaceActor): Promise<EventFilter> {
  const accept = visibleEvents(await visibilityOf(deps, viewer));
  return { workspaceId: viewer.workspaceId, ...(accept ? { accept } : {}) };
}

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
    await workspaceFilter(deps, viewer),
    parseEventCursor(after) ?? 0n,
    first,
  );
}

/** Live stream of the workspace's events after a cursor (or from now). */
export async function subscribeWorkspaceEvents(
  deps: CoreDeps,
  actor: Actor | null,
  input: { after?: string | null },
): Promise<AsyncIterableIterator<EventRecord>> {
  const viewer = requireWorkspaceActor(actor);
  requireScope(viewer, 'events');
  return deps.eventLog.subscribe(
    await workspaceFilter(deps, viewer),
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
