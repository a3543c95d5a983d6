import { describe, expect, it } from 'vitest';
import { reviveEventPayload } from './revive-payload.js';

describe('reviving stored event payloads', () => {
  it('turns dates back into Dates and keeps every other field', () => {
    const stored = JSON.parse(
      JSON.stringify({
        conversation: {
          id: 'c',
          lastActivityAt: new Date(1_000),
          createdAt: new Date(0),
          resolvedAt: null,
        },
        message: { id: 'm', createdAt: new Date(2_000), recalledAt: new Date(3_000) },
        readReceipt: { reader: 'AGENT', agentId: 'a', seq: 3 },
        assignment: { to: { id: 'x', name: 'X', email: 'x@x' }, from: null, by: null, note: 'hi' },
      }),
    );
    const revived = reviveEventPayload(stored);
    expect(revived.conversation?.lastActivityAt).toEqual(new Date(1_000));
    expect(revived.conversation?.resolvedAt).toBeNull();
    expect(revived.message?.recalledAt).toEqual(new Date(3_000));
    expect(revived.readReceipt).toEqual({ reader: 'AGENT', agentId: 'a', seq: 3 });
    expect(revived.assignment?.note).toBe('hi');
  });
});
