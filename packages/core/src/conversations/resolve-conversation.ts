import { z } from 'zod';
import { and, eq, memberships, type Database } from '@parley/db';
import { drainQueue } from '../routing/drain-queue.js';
import {
  requireAgent,
  requireScope,
  requireWorkspaceActor,
  type Actor,
  type AgentActor,
} from '../shared/actor.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import { visibilityOf } from '../team/visibility.js';
import { requireAssigneeChange } from './assignee-change.js';
import {
  actingAgent,
  applyTransition,
  loadMember,
  lockConversation,
  type LockedConversation,
} from './lifecycle.js';
import { nextStatus } from './state-machine.js';
import type { ConversationRecord } from './records.js';

const Input = z.object({ id: Id });

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

const ReopenInput = z.object({ id: Id, takeOver: z.boolean().nullish() });

/**
 * Reopens a resolved conversation. It stays with its previous assignee when
 * that member is still active (taking it over instead needs
 * conversation.reassign and `takeOver`); otherwise the reopener gets it.
 */
export async function reopenConversation(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ConversationRecord> {
  const agent = requireAgent(actor);
  const { id, takeOver } = validate(ReopenInput, input);
  // Outside the transaction: on PGlite it holds the only connection.
  const visibility = await visibilityOf(deps, agent);
  return inTransaction(deps, async (tx) => {
    const locked = await lockConversation(tx, agent.workspaceId, id, visibility);
    return reopenLocked(tx, locked, agent, takeOver ?? false);
  });
}

/** Reopens a locked conversation by an agent (reopenConversation, or replying to it). */
export async function reopenLocked(
  tx: Database,
  locked: LockedConversation,
  agent: AgentActor,
  takeOver: boolean,
): Promise<ConversationRecord> {
  nextStatus(locked.status, { type: 'REOPEN_BY_AGENT' }); // CONFLICT unless resolved
  const previous =
    locked.assigneeId && (await isActiveMember(tx, agent.workspaceId, locked.assigneeId))
      ? locked.assigneeId
      : null;
  const assigneeId = previous && !takeOver ? previous : agent.agentId;
  requireAssigneeChange(agent, previous, assigneeId);
  const me = await loadMember(tx, agent.workspaceId, agent.agentId);
  const from = locked.assigneeId
    ? await loadMember(tx, agent.workspaceId, locked.assigneeId)
    : null;
  const to =
    assigneeId === agent.agentId ? me : await loadMember(tx, agent.workspaceId, assigneeId);
  return applyTransition(tx, locked, agent, {
    action: { type: 'REOPEN_BY_AGENT' },
    assigneeId,
    event: 'CONVERSATION_STATUS_CHANGED',
    visibleToVisitor: true,
    payload: { assignment: { to, from, by: me, note: null } },
    note: {
      body:
        to.id === me.id
          ? `${me.name} reopened this conversation.`
          : `${me.name} reopened this conversation for ${to.name}.`,
      agentId: me.id,
    },
  });
}

async function isActiveMember(
  tx: Database,
  workspaceId: string,
  agentId: string,
): Promise<boolean> {
  const [row] = await tx
    .select({ active: memberships.active })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.agentId, agentId)));
  return row?.active ?? false;
}
