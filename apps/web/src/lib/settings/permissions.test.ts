import { describe, expect, it } from 'vitest';
import {
  assignableRoles,
  canSeeSection,
  decodeRoleChoice,
  effectivePermissions,
  encodeRoleChoice,
  SECTIONS,
  visibleSections,
} from './permissions';
import { ALL_PERMISSIONS } from './labels';

const ids = (access: Parameters<typeof visibleSections>[0]) =>
  visibleSections(access).map((s) => s.id);

describe('settings section visibility', () => {
  it('shows owners every section', () => {
    expect(ids({ role: 'OWNER', permissions: ALL_PERMISSIONS })).toEqual(SECTIONS.map((s) => s.id));
  });

  it('hides the audit log from admins, even with every permission', () => {
    expect(ids({ role: 'ADMIN', permissions: ALL_PERMISSIONS })).not.toContain('audit-log');
    expect(canSeeSection({ role: 'ADMIN', permissions: ALL_PERMISSIONS }, 'team')).toBe(true);
  });

  it('follows the permissions the server sends', () => {
    expect(ids({ role: 'AGENT', permissions: ['API_TOKEN_MANAGE'] })).toEqual([
      'profile',
      'api-tokens',
    ]);
    expect(ids({ role: 'AGENT', permissions: ['TEAM_MANAGE'] })).toEqual([
      'profile',
      'team',
      'roles',
      'groups',
    ]);
    expect(ids({ role: 'AGENT', permissions: ['SETTINGS_MANAGE'] })).toEqual([
      'general',
      'profile',
      'webhooks',
    ]);
    expect(ids({ role: 'AGENT', permissions: ['CONVERSATION_VIEW_ALL', 'TAG_MANAGE'] })).toEqual([
      'profile',
      'tags',
    ]);
    expect(ids({ role: 'AGENT', permissions: [] })).toEqual(['profile']);
  });

  it('falls back to the role while permissions are unknown', () => {
    expect(ids({ role: 'OWNER', permissions: null })).toHaveLength(SECTIONS.length);
    expect(ids({ role: 'ADMIN', permissions: null })).toHaveLength(SECTIONS.length - 1);
    expect(ids({ role: 'AGENT', permissions: null })).toEqual(['profile']);
    expect(ids({ role: null, permissions: null })).toEqual([]);
    expect(effectivePermissions({ role: 'AGENT', permissions: null }).size).toBe(0);
  });

  it('lets only owners make owners', () => {
    expect(assignableRoles({ role: 'OWNER', permissions: null })).toEqual([
      'OWNER',
      'ADMIN',
      'AGENT',
    ]);
    expect(assignableRoles({ role: 'ADMIN', permissions: null })).toEqual(['ADMIN', 'AGENT']);
    expect(assignableRoles({ role: 'AGENT', permissions: null })).toEqual([]);
  });
});

describe('role choices', () => {
  it('round-trips built-in and custom roles', () => {
    expect(encodeRoleChoice({ role: 'ADMIN', customRoleId: null })).toBe('role:ADMIN');
    expect(encodeRoleChoice({ role: 'AGENT', customRoleId: 'r1' })).toBe('custom:r1');
    expect(encodeRoleChoice({ role: 'OWNER', customRoleId: 'r1' })).toBe('role:OWNER');
    expect(decodeRoleChoice('custom:r1')).toEqual({ role: 'AGENT', customRoleId: 'r1' });
    expect(decodeRoleChoice('role:AGENT')).toEqual({ role: 'AGENT', customRoleId: null });
    expect(decodeRoleChoice('role:KING')).toBeNull();
    expect(decodeRoleChoice('custom:')).toBeNull();
  });
});
