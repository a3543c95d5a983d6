import { z } from 'zod';
import { drainQueue } from '../routing/drain-queue.js';
import { requireAgent, requireScope, requireWorkspaceActor, type Actor } from '../shared/actor.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import { visibilityOf } from '../team/visibility.js';
import { actingAgent, applyTransition, loadMember, lockConversation } from './lifecycle.js';
import type { ConversationRecord } from './records.js';

const Input = z.object({ id: z.uuid('is not a valid id') });

/** Resolves a conversation (it moves to History). */
export async function resolveConversation(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ConversationRecord> {
  const viewer = requireWorkspaceActor(actor);
  requireScope(viewer, 'write');
  const { id } = validate(Input, input);
  // Outside the transaction: on PGlite it holds the only connection.
  const visibility = await visibilityOf(deps, viewer);
  const result = await inTransaction(deps, async (tx) => {
    const locked = await lockConversation(tx, viewer.workspaceId, id, visibility);
    const by = await actingAgent(tx, viewer);
    return applyTransition(tx, locked, viewer, {
      action: { type: 'RESOLVE' },
      event: 'CONVERSATION_STATUS_CHANGED',
      visibleToVisitor: true,
      note: {
        body: `${by?.name ?? 'Parley'} resolved this conversation.`,
        ...(by ? { agentId: by.id } : {}),
      },
    });
  });
  // The assignee has capacity again.
  await drainQueue(deps, viewer.workspaceId);
  return result;
}

/** Reopens a resolved conversation, assigned to the agent who reopens it. */
export async function reopenConversation(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ConversationRecord> {
  const agent = requireAgent(actor);
  const { id } = validate(Input, input);
  // Outside the transaction: on PGlite it holds the only connection.
  const visibility = await visibilityOf(deps, agent);
  return inTransaction(deps, async (tx) => {
    const locked = await lockConversation(tx, agent.workspaceId, id, visibility);
    const me = await loadMember(tx, agent.workspaceId, agent.agentId);
    return applyTransition(tx, locked, agent, {
      action: { type: 'REOPEN_BY_AGENT' },
      assigneeId: agent.agentId,
      event: 'CONVERSATION_STATUS_CHANGED',
      visibleToVisitor: true,
      payload: { assignment: { to: me, from: null, by: me, note: null } },
      note: { body: `${me.name} reopened this conversation.`, agentId: me.id },
    });
  });
}
