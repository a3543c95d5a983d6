// The one rule for changing who has a conversation, used by every action that
// moves it (assign, take, reopen, a reply that takes it over): an agent may
// take a free conversation for themselves or give their own back to the
// queue; anything else (taking a colleague's, giving one to someone else)
// needs conversation.reassign.
import type { WorkspaceActor } from '../shared/actor.js';
import { can, requirePermission } from '../shared/permissions.js';

export function mayChangeAssignee(
  actor: WorkspaceActor,
  from: string | null,
  to: string | null,
): boolean {
  if (from === to) return true;
  const self = actor.kind === 'agent' ? actor.agentId : null;
  const ownOrFree = from === null || from === self;
  const toSelfOrQueue = to === null || to === self;
  return (ownOrFree && toSelfOrQueue) || can(actor, 'conversation.reassign');
}

/** FORBIDDEN (needs conversation.reassign) unless mayChangeAssignee. */
export function requireAssigneeChange(
  actor: WorkspaceActor,
  from: string | null,
  to: string | null,
): void {
  if (!mayChangeAssignee(actor, from, to)) requirePermission(actor, 'conversation.reassign');
}
