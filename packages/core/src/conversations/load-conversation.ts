// Reads conversations with their visitor and assignee in one query.
import { agents, and, conversations, eq, visitors, type Database, type SQL } from '@parley/db';
import type { ConversationRecord } from './records.js';

export const conversationColumns = {
  id: conversations.id,
  workspaceId: conversations.workspaceId,
  channel: conversations.channel,
  status: conversations.status,
  groupId: conversations.groupId,
  pinned: conversations.pinned,
  lastMessageSeq: conversations.lastMessageSeq,
  lastMessagePreview: conversations.lastMessagePreview,
  lastActivityAt: conversations.lastActivityAt,
  visitorLastReadSeq: conversations.visitorLastReadSeq,
  agentLastReadSeq: conversations.agentLastReadSeq,
  resolvedAt: conversations.resolvedAt,
  firstAgentReplyAt: conversations.firstAgentReplyAt,
  createdAt: conversations.createdAt,
  visitorId: visitors.id,
  visitorName: visitors.name,
  visitorEmail: visitors.email,
  visitorPhone: visitors.phone,
  assigneeId: agents.id,
  assigneeName: agents.name,
  assigneeEmail: agents.email,
};

type Row = Awaited<ReturnType<typeof selectConversations>>[number];

export function toConversationRecord(row: Row): ConversationRecord {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    channel: row.channel,
    status: row.status,
    groupId: row.groupId,
    pinned: row.pinned,
    lastMessageSeq: row.lastMessageSeq,
    lastMessagePreview: row.lastMessagePreview,
    lastActivityAt: row.lastActivityAt,
    visitorLastReadSeq: row.visitorLastReadSeq,
    agentLastReadSeq: row.agentLastReadSeq,
    resolvedAt: row.resolvedAt,
    firstAgentReplyAt: row.firstAgentReplyAt,
    createdAt: row.createdAt,
    visitor: {
      id: row.visitorId,
      name: row.visitorName,
      email: row.visitorEmail,
      phone: row.visitorPhone,
    },
    assignee:
      row.assigneeId && row.assigneeName && row.assigneeEmail
        ? { id: row.assigneeId, name: row.assigneeName, email: row.assigneeEmail }
        : null,
  };
}

export function selectConversations(db: Database) {
  return db
    .select(conversationColumns)
    .from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .leftJoin(agents, eq(agents.id, conversations.assigneeId));
}

export async function findConversations(
  db: Database,
  where: SQL | undefined,
  limit: number,
  orderBy: SQL[],
) {
  const rows = await selectConversations(db)
    .where(where)
    .orderBy(...orderBy)
    .limit(limit);
  return rows.map(toConversationRecord);
}

/** One conversation of a workspace, or null. */
export async function loadConversation(
  db: Database,
  workspaceId: string,
  conversationId: string,
  extra?: SQL,
): Promise<ConversationRecord | null> {
  const rows = await selectConversations(db)
    .where(
      and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId), extra),
    )
    .limit(1);
  const row = rows[0];
  return row ? toConversationRecord(row) : null;
}
