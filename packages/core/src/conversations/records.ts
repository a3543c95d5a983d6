// The shapes the domain hands out. They are also what event payloads carry,
// so a subscriber renders an event without another query.
export type ConversationStatus = 'ROBOT' | 'UNASSIGNED' | 'ASSIGNED' | 'RESOLVED';
export type Channel = 'WEBSITE' | 'MESSENGER' | 'TELEGRAM' | 'WHATSAPP' | 'EMAIL';
export type SenderType = 'AGENT' | 'VISITOR' | 'SYSTEM';

export interface AgentRecord {
  id: string;
  name: string;
  email: string;
}

export interface VisitorSummary {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}

export interface ConversationRecord {
  id: string;
  workspaceId: string;
  visitor: VisitorSummary;
  channel: Channel;
  status: ConversationStatus;
  assignee: AgentRecord | null;
  /** The agent group it is routed to, if any. */
  groupId: string | null;
  pinned: boolean;
  lastMessageSeq: number;
  lastMessagePreview: string | null;
  lastActivityAt: Date;
  visitorLastReadSeq: number;
  agentLastReadSeq: number;
  resolvedAt: Date | null;
  firstAgentReplyAt: Date | null;
  createdAt: Date;
  /** For the agent who asked; absent on shared snapshots (event payloads). */
  unreadCount?: number;
}

export interface MessageRecord {
  id: string;
  workspaceId: string;
  conversationId: string;
  seq: number;
  senderType: SenderType;
  senderAgent: AgentRecord | null;
  senderVisitorId: string | null;
  /** Empty once recalled: the original stays in the database for audit only. */
  body: string;
  internal: boolean;
  recalledAt: Date | null;
  createdAt: Date;
}

export const RECALLED_PREVIEW = 'Message recalled';

/** Preview shown in the conversation list: first line-ish, bounded. */
export function previewOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}
