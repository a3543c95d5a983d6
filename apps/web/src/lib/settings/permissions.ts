import type { Permission, Role } from '@/generated/graphql';
import { ALL_PERMISSIONS } from './labels';

/** What each built-in role holds (mirrors the server; the server decides). */
export const BUILT_IN_ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  OWNER: ALL_PERMISSIONS,
  ADMIN: ALL_PERMISSIONS,
  AGENT: ['CONVERSATION_VIEW_ALL', 'VISITOR_EDIT', 'TAG_MANAGE'],
};

export type SettingsSection =
  | 'general'
  | 'profile'
  | 'team'
  | 'roles'
  | 'groups'
  | 'tags'
  | 'api-tokens'
  | 'webhooks'
  | 'audit-log';

export type SectionInfo = {
  id: SettingsSection;
  label: string;
  href: string;
  description: string;
};

export const SECTIONS: readonly SectionInfo[] = [
  {
    id: 'general',
    label: 'General',
    href: '/settings/general',
    description: 'Workspace name, robot reception and the default reception limit.',
  },
  {
    id: 'profile',
    label: 'Your profile',
    href: '/settings/profile',
    description: 'Your name and picture as colleagues see them, language and notifications.',
  },
  {
    id: 'team',
    label: 'Team',
    href: '/settings/team',
    description: 'Members, their roles and load, and invitations.',
  },
  {
    id: 'roles',
    label: 'Roles',
    href: '/settings/roles',
    description: 'Built-in roles and custom roles composed from permissions.',
  },
  {
    id: 'groups',
    label: 'Groups',
    href: '/settings/groups',
    description: 'Teams that conversations are routed to; only members get them.',
  },
  {
    id: 'tags',
    label: 'Tags',
    href: '/settings/tags',
    description: 'Tags agents put on visitors: create, rename, recolour and delete them.',
  },
  {
    id: 'api-tokens',
    label: 'API tokens',
    href: '/settings/api-tokens',
    description: 'Credentials for integrations with the GraphQL API.',
  },
  {
    id: 'webhooks',
    label: 'Webhooks',
    href: '/settings/webhooks',
    description: 'Signed POSTs of workspace events to your endpoints.',
  },
  {
    id: 'audit-log',
    label: 'Audit log',
    href: '/settings/audit-log',
    description: 'Who changed what, and when. Owners only.',
  },
];

/** The viewer as far as settings care: a role, and the permissions when the server told us. */
export type SettingsAccess = {
  role: Role | null;
  /** Null when the server could not say (older server): fall back to the role. */
  permissions: readonly Permission[] | null;
};

/** The permissions to act on: the server's list, or the built-in role's while it is unknown. */
export function effectivePermissions(access: SettingsAccess): ReadonlySet<Permission> {
  if (access.permissions) return new Set(access.permissions);
  if (access.role === 'OWNER' || access.role === 'ADMIN') return new Set(ALL_PERMISSIONS);
  // Agents (and callers without a role) see no settings until the server says otherwise.
  return new Set();
}

const sectionPermission: Readonly<
  Record<Exclude<SettingsSection, 'audit-log' | 'profile'>, Permission>
> = {
  general: 'SETTINGS_MANAGE',
  team: 'TEAM_MANAGE',
  roles: 'TEAM_MANAGE',
  groups: 'TEAM_MANAGE',
  tags: 'TAG_MANAGE',
  'api-tokens': 'API_TOKEN_MANAGE',
  webhooks: 'SETTINGS_MANAGE',
};

export function canSeeSection(access: SettingsAccess, section: SettingsSection): boolean {
  // The audit log is for owners, whatever their permissions.
  if (section === 'audit-log') return access.role === 'OWNER';
  // Every signed-in agent has a profile (an agent always has a role).
  if (section === 'profile') return access.role !== null;
  return effectivePermissions(access).has(sectionPermission[section]);
}

export function visibleSections(access: SettingsAccess): SectionInfo[] {
  return SECTIONS.filter((s) => canSeeSection(access, s.id));
}

export function can(access: SettingsAccess, permission: Permission): boolean {
  return effectivePermissions(access).has(permission);
}

/** Roles the viewer may hand out: only owners make owners. */
export function assignableRoles(access: SettingsAccess): Role[] {
  if (!can(access, 'TEAM_MANAGE')) return [];
  return access.role === 'OWNER' ? ['OWNER', 'ADMIN', 'AGENT'] : ['ADMIN', 'AGENT'];
}

/** A role choice in a select: a built-in role, or AGENT with a custom role. */
export type RoleChoice = { role: Role; customRoleId: string | null };

export function encodeRoleChoice(choice: RoleChoice): string {
  return choice.role === 'AGENT' && choice.customRoleId
    ? `custom:${choice.customRoleId}`
    : `role:${choice.role}`;
}

export function decodeRoleChoice(value: string): RoleChoice | null {
  if (value.startsWith('custom:') && value.length > 'custom:'.length) {
    return { role: 'AGENT', customRoleId: value.slice('custom:'.length) };
  }
  const role = value.slice('role:'.length);
  if (value.startsWith('role:') && (role === 'OWNER' || role === 'ADMIN' || role === 'AGENT')) {
    return { role, customRoleId: null };
  }
  return null;
}
