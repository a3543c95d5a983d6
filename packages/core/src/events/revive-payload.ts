// Event payloads are stored as JSON; dates come back as strings. Revive them
// once when a row is read so every subscriber shares the same typed record.
import type { ConversationRecord, MessageRecord } from '../conversations/records.js';
import type { EventPayload } from './event-types.js';

type Json<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

type StoredPayload = Omit<EventPayload, 'conversation' | 'message'> & {
  conversation?: Json<ConversationRecord>;
  message?: Json<MessageRecord>;
};

export function reviveEventPayload(raw: unknown): EventPayload {
  const { conversation, message, ...rest } = (raw ?? {}) as StoredPayload;
  const result: EventPayload = { ...rest };
  if (conversation) {
    result.conversation = {
      ...conversation,
      lastActivityAt: new Date(conversation.lastActivityAt),
      createdAt: new Date(conversation.createdAt),
      resolvedAt: conversation.resolvedAt ? new Date(conversation.resolvedAt) : null,
      firstAgentReplyAt: conversation.firstAgentReplyAt
        ? new Date(conversation.firstAgentReplyAt)
        : null,
    };
  }
  if (message) {
    result.message = {
      ...message,
      createdAt: new Date(message.createdAt),
      recalledAt: message.recalledAt ? new Date(message.recalledAt) : null,
    };
  }
  return result;
}
