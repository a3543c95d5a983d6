import { z } from 'zod';
import { drainQueue } from '../routing/drain-queue.js';
import {
  requireScope,
  requireVisitor,
  requireWorkspaceActor,
  type Actor,
} from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import { visibilityOf } from '../team/visibility.js';
import { applyTransition, lockConversation } from './lifecycle.js';
import type { ConversationRecord } from './records.js';

const Input = z.object({ id: Id });

/** Moves a robot conversation to the human queue (an agent's decision). */
export async function handOffConversation(
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
    return applyTransition(tx, locked, viewer, {
      action: { type: 'HAND_OFF' },
      event: 'CONVERSATION_STATUS_CHANGED',
      visibleToVisitor: true,
      note: { body: 'Handed over from the robot to the team.' },
    });
  });
  await drainQueue(deps, viewer.workspaceId);
  return result;
}

const VisitorInput = z.object({ conversationId: Id });

/** The visitor asks for a human: their robot conversation joins the queue. */
export async function visitorRequestHuman(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ConversationRecord> {
  const visitor = requireVisitor(actor);
  const { conversationId } = validate(VisitorInput, input);
  const result = await inTransaction(deps, async (tx) => {
    const locked = await lockConversation(tx, visitor.workspaceId, conversationId);
    if (locked.visitorId !== visitor.visitorId) throw notFound('Conversation');
    return applyTransition(tx, locked, visitor, {
      action: { type: 'HAND_OFF' },
      event: 'CONVERSATION_STATUS_CHANGED',
      visibleToVisitor: true,
      note: { body: 'The visitor asked for a human.' },
    });
  });
  await drainQueue(deps, visitor.workspaceId);
  return result;
}
