// Adds a message to a conversation inside the caller's transaction: bumps the
// conversation's sequence under its row lock (so seq has no gaps and no
// duplicates), inserts the message and its MESSAGE_CREATED event.
import { and, conversations, eq, messages, sql, type Database, type SQL } from '@parley/db';
import { appendEvents } from '../events/append-events.js';
import { notFound } from '../shared/errors.js';
import { loadMessage } from './list-messages.js';
import { advanceAgentRead } from './read-state.js';
import { loadConversation } from './load-conversation.js';
import {
  previewOf,
  type ConversationRecord,
  type MessageRecord,
  type SenderType,
} from './records.js';

export interface MessageDraft {
  workspaceId: string;
  conversationId: string;
  /** Extra condition the conversation must meet, e.g. belonging to the visitor. */
  scope?: SQL;
  sender: { type: SenderType; agentId?: string; visitorId?: string };
  body: string;
  /** Agents-only activity or note: not shown to the visitor, does not reorder the list. */
  internal?: boolean;
}

export async function appendMessage(
  tx: Database,
  draft: MessageDraft,
): Promise<{ conversation: ConversationRecord; message: MessageRecord }> {
  const internal = draft.internal ?? false;
  const [bumped] = await tx
    .update(conversations)
    .set(
      internal
        ? { lastMessageSeq: sql`${conversations.lastMessageSeq} + 1` }
        : {
            lastMessageSeq: sql`${conversations.lastMessageSeq} + 1`,
            lastMessagePreview: previewOf(draft.body),
            lastActivityAt: sql`now()`,
            // Writing implies having read everything before.
            ...(draft.sender.type === 'VISITOR'
              ? { visitorLastReadSeq: sql`${conversations.lastMessageSeq} + 1` }
              : {}),
            ...(draft.sender.type === 'AGENT'
              ? {
                  agentLastReadSeq: sql`${conversations.lastMessageSeq} + 1`,
                  firstAgentReplyAt: sql`coalesce(${conversations.firstAgentReplyAt}, now())`,
                }
              : {}),
          },
    )
    .where(
      and(
        eq(conversations.workspaceId, draft.workspaceId),
        eq(conversations.id, draft.conversationId),
        draft.scope,
      ),
    )
    .returning({
      seq: conversations.lastMessageSeq,
      visitorId: conversations.visitorId,
      // RETURNING sees the new row: the first reply is the one stamped now (at
      // the column's millisecond precision).
      firstAgentReply: sql<boolean>`${conversations.firstAgentReplyAt} is not distinct from now()::timestamptz(3)`,
    });
  if (!bumped) throw notFound('Conversation');

  const [inserted] = await tx
    .insert(messages)
    .values({
      workspaceId: draft.workspaceId,
      conversationId: draft.conversationId,
      seq: bumped.seq,
      senderType: draft.sender.type,
      senderAgentId: draft.sender.agentId ?? null,
      senderVisitorId: draft.sender.visitorId ?? null,
      body: draft.body,
      internal,
    })
    .returning({ id: messages.id });
  if (draft.sender.agentId)
    await advanceAgentRead(
      tx,
      draft.workspaceId,
      draft.conversationId,
      draft.sender.agentId,
      bumped.seq,
    );
  if (!inserted) throw new Error('message insert returned nothing');

  const conversation = await loadConversation(tx, draft.workspaceId, draft.conversationId);
  const message = await loadMessage({ db: tx }, inserted.id);
  if (!conversation || !message) throw new Error('message vanished inside its transaction');

  await appendEvents(tx, [
    {
      workspaceId: draft.workspaceId,
      type: 'MESSAGE_CREATED',
      conversationId: draft.conversationId,
      visitorId: internal ? null : bumped.visitorId,
      actorType:
        draft.sender.type === 'AGENT'
          ? 'agent'
          : draft.sender.type === 'VISITOR'
            ? 'visitor'
            : 'system',
      actorId: draft.sender.agentId ?? draft.sender.visitorId ?? null,
      payload: {
        conversation,
        message,
        ...(draft.sender.type === 'AGENT' && !internal && bumped.firstAgentReply
          ? { firstAgentReply: true }
          : {}),
      },
    },
  ]);
  return { conversation, message };
}
