import type { WidgetMessageFragment } from '@/generated/graphql';
import { RECALL_WINDOW_MS } from '../../lib/message-status';

// Visitors may recall their own message within the agents' window (the
// server enforces it too).
export { RECALL_WINDOW_MS };

type MessageLike = Pick<WidgetMessageFragment, 'senderType' | 'seq' | 'recalledAt'>;

/** A visitor's message shows "Read" once any agent has read up to it. */
export function isReadByAgent(message: MessageLike, agentLastReadSeq: number): boolean {
  return message.senderType === 'VISITOR' && message.seq <= agentLastReadSeq;
}

/** Agent messages the visitor has not read yet (recalled ones do not count). */
export function unreadAgentMessages(
  messages: readonly MessageLike[],
  visitorLastReadSeq: number,
): number {
  return messages.filter(
    (m) => m.senderType === 'AGENT' && m.recalledAt === null && m.seq > visitorLastReadSeq,
  ).length;
}

/**
 * The `seq` to mark read up to when the visitor is looking at the chat: the
 * latest message, if any agent message after `visitorLastReadSeq` is unread.
 */
export function markReadTarget(
  messages: readonly MessageLike[],
  visitorLastReadSeq: number,
): number | null {
  if (unreadAgentMessages(messages, visitorLastReadSeq) === 0) return null;
  return messages.reduce((max, m) => Math.max(max, m.seq), visitorLastReadSeq);
}

/** Whether the visitor can still recall their own message at `now` (ms). */
export function canRecall(
  message: Pick<WidgetMessageFragment, 'senderType' | 'recalledAt' | 'createdAt'>,
  now: number,
): boolean {
  if (message.senderType !== 'VISITOR' || message.recalledAt !== null) return false;
  const sentAt = Date.parse(message.createdAt);
  return Number.isFinite(sentAt) && now - sentAt < RECALL_WINDOW_MS;
}
