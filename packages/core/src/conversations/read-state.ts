// Per-agent read pointers. Unread for an agent = last seq − their pointer.
import { conversationReads, sql, type Database } from '@parley/db';

/** Moves an agent's read pointer forward (never back). True when it moved. */
export async function advanceAgentRead(
  tx: Database,
  workspaceId: string,
  conversationId: string,
  agentId: string,
  seq: number,
): Promise<boolean> {
  const moved = await tx
    .insert(conversationReads)
    .values({ workspaceId, conversationId, agentId, lastReadSeq: seq })
    .onConflictDoUpdate({
      target: [conversationReads.conversationId, conversationReads.agentId],
      set: { lastReadSeq: sql`greatest(${conversationReads.lastReadSeq}, excluded.last_read_seq)` },
      setWhere: sql`${conversationReads.lastReadSeq} < excluded.last_read_seq`,
    })
    .returning({ seq: conversationReads.lastReadSeq });
  return moved.length > 0;
}
