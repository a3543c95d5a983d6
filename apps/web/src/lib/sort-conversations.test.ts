import { describe, expect, it } from 'vitest';
import { sortConversations } from './sort-conversations';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 12, minute)).toISOString();

describe('sortConversations', () => {
  it('puts pinned conversations first, then the most recent activity', () => {
    const sorted = sortConversations([
      { id: 'old', pinned: false, lastActivityAt: at(1) },
      { id: 'new', pinned: false, lastActivityAt: at(30) },
      { id: 'pinned-old', pinned: true, lastActivityAt: at(0) },
      { id: 'pinned-new', pinned: true, lastActivityAt: at(10) },
    ]);
    expect(sorted.map((c) => c.id)).toEqual(['pinned-new', 'pinned-old', 'new', 'old']);
  });

  it('keeps a stable order for equal timestamps and does not mutate its input', () => {
    const input = [
      { id: 'a', pinned: false, lastActivityAt: at(5) },
      { id: 'b', pinned: false, lastActivityAt: at(5) },
    ];
    expect(sortConversations(input).map((c) => c.id)).toEqual(['b', 'a']);
    expect(input.map((c) => c.id)).toEqual(['a', 'b']);
  });
});
