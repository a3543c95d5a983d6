import { z } from 'zod';
import { requireScope, requireWorkspaceActor, type Actor } from '../shared/actor.js';
import { requirePermission } from '../shared/permissions.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import { visibilityOf } from '../team/visibility.js';
import { applyTransition, lockConversation } from './lifecycle.js';
import { loadConversation } from './load-conversation.js';
import type { ConversationRecord } from './records.js';

const Input = z.object({ id: Id, pinned: z.boolean() });

/** Pins to the top of the list: your own conversations, or anyone's with conversation.pin_others. */
export async function pinConversation(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ConversationRecord> {
  const viewer = requireWorkspaceActor(actor);
  requireScope(viewer, 'write');
  const { id, pinned } = validate(Input, input);
  // Outside the transaction: on PGlite it holds the only connection.
  const visibility = await visibilityOf(deps, viewer);
  return inTransaction(deps, async (tx) => {
    const locked = await lockConversation(tx, viewer.workspaceId, id, visibility);
    const own = viewer.kind === 'agent' && locked.assigneeId === viewer.agentId;
    if (!own) requirePermission(viewer, 'conversation.pin_others');
    if (locked.pinned === pinned) {
      // Already so: nothing changes, nothing is logged.
      const current = await loadConversation(tx, locked.workspaceId, locked.id);
      if (!current) throw new Error('conversation vanished inside its transaction');
      return current;
    }
    return applyTransition(tx, locked, viewer, {
      pinned,
      event: 'CONVERSATION_PINNED',
      visibleToVisitor: false,
    });
  });
}
