import type { Channel } from '@/generated/graphql';
import type { MessageItem } from './workbench-state';

/** Agents may recall their own message for this long (the server enforces it too). */
export const RECALL_WINDOW_MS = 2 * 60_000;

export type DeliveryStatus = 'sent' | 'read';

/**
 * The receipt shown under an agent's message the visitor can see: "Read"
 * once the visitor has read up to it, "Sent" before. Null for the visitor's
 * own messages, internal notes and recalled messages.
 */
export function deliveryStatus(
  message: Pick<MessageItem, 'senderType' | 'internal' | 'recalledAt' | 'seq'>,
  visitorLastReadSeq: number,
): DeliveryStatus | null {
  if (message.senderType !== 'AGENT' || message.internal || message.recalledAt) return null;
  return message.seq <= visitorLastReadSeq ? 'read' : 'sent';
}

/** Whether the agent may still recall a message: their own, visible to the visitor, under 2 minutes old. */
export function canRecall(
  message: Pick<
    MessageItem,
    'senderType' | 'senderAgent' | 'internal' | 'recalledAt' | 'createdAt'
  >,
  meId: string | null,
  channel: Channel,
  nowMs: number,
): boolean {
  if (channel !== 'WEBSITE' || meId === null) return false;
  if (message.senderType !== 'AGENT' || message.senderAgent?.id !== meId) return false;
  if (message.internal || message.recalledAt) return false;
  const age = nowMs - Date.parse(message.createdAt);
  return age >= -30_000 && age < RECALL_WINDOW_MS;
}

/** Milliseconds until the recall window closes (0 when closed). */
export function recallTimeLeft(createdAt: string, nowMs: number): number {
  return Math.max(0, Date.parse(createdAt) + RECALL_WINDOW_MS - nowMs);
}
