import { z } from 'zod';
import { requireAgent, type Actor } from '../shared/actor.js';
import { DomainError } from '../shared/errors.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import { visibilityOf } from '../team/visibility.js';
import { requireAssigneeChange } from './assignee-change.js';
import { applyTransition, loadMember, lockConversation } from './lifecycle.js';
import type { ConversationRecord } from './records.js';

const Input = z.object({ id: Id });

/** The calling agent takes a waiting or robot conversation. */
export async function takeConversation(
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
    if (locked.status === 'ASSIGNED' && locked.assigneeId !== agent.agentId) {
      throw new DomainError(
        'CONFLICT',
        'Another agent already has this conversation; ask for it to be reassigned.',
      );
    }
    requireAssigneeChange(agent, locked.assigneeId, agent.agentId);
    const me = await loadMember(tx, agent.workspaceId, agent.agentId);
    return applyTransition(tx, locked, agent, {
      action: { type: 'ASSIGN' },
      assigneeId: agent.agentId,
      event: 'CONVERSATION_ASSIGNED',
      visibleToVisitor: true,
      payload: { assignment: { to: me, from: null, by: me, note: null } },
    });
  });
}
