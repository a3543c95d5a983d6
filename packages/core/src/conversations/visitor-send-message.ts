import { z } from 'zod';
import { and, channels, conversations, eq, visitors, workspaces, type Database } from '@parley/db';
import { drainQueue } from '../routing/drain-queue.js';
import { appendEvents } from '../events/append-events.js';
import { requireVisitor, type Actor, type VisitorActor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { committed, inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import { appendMessage } from './append-message.js';
import { visitorAppendQueue } from './visitor-append-queue.js';
import { loadConversation } from './load-conversation.js';
import { applyTransition, lockConversation } from './lifecycle.js';
import type { ConversationStatus, MessageRecord } from './records.js';
import { initialStatus } from './state-machine.js';
import { MessageBody } from './send-message.js';

const Input = z.object({
  conversationId: Id.nullish(),
  body: MessageBody,
});

/** What the one-statement path writes. */
const MESSAGE_ONLY = ['MESSAGE_CREATED'] as const;

/** A visitor's message; without a conversation id it opens a new conversation. */
export async function visitorSendMessage(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<MessageRecord> {
  const visitor = requireVisitor(actor);
  const { conversationId, body } = validate(Input, input);
  // In memory, no query (but a visitor's first message, for its channel): the
  // disk reserve and the visitor's, channel's and workspace's budgets.
  deps.storage.assertWritable();
  await deps.quotas.visitorMessage(
    {
      workspaceId: visitor.workspaceId,
      visitorId: visitor.visitorId,
      channelId: await deps.visitorChannels.of(visitor),
    },
    body,
  );
  const sender = { type: 'VISITOR' as const, visitorId: visitor.visitorId };
  if (conversationId) {
    // The common case: the visitor's own open conversation, one statement
    // (shared with other visitors' messages arriving meanwhile).
    const message = await visitorAppendQueue(deps.db).append({
      workspaceId: visitor.workspaceId,
      conversationId,
      visitorId: visitor.visitorId,
      body,
    });
    if (message) {
      committed(deps, MESSAGE_ONLY);
      return message;
    }
  }
  // Opening or reopening a conversation (or a missing one): the full transaction.
  const { message, queued } = await inTransaction(deps, async (tx) => {
    const prioritizeBot = await botFirst(tx, visitor.workspaceId);
    let id = conversationId;
    let queued = false;
    if (id) {
      const locked = await lockConversation(tx, visitor.workspaceId, id);
      // Another visitor's conversation is indistinguishable from a missing one.
      if (locked.visitorId !== visitor.visitorId) throw notFound('Conversation');
      if (locked.status === 'RESOLVED') {
        const reopened = await applyTransition(tx, locked, visitor, {
          action: { type: 'REOPEN_BY_VISITOR', prioritizeBot },
          assigneeId: null,
          event: 'CONVERSATION_STATUS_CHANGED',
          visibleToVisitor: true,
          note: { body: 'The visitor wrote again: conversation reopened.' },
        });
        queued = reopened.status === 'UNASSIGNED';
      }
    } else {
      id = await openConversation(tx, visitor, initialStatus(prioritizeBot));
      queued = !prioritizeBot;
    }
    const appended = await appendMessage(tx, {
      workspaceId: visitor.workspaceId,
      conversationId: id,
      scope: eq(conversations.visitorId, visitor.visitorId),
      sender,
      body,
    });
    return { ...appended, queued };
  });
  if (queued) await drainQueue(deps, visitor.workspaceId);
  return message;
}

async function botFirst(tx: Database, workspaceId: string): Promise<boolean> {
  const [workspace] = await tx
    .select({ prioritizeBot: workspaces.prioritizeBotReception })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return workspace?.prioritizeBot ?? false;
}

async function openConversation(
  tx: Database,
  visitor: VisitorActor,
  status: ConversationStatus,
): Promise<string> {
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
      status,
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
