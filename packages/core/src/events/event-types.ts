import type {
  ConversationRecord,
  MessageRecord,
  VisitorSummary,
} from '../conversations/records.js';

export type EventType =
  | 'WORKSPACE_CREATED'
  | 'VISITOR_CREATED'
  | 'CONVERSATION_CREATED'
  | 'MESSAGE_CREATED'
  | 'API_TOKEN_CREATED'
  | 'API_TOKEN_REVOKED';

/** What an event row's payload holds: the records as they were right after the change. */
export interface EventPayload {
  conversation?: ConversationRecord;
  message?: MessageRecord;
  visitor?: VisitorSummary;
  /** Never the secret: only what the token list shows. */
  apiToken?: { id: string; name: string; prefix: string };
  workspace?: { id: string; name: string };
}

export interface NewEvent {
  workspaceId: string;
  type: EventType;
  conversationId?: string | null;
  /** Set on events a visitor may see (their own conversation's). */
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
