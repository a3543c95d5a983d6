import type {
  AgentRecord,
  ConversationRecord,
  ConversationStatus,
  MessageRecord,
  VisitorSummary,
} from '../conversations/records.js';

export const EVENT_TYPES = [
  'WORKSPACE_CREATED',
  'WORKSPACE_SETTINGS_CHANGED',
  'VISITOR_CREATED',
  'VISITOR_UPDATED',
  'VISITOR_PAGE_VIEWED',
  'TAG_CREATED',
  'TAG_UPDATED',
  'TAG_DELETED',
  'WORKSPACE_UPDATED',
  'AGENT_UPDATED',
  'CONVERSATION_CREATED',
  'CONVERSATION_STATUS_CHANGED',
  'CONVERSATION_ASSIGNED',
  'CONVERSATION_PINNED',
  'CONVERSATION_READ',
  'MESSAGE_CREATED',
  'MESSAGE_RECALLED',
  'AGENT_STATUS_CHANGED',
  'API_TOKEN_CREATED',
  'API_TOKEN_REVOKED',
  'WEBHOOK_CREATED',
  'WEBHOOK_DELETED',
  'MEMBER_UPDATED',
  'SESSION_REVOKED',
  'CONVERSATION_ROUTED',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** What an event row's payload holds: the records as they were right after the change. */
export interface EventPayload {
  conversation?: ConversationRecord;
  message?: MessageRecord;
  visitor?: VisitorSummary;
  /** Never the secret: only what the token list shows. */
  apiToken?: { id: string; name: string; prefix: string };
  workspace?: { id: string; name: string };
  /**
   * The agent whose presence changed, with the status it changed to; on
   * AGENT_UPDATED their profile as it now is (avatarHash: null without one).
   */
  agent?: AgentRecord & { status?: 'ONLINE' | 'AWAY' | 'OFFLINE'; avatarHash?: string | null };
  readReceipt?: { reader: 'AGENT' | 'VISITOR'; agentId: string | null; seq: number };
  assignment?: {
    to: AgentRecord | null;
    from: AgentRecord | null;
    by: AgentRecord | null;
    note: string | null;
  };
  settings?: { prioritizeBotReception: boolean; defaultReceptionLimit: number };
  /** WORKSPACE_SETTINGS_CHANGED for a website channel: its allowed widget origins now. */
  channel?: { id: string; allowedOrigins: string[] };
  tag?: { id: string; name: string; color: string };
  /** TAG_DELETED: how many visitors had the tag (their visitor_tags rows went with it). */
  taggedVisitorCount?: number;
  /** On status changes: the status before. */
  previousStatus?: ConversationStatus;
  /** On MESSAGE_CREATED: this is the conversation's first agent reply. */
  firstAgentReply?: boolean;
  /** Never the secret. */
  webhook?: { id: string; url: string; eventTypes: string[] };
  /** MEMBER_UPDATED: the member's agent id and whether they can still act. */
  member?: { agentId: string; role: string; active: boolean };
  /** SESSION_REVOKED: the ended session. */
  session?: { id: string; agentId: string };
}

export interface NewEvent {
  workspaceId: string;
  type: EventType;
  conversationId?: string | null;
  /** Set only on events the visitor may see (their own conversation's, never internal ones). */
  visitorId?: string | null;
  actorType: 'agent' | 'apiToken' | 'visitor' | 'system';
  actorId?: string | null;
  payload: EventPayload;
}

export interface EventRecord {
  /** Strictly increasing across the whole log; the cursor clients resume from. */
  id: bigint;
  workspaceId: string;
  type: EventType;
  conversationId: string | null;
  visitorId: string | null;
  actorType: string;
  actorId: string | null;
  payload: EventPayload;
  createdAt: Date;
}
