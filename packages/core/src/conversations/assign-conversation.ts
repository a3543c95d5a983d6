import { z } from 'zod';
import { drainQueue } from '../routing/drain-queue.js';
import { requireScope, requireWorkspaceActor, type Actor } from '../shared/actor.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import { visibilityOf } from '../team/visibility.js';
import { requireAssigneeChange } from './assignee-change.js';
import { actingAgent, applyTransition, loadMember, lockConversation } from './lifecycle.js';
import type { ConversationRecord } from './records.js';

const Input = z.object({
  conversationId: Id,
  agentId: Id.nullish(),
  note: z.string().trim().max(1_000, 'must be at most 1000 characters').nullish(),
});

/**
 * Assigns a conversation to an agent, reassigns it, or (agentId null) returns
 * it to the queue. Giving a conversation to someone else, or taking one from
 * someone else, needs conversation.reassign; an agent may always take a waiting
 * conversation for themselves or hand back their own.
 */
export async function assignConversation(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ConversationRecord> {
  const viewer = requireWorkspaceActor(actor);
  requireScope(viewer, 'write');
  const { conversationId, agentId, note } = validate(Input, input);
  // Outside the transaction: on PGlite it holds the only connection.
  const visibility = await visibilityOf(deps, viewer);
  const result = await inTransaction(deps, async (tx) => {
    const locked = await lockConversation(tx, viewer.workspaceId, conversationId, visibility);
    requireAssigneeChange(viewer, locked.assigneeId, agentId ?? null);
    const by = await actingAgent(tx, viewer);
    const from = locked.assigneeId
      ? await loadMember(tx, viewer.workspaceId, locked.assigneeId)
      : null;
    const to = agentId ? await loadMember(tx, viewer.workspaceId, agentId) : null;
    const noteText = describe(by?.name ?? 'Parley', to?.name ?? null, note ?? null);
    return applyTransition(tx, locked, viewer, {
      action: to ? { type: 'ASSIGN' } : { type: 'UNASSIGN' },
      assigneeId: to?.id ?? null,
      event: 'CONVERSATION_ASSIGNED',
      visibleToVisitor: true,
      payload: { assignment: { to, from, by, note: note || null } },
      note: { body: noteText, ...(by ? { agentId: by.id } : {}) },
    });
  });
  // Returning to the queue adds work; moving away from an agent frees capacity.
  await drainQueue(deps, viewer.workspaceId);
  return result;
}

function describe(by: string, to: string | null, note: string | null): string {
  const action = to
    ? `${by} assigned this conversation to ${to}`
    : `${by} returned this conversation to the queue`;
  return note ? `${action}: ${note}` : `${action}.`;
}
