import { describe, expect, it } from 'vitest';
import { compareEventCursors, isAtOrAfter, UNVERSIONED } from './event-cursor';

describe('compareEventCursors', () => {
  it('orders decimal cursors numerically', () => {
    expect(compareEventCursors('9', '10')).toBeLessThan(0);
    expect(compareEventCursors('100', '99')).toBeGreaterThan(0);
    expect(compareEventCursors('42', '42')).toBe(0);
    expect(compareEventCursors('12345678901234567890', '12345678901234567891')).toBeLessThan(0);
  });

  it('treats a missing reference as the beginning, and UNVERSIONED as older than any event', () => {
    expect(isAtOrAfter('1', null)).toBe(true);
    expect(isAtOrAfter('1', UNVERSIONED)).toBe(true);
    expect(isAtOrAfter('5', '6')).toBe(false);
    expect(isAtOrAfter('6', '6')).toBe(true);
  });
});
