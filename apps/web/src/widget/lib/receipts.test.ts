import { describe, expect, it } from 'vitest';
import {
  canRecall,
  isReadByAgent,
  markReadTarget,
  RECALL_WINDOW_MS,
  unreadAgentMessages,
} from './receipts';

const visitor = (seq: number) => ({ senderType: 'VISITOR' as const, seq, recalledAt: null });
const agent = (seq: number, recalledAt: string | null = null) => ({
  senderType: 'AGENT' as const,
  seq,
  recalledAt,
});

describe('read receipts', () => {
  it('shows a visitor message as read up to the agents’ last read seq', () => {
    expect(isReadByAgent(visitor(3), 3)).toBe(true);
    expect(isReadByAgent(visitor(4), 3)).toBe(false);
    expect(isReadByAgent(visitor(1), 0)).toBe(false);
  });

  it('never marks agent messages with a visitor-facing receipt', () => {
    expect(isReadByAgent(agent(1), 5)).toBe(false);
  });
});

describe('unread agent messages', () => {
  const messages = [visitor(1), agent(2), visitor(3), agent(4), agent(5, '2024-01-01T00:00:00Z')];

  it('counts agent messages after the visitor’s last read, ignoring recalled ones', () => {
    expect(unreadAgentMessages(messages, 0)).toBe(2);
    expect(unreadAgentMessages(messages, 2)).toBe(1);
    expect(unreadAgentMessages(messages, 5)).toBe(0);
  });

  it('marks read up to the latest message only when something is unread', () => {
    expect(markReadTarget(messages, 0)).toBe(5);
    expect(markReadTarget(messages, 4)).toBeNull();
    expect(markReadTarget([visitor(1), visitor(2)], 0)).toBeNull();
    expect(markReadTarget([], 0)).toBeNull();
  });
});

describe('recall window', () => {
  const sentAt = Date.parse('2025-05-01T10:00:00.000Z');
  const own = {
    senderType: 'VISITOR' as const,
    recalledAt: null,
    createdAt: new Date(sentAt).toISOString(),
  };

  it('allows recalling an own message within two minutes', () => {
    expect(canRecall(own, sentAt + 1_000)).toBe(true);
    expect(canRecall(own, sentAt + RECALL_WINDOW_MS - 1)).toBe(true);
    expect(canRecall(own, sentAt + RECALL_WINDOW_MS)).toBe(false);
  });

  it('refuses agent messages, recalled messages and bad timestamps', () => {
    expect(canRecall({ ...own, senderType: 'AGENT' }, sentAt)).toBe(false);
    expect(canRecall({ ...own, recalledAt: own.createdAt }, sentAt)).toBe(false);
    expect(canRecall({ ...own, createdAt: 'not a date' }, sentAt)).toBe(false);
  });
});
