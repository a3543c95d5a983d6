// The fixed permission set and what each built-in role holds. Checked in the
// domain for every operation; the UI only hides what the server would refuse.
import type { Actor, Role } from './actor.js';
import { forbidden } from './errors.js';

export const PERMISSIONS = [
  'conversation.view_all',
  'conversation.reassign',
  'conversation.pin_others',
  'conversation.reply_others',
  'visitor.edit',
  'visitor.blacklist',
  'quick_reply.manage',
  'tag.manage',
  'settings.manage',
  'team.manage',
  'reports.view',
  'api_token.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const AGENT_PERMISSIONS: readonly Permission[] = [
  'conversation.view_all',
  'visitor.edit',
  'tag.manage',
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  OWNER: new Set(PERMISSIONS),
  ADMIN: new Set(PERMISSIONS),
  AGENT: new Set(AGENT_PERMISSIONS),
};

/** Permissions that only widen what an actor may read. */
const READING: ReadonlySet<Permission> = new Set(['conversation.view_all', 'reports.view']);

/**
 * API tokens act for the workspace as a whole, within their scopes: reading
 * with READ or EVENTS, everything else (including team, settings and token
 * management) only with WRITE. A read-only token can change nothing.
 */
export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'apiToken')
    return READING.has(permission)
      ? actor.scopes.includes('read') || actor.scopes.includes('events')
      : actor.scopes.includes('write');
  if (actor.kind === 'visitor') return false;
  if (actor.customPermissions && actor.role === 'AGENT')
    return actor.customPermissions.includes(permission);
  return ROLE_PERMISSIONS[actor.role].has(permission);
}

/** Everything the actor may do, for the UI to hide the rest. */
export function permissionsOf(actor: Actor): Permission[] {
  return PERMISSIONS.filter((permission) => can(actor, permission));
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden(`This needs the ${permission} permission.`);
}
