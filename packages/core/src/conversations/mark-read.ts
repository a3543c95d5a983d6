import { z } from 'zod';
import { conversations, eq } from '@parley/db';
import { appendEvents } from '../events/append-events.js';
import { requireAgent, requireVisitor, type Actor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import { visibilityOf } from '../team/visibility.js';
import { lockConversation } from './lifecycle.js';
import { loadConversation } from './load-conversation.js';
import { advanceAgentRead } from './read-state.js';
import type { ConversationRecord } from './records.js';

const Input = z.object({ id: Id, seq: z.number().int().min(0).nullish() });

/** The calling agent has read up to `seq` (default: everything). */
export async function markConversationRead(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ConversationRecord> {
  const agent = requireAgent(actor);
  const { id, seq } = validate(Input, input);
  // Outside the transaction: on PGlite it holds the only connection.
  const visibility = await visibilityOf(deps, agent);
  return inTransaction(deps, async (tx) => {
    const locked = await lockConversation(tx, agent.workspaceId, id, visibility);
    const [current] = await tx
      .select({ last: conversations.lastMessageSeq, agentRead: conversations.agentLastReadSeq })
      .from(conversations)
      .where(eq(conversations.id, locked.id));
    if (!current) throw notFound('Conversation');
    const upTo = Math.min(seq ?? current.last, current.last);
    const moved = await advanceAgentRead(tx, agent.workspaceId, locked.id, agent.agentId, upTo);
    if (upTo > current.agentRead) {
      await tx
        .update(conversations)
        .set({ agentLastReadSeq: upTo })
        .where(eq(conversations.id, locked.id));
    }
    const conversation = await loadConversation(tx, agent.workspaceId, locked.id);
    if (!conversation) throw notFound('Conversation');
    if (moved) {
      await appendEvents(tx, [
        {
          workspaceId: agent.workspaceId,
          type: 'CONVERSATION_READ',
          conversationId: locked.id,
          // The visitor sees the receipt only when the conversation-wide mark moved.
          visitorId: upTo > current.agentRead ? locked.visitorId : null,
          actorType: 'agent',
          actorId: agent.agentId,
          payload: {
            conversation,
            readReceipt: { reader: 'AGENT', agentId: agent.agentId, seq: upTo },
          },
        },
      ]);
    }
    return { ...conversation, unreadCount: Math.max(0, current.last - upTo) };
  });
}

const VisitorInput = z.object({
  conversationId: Id,
  seq: z.number().int().min(0).nullish(),
});

/** The visitor has read up to `seq` (default: everything): agents see read receipts. */
export async function visitorMarkRead(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ConversationRecord> {
  const visitor = requireVisitor(actor);
  const { conversationId, seq } = validate(VisitorInput, input);
  return inTransaction(deps, async (tx) => {
    const locked = await lockConversation(tx, visitor.workspaceId, conversationId);
    if (locked.visitorId !== visitor.visitorId) throw notFound('Conversation');
    const [current] = await tx
      .select({ last: conversations.lastMessageSeq, visitorRead: conversations.visitorLastReadSeq })
      .from(conversations)
      .where(eq(conversations.id, locked.id));
    if (!current) throw notFound('Conversation');
    const upTo = Math.min(seq ?? current.last, current.last);
    if (upTo > current.visitorRead) {
      await tx
        .update(conversations)
        .set({ visitorLastReadSeq: upTo })
        .where(eq(conversations.id, locked.id));
    }
    const conversation = await loadConversation(tx, visitor.workspaceId, locked.id);
    if (!conversation) throw notFound('Conversation');
    if (upTo > current.visitorRead) {
      await appendEvents(tx, [
        {
          workspaceId: visitor.workspaceId,
          type: 'CONVERSATION_READ',
          conversationId: locked.id,
          visitorId: visitor.visitorId,
          actorType: 'visitor',
          actorId: visitor.visitorId,
          payload: { conversation, readReceipt: { reader: 'VISITOR', agentId: null, seq: upTo } },
        },
      ]);
    }
    return conversation;
  });
}
