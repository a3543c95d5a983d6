import { z } from 'zod';
import { conversations, eq, visitors, and, channels, type Database } from '@parley/db';
import { appendEvents } from '../events/append-events.js';
import { requireVisitor, type Actor, type VisitorActor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import { appendMessage } from './append-message.js';
import { loadConversation } from './load-conversation.js';
import type { MessageRecord } from './records.js';
import { MessageBody } from './send-message.js';

const Input = z.object({
  conversationId: z.uuid('is not a valid id').nullish(),
  body: MessageBody,
});

/** A visitor's message; without a conversation id it opens a new conversation. */
export async function visitorSendMessage(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<MessageRecord> {
  const visitor = requireVisitor(actor);
  const { conversationId, body } = validate(Input, input);
  const { message } = await inTransaction(deps, async (tx) => {
    const id = conversationId ?? (await openConversation(tx, visitor));
    return appendMessage(tx, {
      workspaceId: visitor.workspaceId,
      conversationId: id,
      // Another visitor's conversation is indistinguishable from a missing one.
      scope: eq(conversations.visitorId, visitor.visitorId),
      sender: { type: 'VISITOR', visitorId: visitor.visitorId },
      body,
    });
  });
  return message;
}

async function openConversation(tx: Database, visitor: VisitorActor): Promise<string> {
  const [source] = await tx
    .select({ channelId: visitors.channelId, kind: channels.kind })
    .from(visitors)
    .leftJoin(channels, eq(channels.id, visitors.channelId))
    .where(and(eq(visitors.id, visitor.visitorId), eq(visitors.workspaceId, visitor.workspaceId)))
    .limit(1);
  if (!source) throw notFound('Visitor');
  const [created] = await tx
    .insert(conversations)
    .values({
      workspaceId: visitor.workspaceId,
      visitorId: visitor.visitorId,
      channelId: source.channelId,
      channel: source.kind ?? 'WEBSITE',
      status: 'UNASSIGNED',
    })
    .returning({ id: conversations.id });
  if (!created) throw new Error('conversation insert returned nothing');
  const conversation = await loadConversation(tx, visitor.workspaceId, created.id);
  if (!conversation) throw new Error('conversation vanished inside its transaction');
  await appendEvents(tx, [
    {
      workspaceId: visitor.workspaceId,
      type: 'CONVERSATION_CREATED',
      conversationId: created.id,
      visitorId: visitor.visitorId,
      actorType: 'visitor',
      actorId: visitor.visitorId,
      payload: { conversation },
    },
  ]);
  return created.id;
}
