// Recall (website channel): the sender takes back their own message within
// two minutes. The text stays in the database for audit; the API serves an
// empty body with recalledAt set, to both sides, from now on and in replays.
import { z } from 'zod';
import { and, conversations, eq, messages, sql } from '@parley/db';
import { appendEvents } from '../events/append-events.js';
import { requireVisitor, requireWorkspaceActor, type Actor } from '../shared/actor.js';
import { DomainError, forbidden, notFound } from '../shared/errors.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import { visibilityOf } from '../team/visibility.js';
import { actorRef, lockConversation } from './lifecycle.js';
import { loadMessage } from './list-messages.js';
import { loadConversation } from './load-conversation.js';
import { RECALLED_PREVIEW, type MessageRecord } from './records.js';

export const RECALL_WINDOW_MS = 2 * 60 * 1000;

const Input = z.object({ id: Id });

export async function recallMessage(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<MessageRecord> {
  const viewer = requireWorkspaceActor(actor);
  if (viewer.kind !== 'agent') throw forbidden('Only the agent who sent a message can recall it.');
  const { id } = validate(Input, input);
  return recall(
    deps,
    viewer,
    viewer.workspaceId,
    id,
    (m) => m.senderType === 'AGENT' && m.senderAgent?.id === viewer.agentId,
  );
}

export async function visitorRecallMessage(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<MessageRecord> {
  const visitor = requireVisitor(actor);
  const { id } = validate(Input, input);
  return recall(
    deps,
    visitor,
    visitor.workspaceId,
    id,
    (m) => m.senderType === 'VISITOR' && m.senderVisitorId === visitor.visitorId,
    visitor.visitorId,
  );
}

async function recall(
  deps: CoreDeps,
  actor: Actor,
  workspaceId: string,
  messageId: string,
  isOwn: (message: MessageRecord) => boolean,
  visitorScope?: string,
): Promise<MessageRecord> {
  // Outside the transaction: on PGlite it holds the only connection.
  const visibility = await visibilityOf(deps, actor);
  return inTransaction(deps, async (tx) => {
    const original = await loadMessage({ db: tx }, messageId);
    if (!original || original.workspaceId !== workspaceId) throw notFound('Message');
    const locked = await lockConversation(tx, workspaceId, original.conversationId, visibility);
    // A visitor cannot even learn that another visitor's message exists.
    if (visitorScope && locked.visitorId !== visitorScope) throw notFound('Message');
    if (!isOwn(original) || original.internal)
      throw forbidden('Only the sender can recall a message.');
    if (locked.channel !== 'WEBSITE')
      throw new DomainError('CONFLICT', 'Messages can only be recalled on the website channel.');
    if (original.recalledAt)
      throw new DomainError('CONFLICT', 'This message was already recalled.');
    if (Date.now() - original.createdAt.getTime() > RECALL_WINDOW_MS) {
      throw new DomainError(
        'CONFLICT',
        'Messages can only be recalled within 2 minutes of sending.',
        { reason: 'RECALL_WINDOW_EXPIRED' },
      );
    }
    await tx
      .update(messages)
      .set({ recalledAt: sql`now()` })
      .where(eq(messages.id, messageId));
    await tx
      .update(conversations)
      .set({ lastMessagePreview: RECALLED_PREVIEW })
      .where(and(eq(conversations.id, locked.id), eq(conversations.lastMessageSeq, original.seq)));
    const message = await loadMessage({ db: tx }, messageId);
    const conversation = await loadConversation(tx, workspaceId, locked.id);
    if (!message || !conversation) throw new Error('message vanished inside its transaction');
    await appendEvents(tx, [
      {
        workspaceId,
        type: 'MESSAGE_RECALLED',
        conversationId: locked.id,
        visitorId: message.internal ? null : locked.visitorId,
        ...actorRef(actor),
        payload: { conversation, message },
      },
    ]);
    return message;
  });
}
