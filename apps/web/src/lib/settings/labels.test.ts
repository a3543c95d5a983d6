import { describe, expect, it } from 'vitest';
import {
  ALL_EVENT_TYPES,
  ALL_PERMISSIONS,
  ALL_SCOPES,
  formatScopes,
  memberRoleLabel,
  permissionInfo,
} from './labels';

describe('labels', () => {
  it('names every permission, scope and event type once', () => {
    expect(ALL_PERMISSIONS).toHaveLength(12);
    expect(new Set(ALL_PERMISSIONS.map((p) => permissionInfo[p].label)).size).toBe(12);
    expect(ALL_SCOPES).toEqual(['READ', 'WRITE', 'EVENTS']);
    expect(ALL_EVENT_TYPES).toContain('MESSAGE_CREATED');
  });

  it('formats scopes in canonical order', () => {
    expect(formatScopes(['EVENTS', 'READ'])).toBe('Read, Events');
    expect(formatScopes(['READ', 'WRITE', 'EVENTS'])).toBe('Read, Write, Events');
    expect(formatScopes([])).toBe('None');
  });

  it('shows a custom role instead of Agent', () => {
    expect(memberRoleLabel('AGENT', 'Supervisor')).toBe('Supervisor');
    expect(memberRoleLabel('AGENT', null)).toBe('Agent');
    expect(memberRoleLabel('OWNER', 'Supervisor')).toBe('Owner');
  });
});
