import { describe, expect, it } from 'vitest';
import { canRecall, deliveryStatus, recallTimeLeft } from './message-status';
import type { MessageItem } from './workbench-state';

const sentAt = Date.parse('2025-06-15T12:00:00.000Z');
const mine: MessageItem = {
  id: 'm1',
  conversationId: 'c1',
  seq: 4,
  senderType: 'AGENT',
  senderAgent: { id: 'me', name: 'Me' },
  body: 'Hello',
  internal: false,
  recalledAt: null,
  createdAt: new Date(sentAt).toISOString(),
};

describe('deliveryStatus', () => {
  it('is Read once the visitor has read up to the message, Sent before', () => {
    expect(deliveryStatus(mine, 3)).toBe('sent');
    expect(deliveryStatus(mine, 4)).toBe('read');
    expect(deliveryStatus(mine, 9)).toBe('read');
  });

  it('is absent on visitor messages, internal notes and recalled messages', () => {
    expect(deliveryStatus({ ...mine, senderType: 'VISITOR' }, 9)).toBeNull();
    expect(deliveryStatus({ ...mine, internal: true }, 9)).toBeNull();
    expect(deliveryStatus({ ...mine, recalledAt: mine.createdAt }, 9)).toBeNull();
  });
});

describe('canRecall', () => {
  it('allows my own website message for two minutes', () => {
    expect(canRecall(mine, 'me', 'WEBSITE', sentAt + 1_000)).toBe(true);
    expect(canRecall(mine, 'me', 'WEBSITE', sentAt + 119_999)).toBe(true);
    expect(canRecall(mine, 'me', 'WEBSITE', sentAt + 120_000)).toBe(false);
    expect(recallTimeLeft(mine.createdAt, sentAt + 100_000)).toBe(20_000);
    expect(recallTimeLeft(mine.createdAt, sentAt + 200_000)).toBe(0);
  });

  it('refuses other agents’ and visitors’ messages, notes, recalled ones and other channels', () => {
    expect(canRecall(mine, 'someone-else', 'WEBSITE', sentAt)).toBe(false);
    expect(
      canRecall({ ...mine, senderType: 'VISITOR', senderAgent: null }, 'me', 'WEBSITE', sentAt),
    ).toBe(false);
    expect(canRecall({ ...mine, internal: true }, 'me', 'WEBSITE', sentAt)).toBe(false);
    expect(canRecall({ ...mine, recalledAt: mine.createdAt }, 'me', 'WEBSITE', sentAt)).toBe(false);
    expect(canRecall(mine, 'me', 'EMAIL', sentAt)).toBe(false);
    expect(canRecall(mine, null, 'WEBSITE', sentAt)).toBe(false);
  });
});
