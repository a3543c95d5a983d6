import { describe, expect, it } from 'vitest';
import { formatJson, toAuditLogFilter, validateAuditFilter } from './audit';

describe('audit log filter', () => {
  it('is null when nothing narrows the log', () => {
    expect(toAuditLogFilter({ action: '  ', from: '', to: '' })).toBeNull();
  });

  it('covers whole local days', () => {
    const filter = toAuditLogFilter({ action: ' member. ', from: '2026-03-01', to: '2026-03-02' });
    expect(filter?.action).toBe('member.');
    expect(filter?.from).toBe(new Date(2026, 2, 1).toISOString());
    expect(Date.parse(filter?.to ?? '') - Date.parse(filter?.from ?? '')).toBe(
      2 * 24 * 3600 * 1000 - 1,
    );
  });

  it('refuses a reversed range', () => {
    expect(validateAuditFilter({ action: '', from: '2026-03-02', to: '2026-03-01' })).toMatch(
      /after/,
    );
    expect(validateAuditFilter({ action: '', from: '2026-03-01', to: '' })).toBeNull();
  });

  it('formats snapshots', () => {
    expect(formatJson(null)).toBe('—');
    expect(formatJson({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});
