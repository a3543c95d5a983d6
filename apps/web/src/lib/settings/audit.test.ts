import { describe, expect, it } from 'vitest';
import {
  auditActorLabel,
  auditChanges,
  auditTargetLabel,
  describeAuditEntry,
  toAuditLogFilter,
  validateAuditFilter,
} from './audit';

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
});

describe('describeAuditEntry and auditChanges (people read the log, not codes and ids)', () => {
  const LEE = '1b7e5c1e-0000-4000-8000-00000000000a';
  const SAM = '1b7e5c1e-0000-4000-8000-00000000000b';
  const names = new Map([
    [LEE, 'Lee Park'],
    [SAM, 'Sam Ortiz'],
  ]);
  const base = {
    actorType: 'agent',
    actor: { id: SAM, name: 'Sam Ortiz' },
    targetType: 'agent',
    targetId: LEE,
    targetName: 'Lee Park',
  };

  it('says what happened to whom, with labels instead of codes', () => {
    const entry = {
      ...base,
      action: 'member.role_changed',
      before: { role: 'AGENT', customRole: null, active: true },
      after: { role: 'ADMIN', customRole: null, active: true },
    };
    expect(describeAuditEntry(entry, names)).toBe('Changed Lee Park’s role from Agent to Admin');
    expect(auditChanges(entry.before, entry.after, names)).toEqual([
      { field: 'Role', before: 'Agent', after: 'Admin' },
    ]);
    expect(auditActorLabel(entry)).toBe('Sam Ortiz');
  });

  it('never falls back to a UUID: agent names, snapshot names, or the kind', () => {
    const unnamed = { ...base, targetName: null };
    expect(auditTargetLabel({ ...unnamed, action: 'x', before: null, after: null }, names)).toBe(
      'Lee Park',
    );
    const deletedGroup = {
      ...base,
      targetType: 'agent_group',
      targetId: 'g-1',
      targetName: null,
      action: 'group.deleted',
      before: { id: 'g-1', name: 'Billing' },
      after: null,
    };
    expect(describeAuditEntry(deletedGroup, names)).toBe('Deleted the group “Billing”');
    const unknown = { ...deletedGroup, before: null, action: 'group.deleted' };
    expect(describeAuditEntry(unknown, names)).toBe('Deleted a group');
    expect(describeAuditEntry(unknown, names)).not.toContain('g-1');
  });

  it('shows group members by name and settings by label', () => {
    expect(auditChanges([LEE], [LEE, SAM], names)).toEqual([
      { field: 'Members', before: 'Lee Park', after: 'Lee Park, Sam Ortiz' },
    ]);
    expect(
      auditChanges(
        { defaultReceptionLimit: 10, prioritizeBotReception: false },
        { defaultReceptionLimit: 12, prioritizeBotReception: false },
        names,
      ),
    ).toEqual([{ field: 'Default reception limit', before: '10', after: '12' }]);
    const origins = {
      ...base,
      targetType: 'channel',
      targetId: 'c-1',
      targetName: 'Website',
      action: 'channel.origins_changed',
      before: { allowedOrigins: [] },
      after: { allowedOrigins: ['https://shop.example.com'] },
    };
    expect(describeAuditEntry(origins, names)).toBe(
      'Changed the websites that may show the widget of the channel “Website”',
    );
    expect(auditChanges(origins.before, origins.after, names)).toEqual([
      {
        field: 'Websites that may show the widget',
        before: 'none',
        after: 'https://shop.example.com',
      },
    ]);
    const byToken = { ...base, actor: null, actorType: 'api_token' };
    expect(
      auditActorLabel({ ...byToken, action: 'webhook.created', before: null, after: null }),
    ).toBe('An API token');
  });
});
