// Team members, their roles and custom roles, and deactivation.
import { z } from 'zod';
import {
  agents,
  and,
  apiTokens,
  asc,
  authSessions,
  conversations,
  count,
  customRoles,
  eq,
  isNull,
  memberships,
  ne,
  sql,
  type Database,
} from '@parley/db';
import { audit } from '../audit/audit-log.js';
import { actorRef, applyTransition, lockConversation } from '../conversations/lifecycle.js';
import type { AgentRecord } from '../conversations/records.js';
import { appendEvents } from '../events/append-events.js';
import { drainQueue } from '../routing/drain-queue.js';
import {
  requireWorkspaceActor,
  type Actor,
  type Role,
  type WorkspaceActor,
} from '../shared/actor.js';
import { DomainError, forbidden, notFound } from '../shared/errors.js';
import {
  PERMISSIONS,
  ROLE_PERMISSIONS,
  requirePermission,
  type Permission,
} from '../shared/permissions.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { fieldError, Id, validate } from '../shared/validate.js';

export interface CustomRoleRecord {
  id: string;
  name: string;
  permissions: Permission[];
  memberCount: number;
}

export interface TeamMemberView {
  agent: AgentRecord;
  role: Role;
  customRole: CustomRoleRecord | null;
  permissions: Permission[];
  active: boolean;
  joinedAt: Date;
}

const ROLES = ['OWNER', 'ADMIN', 'AGENT'] as const;

export function permissionsFor(role: Role, custom: readonly string[] | null): Permission[] {
  if (role === 'AGENT' && custom) return PERMISSIONS.filter((p) => custom.includes(p));
  return PERMISSIONS.filter((p) => ROLE_PERMISSIONS[role].has(p));
}

/** How many members hold a custom role (a column expression over custom_roles). */
export const roleMemberCount = sql<number>`(select count(*)::int from ${memberships} where ${memberships.customRoleId} = ${customRoles.id})`;

/** NOT_FOUND unless the custom role belongs to the workspace. */
export async function assertCustomRole(
  tx: Database,
  workspaceId: string,
  id: string,
): Promise<void> {
  const [exists] = await tx
    .select({ id: customRoles.id })
    .from(customRoles)
    .where(and(eq(customRoles.workspaceId, workspaceId), eq(customRoles.id, id)));
  if (!exists) throw notFound('Custom role');
}

async function loadMembers(
  db: Database,
  workspaceId: string,
  agentId?: string,
): Promise<TeamMemberView[]> {
  const rows = await db
    .select({
      agentId: agents.id,
      name: agents.name,
      email: agents.email,
      role: memberships.role,
      active: memberships.active,
      joinedAt: memberships.createdAt,
      customRoleId: customRoles.id,
      customRoleName: customRoles.name,
      customPermissions: customRoles.permissions,
      customRoleMembers: roleMemberCount,
    })
    .from(memberships)
    .innerJoin(agents, eq(agents.id, memberships.agentId))
    .leftJoin(customRoles, eq(customRoles.id, memberships.customRoleId))
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        agentId ? eq(memberships.agentId, agentId) : undefined,
      ),
    )
    .orderBy(asc(agents.name));
  return rows.map((r) => ({
    agent: { id: r.agentId, name: r.name, email: r.email },
    role: r.role,
    customRole:
      r.customRoleId && r.customRoleName && r.customPermissions
        ? {
            id: r.customRoleId,
            name: r.customRoleName,
            permissions: permissionsFor('AGENT', r.customPermissions),
            memberCount: Number(r.customRoleMembers),
          }
        : null,
    permissions: permissionsFor(r.role, r.role === 'AGENT' ? r.customPermissions : null),
    active: r.active,
    joinedAt: r.joinedAt,
  }));
}

async function loadMember(
  db: Database,
  workspaceId: string,
  agentId: string,
): Promise<TeamMemberView> {
  const [member] = await loadMembers(db, workspaceId, agentId);
  if (!member) throw notFound('Team member');
  return member;
}

export async function listTeamMembers(
  deps: CoreDeps,
  actor: Actor | null,
): Promise<TeamMemberView[]> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'team.manage');
  return loadMembers(deps.db, viewer.workspaceId);
}

/** Only owners hand out or take away ownership. */
function requireOwnerFor(viewer: WorkspaceActor, ...roles: Role[]): void {
  if (roles.includes('OWNER') && !(viewer.kind === 'agent' && viewer.role === 'OWNER')) {
    throw forbidden('Only an owner can change who is an owner.');
  }
}

async function assertNotLastOwner(
  tx: Database,
  workspaceId: string,
  agentId: string,
): Promise<void> {
  const [owners] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        eq(memberships.role, 'OWNER'),
        eq(memberships.active, true),
        ne(memberships.agentId, agentId),
      ),
    );
  if (Number(owners?.n ?? 0) === 0) {
    throw new DomainError(
      'CONFLICT',
      'The workspace needs an owner: make someone else owner first.',
      {
        reason: 'LAST_OWNER',
      },
    );
  }
}

/**
 * MEMBER_UPDATED for each member whose role, permissions or activity changed:
 * their open sockets close, so clients reconnect with what they may do now.
 */
export function memberEvents(
  viewer: WorkspaceActor,
  members: readonly { agentId: string; role: Role; active: boolean }[],
) {
  return members.map((member) => ({
    workspaceId: viewer.workspaceId,
    type: 'MEMBER_UPDATED' as const,
    ...actorRef(viewer),
    payload: { member },
  }));
}

function memberEvent(viewer: WorkspaceActor, member: TeamMemberView) {
  return memberEvents(viewer, [
    { agentId: member.agent.id, role: member.role, active: member.active },
  ]);
}

/** The members holding a custom role (read before it changes or goes). */
function holdersOf(tx: Database, workspaceId: string, roleId: string) {
  return tx
    .select({ agentId: memberships.agentId, role: memberships.role, active: memberships.active })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.customRoleId, roleId)));
}

const RoleInput = z.object({
  agentId: Id,
  role: z.enum(ROLES),
  customRoleId: Id.nullish(),
});

export async function changeMemberRole(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<TeamMemberView> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'team.manage');
  const { agentId, role, customRoleId } = validate(RoleInput, input);
  if (customRoleId && role !== 'AGENT') {
    throw fieldError('customRoleId', 'goes with the AGENT role only');
  }
  return inTransaction(deps, async (tx) => {
    await lockTeam(tx, viewer.workspaceId);
    const before = await loadMember(tx, viewer.workspaceId, agentId);
    requireOwnerFor(viewer, before.role, role);
    if (before.role === 'OWNER' && role !== 'OWNER')
      await assertNotLastOwner(tx, viewer.workspaceId, agentId);
    if (customRoleId) await assertCustomRole(tx, viewer.workspaceId, customRoleId);
    await updateMembership(tx, viewer.workspaceId, agentId, {
      role,
      customRoleId: customRoleId ?? null,
    });
    return recordMemberChange(tx, viewer, 'member.role_changed', before);
  });
}

/** Serialises changes to a workspace's team (the last-owner checks read, then write). */
async function lockTeam(tx: Database, workspaceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(727004, hashtext(${workspaceId}))`);
}

function updateMembership(
  tx: Database,
  workspaceId: string,
  agentId: string,
  values: Partial<typeof memberships.$inferInsert>,
) {
  return tx
    .update(memberships)
    .set(values)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.agentId, agentId)));
}

/** Reads the member after a change, audits before → after and tells their sockets. */
async function recordMemberChange(
  tx: Database,
  viewer: WorkspaceActor,
  action: string,
  before: TeamMemberView,
): Promise<TeamMemberView> {
  const after = await loadMember(tx, viewer.workspaceId, before.agent.id);
  await audit(
    tx,
    viewer,
    action,
    { type: 'agent', id: before.agent.id },
    summary(before),
    summary(after),
  );
  await appendEvents(tx, memberEvent(viewer, after));
  return after;
}

function summary(member: TeamMemberView) {
  return { role: member.role, customRole: member.customRole?.name ?? null, active: member.active };
}

const AgentInput = z.object({ agentId: Id });

/** Signs the member out everywhere and returns their open conversations to the queue. */
export async function deactivateMember(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<TeamMemberView> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'team.manage');
  const { agentId } = validate(AgentInput, input);
  const result = await inTransaction(deps, async (tx) => {
    await lockTeam(tx, viewer.workspaceId);
    const before = await loadMember(tx, viewer.workspaceId, agentId);
    requireOwnerFor(viewer, before.role);
    if (before.role === 'OWNER') await assertNotLastOwner(tx, viewer.workspaceId, agentId);
    // Nobody locks themselves out; another admin or owner can do it.
    if (viewer.kind === 'agent' && viewer.agentId === agentId)
      throw forbidden('You cannot deactivate yourself.');
    await updateMembership(tx, viewer.workspaceId, agentId, { active: false, status: 'OFFLINE' });
    await tx
      .update(authSessions)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(authSessions.workspaceId, viewer.workspaceId),
          eq(authSessions.agentId, agentId),
          isNull(authSessions.revokedAt),
        ),
      );
    // Their API tokens stop too (they acted with the member's authority); the
    // events close sockets using them on every server process.
    const revokedTokens = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(apiTokens.workspaceId, viewer.workspaceId),
          eq(apiTokens.createdByAgentId, agentId),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix });
    if (revokedTokens.length > 0) {
      await appendEvents(
        tx,
        revokedTokens.map((apiToken) => ({
          workspaceId: viewer.workspaceId,
          type: 'API_TOKEN_REVOKED' as const,
          ...actorRef(viewer),
          payload: { apiToken },
        })),
      );
      for (const token of revokedTokens) {
        await audit(
          tx,
          viewer,
          'api_token.revoked',
          { type: 'api_token', id: token.id },
          { revokedAt: null },
          { reason: 'member deactivated' },
        );
      }
    }
    const open = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.workspaceId, viewer.workspaceId),
          eq(conversations.assigneeId, agentId),
          eq(conversations.status, 'ASSIGNED'),
        ),
      );
    for (const { id } of open) {
      const locked = await lockConversation(tx, viewer.workspaceId, id);
      await applyTransition(tx, locked, viewer, {
        action: { type: 'UNASSIGN' },
        assigneeId: null,
        event: 'CONVERSATION_ASSIGNED',
        visibleToVisitor: true,
        payload: {
          assignment: { to: null, from: before.agent, by: null, note: 'Agent deactivated' },
        },
        note: { body: `${before.agent.name} was deactivated: conversation returned to the queue.` },
      });
    }
    return recordMemberChange(tx, viewer, 'member.deactivated', before);
  });
  await drainQueue(deps, viewer.workspaceId);
  return result;
}

export async function reactivateMember(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<TeamMemberView> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'team.manage');
  const { agentId } = validate(AgentInput, input);
  return inTransaction(deps, async (tx) => {
    const before = await loadMember(tx, viewer.workspaceId, agentId);
    requireOwnerFor(viewer, before.role);
    await updateMembership(tx, viewer.workspaceId, agentId, { active: true });
    return recordMemberChange(tx, viewer, 'member.reactivated', before);
  });
}

const CustomRoleInput = z.object({
  name: z.string().trim().min(1, 'is required').max(60),
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
});

export async function listCustomRoles(
  deps: CoreDeps,
  actor: Actor | null,
): Promise<CustomRoleRecord[]> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'team.manage');
  const rows = await deps.db
    .select({
      id: customRoles.id,
      name: customRoles.name,
      permissions: customRoles.permissions,
      memberCount: roleMemberCount,
    })
    .from(customRoles)
    .where(eq(customRoles.workspaceId, viewer.workspaceId))
    .orderBy(asc(customRoles.name));
  return rows.map((r) => ({
    ...r,
    permissions: permissionsFor('AGENT', r.permissions),
    memberCount: Number(r.memberCount),
  }));
}

export async function saveCustomRole(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
  id?: string,
): Promise<CustomRoleRecord> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'team.manage');
  const { name, permissions } = validate(CustomRoleInput, input);
  // An update names its role: "" or a malformed id is refused, never a new role.
  if (id !== undefined) validate(z.object({ id: Id }), { id });
  return inTransaction(deps, async (tx) => {
    const [clash] = await tx
      .select({ id: customRoles.id })
      .from(customRoles)
      .where(
        and(
          eq(customRoles.workspaceId, viewer.workspaceId),
          eq(sql`lower(${customRoles.name})`, name.toLowerCase()),
          id !== undefined ? ne(customRoles.id, id) : undefined,
        ),
      );
    if (clash)
      throw new DomainError('CONFLICT', `A role named "${name}" already exists.`, {
        field: 'name',
      });
    const values = { name, permissions: [...new Set(permissions)] };
    let before: unknown = null;
    let saved: { id: string } | undefined;
    if (id !== undefined) {
      const [old] = await tx
        .select({ name: customRoles.name, permissions: customRoles.permissions })
        .from(customRoles)
        .where(and(eq(customRoles.workspaceId, viewer.workspaceId), eq(customRoles.id, id)));
      if (!old) throw notFound('Custom role');
      before = old;
      [saved] = await tx
        .update(customRoles)
        .set(values)
        .where(eq(customRoles.id, id))
        .returning({ id: customRoles.id });
    } else {
      [saved] = await tx
        .insert(customRoles)
        .values({ workspaceId: viewer.workspaceId, ...values })
        .returning({ id: customRoles.id });
    }
    if (!saved) throw new Error('custom role save returned nothing');
    await audit(
      tx,
      viewer,
      id ? 'role.updated' : 'role.created',
      { type: 'custom_role', id: saved.id },
      before,
      values,
    );
    if (id)
      await appendEvents(tx, memberEvents(viewer, await holdersOf(tx, viewer.workspaceId, id)));
    const [role] = (await listCustomRoles({ ...deps, db: tx }, viewer)).filter(
      (r) => r.id === saved?.id,
    );
    if (!role) throw new Error('custom role vanished inside its transaction');
    return role;
  });
}

export async function deleteCustomRole(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<boolean> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'team.manage');
  const { id } = validate(z.object({ id: Id }), input);
  return inTransaction(deps, async (tx) => {
    // Its members fall back to the built-in AGENT permissions (the foreign key
    // clears their role): read them first to tell their sockets.
    const holders = await holdersOf(tx, viewer.workspaceId, id);
    const [gone] = await tx
      .delete(customRoles)
      .where(and(eq(customRoles.workspaceId, viewer.workspaceId), eq(customRoles.id, id)))
      .returning({ name: customRoles.name, permissions: customRoles.permissions });
    if (!gone) throw notFound('Custom role');
    await audit(tx, viewer, 'role.deleted', { type: 'custom_role', id }, gone, null);
    await appendEvents(tx, memberEvents(viewer, holders));
    return true;
  });
}
