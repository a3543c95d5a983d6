import { z } from 'zod';
import { and, conversations, eq } from '@parley/db';
import {
  requireScope,
  requireWorkspaceActor,
  type Actor,
  type AgentActor,
} from '../shared/actor.js';
import { forbidden } from '../shared/errors.js';
import { requirePermission } from '../shared/permissions.js';
import { committed, inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import { visibilityOf } from '../team/visibility.js';
import { appendMessage, tryAppendMessage } from './append-message.js';
import { requireAssigneeChange } from './assignee-change.js';
import { applyTransition, loadMember, lockConversation } from './lifecycle.js';
import type { MessageRecord } from './records.js';
import { reopenLocked } from './resolve-conversation.js';

export const MAX_MESSAGE_LENGTH = 10_000;

export const MessageBody = z
  .string()
  .max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`)
  .refine((body) => body.trim().length > 0, 'must not be empty');

const Input = z.object({ conversationId: Id, body: MessageBody });

/**
 * An agent's reply. In their own assigned conversation (the common case) it is
 * one statement. Otherwise the lifecycle decides first, in one transaction:
 * a robot or waiting conversation is taken, a resolved one reopened (see
 * reopenLocked), and replying in a colleague's needs conversation.reply_others.
 */
export async function sendMessage(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<MessageRecord> {
  const viewer = requireWorkspaceActor(actor);
  requireScope(viewer, 'write');
  // Replies are signed by a person; integrator tokens get their own sender kind later.
  if (viewer.kind !== 'agent') throw forbidden('Only a signed-in agent can reply.');
  const { conversationId, body } = validate(Input, input);
  deps.storage.assertWritable();
  const draft = {
    workspaceId: viewer.workspaceId,
    conversationId,
    sender: { type: 'AGENT' as const, agentId: viewer.agentId },
    body,
  };
  // One statement, atomic on its own: no transaction round trips. Your own
  // conversation is always visible to you, so no visibility lookup either.
  const own = await tryAppendMessage(deps.db, {
    ...draft,
    scope: and(eq(conversations.status, 'ASSIGNED'), eq(conversations.assigneeId, viewer.agentId)),
  });
  if (own) {
    committed(deps);
    return own.message;
  }
  return replyThroughLifecycle(deps, viewer, draft);
}

async function replyThroughLifecycle(
  deps: CoreDeps,
  agent: AgentActor,
  draft: Parameters<typeof appendMessage>[1],
): Promise<MessageRecord> {
  // Outside the transaction: on PGlite it holds the only connection.
  const visibility = await visibilityOf(deps, agent);
  return inTransaction(deps, async (tx) => {
    const locked = await lockConversation(tx, agent.workspaceId, draft.conversationId, visibility);
    let assigneeId = locked.assigneeId;
    if (locked.status === 'RESOLVED') {
      assigneeId = (await reopenLocked(tx, locked, agent, false)).assignee?.id ?? null;
    } else if (locked.status === 'ROBOT' || locked.status === 'UNASSIGNED') {
      // Replying to a robot or waiting conversation takes it.
      requireAssigneeChange(agent, locked.assigneeId, agent.agentId);
      const me = await loadMember(tx, agent.workspaceId, agent.agentId);
      await applyTransition(tx, locked, agent, {
        action: { type: 'ASSIGN' },
        assigneeId: agent.agentId,
        event: 'CONVERSATION_ASSIGNED',
        visibleToVisitor: true,
        payload: { assignment: { to: me, from: null, by: me, note: null } },
      });
      assigneeId = agent.agentId;
    }
    if (assigneeId !== agent.agentId) requirePermission(agent, 'conversation.reply_others');
    const { message } = await appendMessage(tx, draft);
    return message;
  });
}
