import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time';

const now = Date.parse('2025-06-15T12:00:00.000Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('formatRelativeTime', () => {
  it('uses compact units for recent activity', () => {
    expect(formatRelativeTime(ago(10_000), now)).toBe('now');
    expect(formatRelativeTime(ago(5 * 60_000), now)).toBe('5m');
    expect(formatRelativeTime(ago(3 * 3_600_000), now)).toBe('3h');
    expect(formatRelativeTime(ago(2 * 86_400_000), now)).toBe('2d');
  });

  it('shows a date for older activity, with the year only when it differs', () => {
    expect(formatRelativeTime('2025-03-04T09:00:00.000Z', now)).toBe('Mar 4');
    expect(formatRelativeTime('2024-12-31T09:00:00.000Z', now)).toBe('Dec 31, 2024');
  });

  it('treats future timestamps as now and ignores invalid input', () => {
    expect(formatRelativeTime(ago(-30_000), now)).toBe('now');
    expect(formatRelativeTime('not a date', now)).toBe('');
  });
});
