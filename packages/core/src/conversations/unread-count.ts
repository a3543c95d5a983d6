import { and, conversationReads, eq } from '@parley/db';
import type { Actor } from '../shared/actor.js';
import type { CoreDeps } from '../shared/transaction.js';
import type { ConversationRecord } from './records.js';

/**
 * The calling agent's unread count for a conversation snapshot that does not
 * carry it (event payloads are shared by every subscriber). One indexed read;
 * clients that track unread counts from events need not ask for it.
 */
export async function unreadCountFor(
  deps: CoreDeps,
  actor: Actor | null,
  conversation: ConversationRecord,
): Promise<number> {
  if (conversation.unreadCount !== undefined) return conversation.unreadCount;
  if (actor?.kind !== 'agent' || actor.workspaceId !== conversation.workspaceId) return 0;
  const [read] = await deps.db
    .select({ seq: conversationReads.lastReadSeq })
    .from(conversationReads)
    .where(
      and(
        eq(conversationReads.conversationId, conversation.id),
        eq(conversationReads.agentId, actor.agentId),
      ),
    );
  return Math.max(0, conversation.lastMessageSeq - (read?.seq ?? 0));
}
