// Event payloads are stored as JSON; dates come back as strings. Revive them
// once when a row is read so every subscriber shares the same typed record.
import type { AgentRecord, ConversationRecord, MessageRecord } from '../conversations/records.js';
import type { EventPayload } from './event-types.js';

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };

export function reviveEventPayload(raw: unknown): EventPayload {
  const payload = (raw ?? {}) as {
    conversation?: Json<ConversationRecord>;
    message?: Json<MessageRecord>;
  };
  const result: EventPayload = {};
  if (payload.conversation) {
    const c = payload.conversation;
    result.conversation = {
      ...c,
      assignee: (c.assignee as AgentRecord | null) ?? null,
      lastActivityAt: new Date(c.lastActivityAt),
      createdAt: new Date(c.createdAt),
    };
  }
  if (payload.message) {
    result.message = { ...payload.message, createdAt: new Date(payload.message.createdAt) };
  }
  return result;
}
