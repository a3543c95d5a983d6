// Invitations: an admin invites by email; a single-use link that expires; the
// invitee picks a name and password and is signed in. Sent by mail when a
// mailer is configured, and always returned so it can be copied.
import { z } from 'zod';
import {
  agents,
  and,
  authSessions,
  customRoles,
  desc,
  eq,
  gt,
  invitations,
  isNull,
  memberships,
  sql,
  workspaces,
} from '@parley/db';
import { audit } from '../audit/audit-log.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { assertPasswordPolicy, MAX_PASSWORD_LENGTH } from '../auth/password-policy.js';
import { SESSION_TTL_MS, type SignInResult } from '../auth/sign-in.js';
import { hashToken, newToken, SESSION_TOKEN_PREFIX } from '../auth/tokens.js';
import type { AgentRecord } from '../conversations/records.js';
import { requireWorkspaceActor, type Actor, type AgentActor, type Role } from '../shared/actor.js';
import {
  assertCustomRole,
  permissionsFor,
  roleMemberCount,
  type CustomRoleRecord,
} from './team-members.js';
import { DomainError, forbidden, notFound, unauthenticated } from '../shared/errors.js';
import { requirePermission } from '../shared/permissions.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { fieldError, Id, validate } from '../shared/validate.js';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InvitationRecord {
  id: string;
  email: string;
  role: Role;
  customRole: CustomRoleRecord | null;
  invitedBy: AgentRecord | null;
  expiresAt: Date;
  createdAt: Date;
}

export interface InviteResult {
  invitation: InvitationRecord;
  link: string;
  emailed: boolean;
}

export interface InvitationPreviewRecord {
  email: string;
  workspaceName: string;
  invitedByName: string | null;
  expiresAt: Date;
}

const INVITATION_TOKEN_PREFIX = 'inv_';

const InviteInput = z.object({
  email: z.email('is not an email address').max(320),
  role: z.enum(['OWNER', 'ADMIN', 'AGENT']),
  customRoleId: Id.nullish(),
});

export async function inviteMember(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
  options: { publicUrl: string },
): Promise<InviteResult> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'team.manage');
  const { email, role, customRoleId } = validate(InviteInput, input);
  if (role === 'OWNER' && !(viewer.kind === 'agent' && viewer.role === 'OWNER')) {
    throw forbidden('Only an owner can invite an owner.');
  }
  if (customRoleId && role !== 'AGENT') {
    throw fieldError('customRoleId', 'goes with the AGENT role only');
  }
  const token = newToken(INVITATION_TOKEN_PREFIX);
  const { invitation, workspaceName, inviterName } = await inTransaction(deps, async (tx) => {
    const [member] = await tx
      .select({ id: agents.id })
      .from(agents)
      .innerJoin(
        memberships,
        and(eq(memberships.agentId, agents.id), eq(memberships.workspaceId, viewer.workspaceId)),
      )
      .where(eq(sql`lower(${agents.email})`, email.toLowerCase()));
    if (member)
      throw new DomainError('CONFLICT', 'This person is already a member.', { field: 'email' });
    if (customRoleId) await assertCustomRole(tx, viewer.workspaceId, customRoleId);
    // A new invitation replaces any pending one for the same address.
    await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(invitations.workspaceId, viewer.workspaceId),
          eq(sql`lower(${invitations.email})`, email.toLowerCase()),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const [created] = await tx
      .insert(invitations)
      .values({
        workspaceId: viewer.workspaceId,
        email,
        role,
        customRoleId: customRoleId ?? null,
        tokenHash: hashToken(token),
        invitedByAgentId: viewer.kind === 'agent' ? viewer.agentId : null,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      })
      .returning({ id: invitations.id });
    if (!created) throw new Error('invitation insert returned nothing');
    await audit(tx, viewer, 'invitation.created', { type: 'invitation', id: created.id }, null, {
      email,
      role,
      customRoleId,
    });
    const [workspace] = await tx
      .select({ name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, viewer.workspaceId));
    const list = await pending(tx as unknown as CoreDeps['db'], viewer.workspaceId, created.id);
    const [row] = list;
    if (!row) throw new Error('invitation vanished inside its transaction');
    return {
      invitation: row,
      workspaceName: workspace?.name ?? 'Parley',
      inviterName: row.invitedBy?.name ?? null,
    };
  });
  const link = `${options.publicUrl.replace(/\/+$/, '')}/invite?token=${encodeURIComponent(token)}`;
  let emailed = false;
  if (deps.mailer) {
    await deps.mailer.send({
      to: email,
      subject: `You are invited to ${workspaceName} on Parley`,
      text: `${inviterName ?? 'A teammate'} invited you to join ${workspaceName} on Parley.\n\nAccept within 7 days: ${link}\n`,
    });
    emailed = true;
  }
  return { invitation, link, emailed };
}

async function pending(
  db: CoreDeps['db'],
  workspaceId: string,
  id?: string,
): Promise<InvitationRecord[]> {
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      inviterId: agents.id,
      inviterName: agents.name,
      inviterEmail: agents.email,
      roleId: customRoles.id,
      roleName: customRoles.name,
      rolePermissions: customRoles.permissions,
      roleMembers: roleMemberCount,
    })
    .from(invitations)
    .leftJoin(agents, eq(agents.id, invitations.invitedByAgentId))
    .leftJoin(customRoles, eq(customRoles.id, invitations.customRoleId))
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        id ? eq(invitations.id, id) : undefined,
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(invitations.createdAt));
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    expiresAt: r.expiresAt,
    createdAt: r.createdAt,
    invitedBy:
      r.inviterId && r.inviterName && r.inviterEmail
        ? { id: r.inviterId, name: r.inviterName, email: r.inviterEmail }
        : null,
    customRole:
      r.roleId && r.roleName && r.rolePermissions
        ? {
            id: r.roleId,
            name: r.roleName,
            permissions: permissionsFor('AGENT', r.rolePermissions),
            memberCount: Number(r.roleMembers),
          }
        : null,
  }));
}

export async function listInvitations(
  deps: CoreDeps,
  actor: Actor | null,
): Promise<InvitationRecord[]> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'team.manage');
  return pending(deps.db, viewer.workspaceId);
}

export async function revokeInvitation(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<boolean> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'team.manage');
  const { id } = validate(z.object({ id: Id }), input);
  return inTransaction(deps, async (tx) => {
    const [revoked] = await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(invitations.workspaceId, viewer.workspaceId),
          eq(invitations.id, id),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ email: invitations.email });
    if (!revoked) throw notFound('Invitation');
    await audit(tx, viewer, 'invitation.revoked', { type: 'invitation', id }, revoked, null);
    return true;
  });
}

const TokenInput = z.object({ token: z.string().min(10).max(200) });

/** Anonymous: what an invitation link is for; used, revoked and expired ones are NOT_FOUND. */
export async function previewInvitation(
  deps: CoreDeps,
  input: unknown,
): Promise<InvitationPreviewRecord> {
  const { token } = validate(TokenInput, input);
  const [row] = await deps.db
    .select({
      email: invitations.email,
      expiresAt: invitations.expiresAt,
      workspaceName: workspaces.name,
      invitedByName: agents.name,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .leftJoin(agents, eq(agents.id, invitations.invitedByAgentId))
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    );
  if (!row) throw notFound('Invitation');
  return row;
}

const AcceptInput = z.object({
  token: z.string().min(10).max(200),
  name: z.string().trim().min(1, 'is required').max(100),
  password: z.string().min(1, 'is required').max(MAX_PASSWORD_LENGTH),
});

/** Creates (or joins with an existing account) and signs the invitee in. */
export async function acceptInvitation(deps: CoreDeps, input: unknown): Promise<SignInResult> {
  const { token, name, password } = validate(AcceptInput, input);
  // The token first: a bogus one is refused before any argon2 work, so a flood
  // of them cannot eat the CPU every sign-in needs. A new account's password
  // is hashed outside the transaction (on PGlite it holds the only connection).
  const [pendingInvitation] = await deps.db
    .select({ accountId: agents.id })
    .from(invitations)
    .leftJoin(agents, eq(sql`lower(${agents.email})`, sql`lower(${invitations.email})`))
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  if (!pendingInvitation) throw notFound('Invitation');
  const newAccountHash = pendingInvitation.accountId ? null : await hashPassword(password);
  return inTransaction(deps, async (tx) => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.tokenHash, hashToken(token)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, sql`now()`),
        ),
      )
      .for('update');
    if (!invitation) throw notFound('Invitation');
    const [existing] = await tx
      .select({ id: agents.id, passwordHash: agents.passwordHash })
      .from(agents)
      .where(eq(sql`lower(${agents.email})`, invitation.email.toLowerCase()));
    let agentId: string;
    if (existing) {
      // An existing account joins with its own password, never a new one.
      if (!(await verifyPassword(existing.passwordHash, password))) {
        throw unauthenticated(
          'This email already has a Parley account: use its password to accept.',
        );
      }
      agentId = existing.id;
    } else {
      // A new account chooses its password here: the policy applies.
      await assertPasswordPolicy(password);
      const [created] = await tx
        .insert(agents)
        .values({
          email: invitation.email,
          name,
          passwordHash: newAccountHash ?? (await hashPassword(password)),
        })
        .returning({ id: agents.id });
      if (!created) throw new Error('agent insert returned nothing');
      agentId = created.id;
    }
    const [workspace] = await tx
      .select({ limit: workspaces.defaultReceptionLimit })
      .from(workspaces)
      .where(eq(workspaces.id, invitation.workspaceId));
    await tx
      .insert(memberships)
      .values({
        workspaceId: invitation.workspaceId,
        agentId,
        role: invitation.role,
        customRoleId: invitation.customRoleId,
        receptionLimit: workspace?.limit ?? 10,
      })
      .onConflictDoNothing();
    await tx
      .update(invitations)
      .set({ acceptedAt: sql`now()` })
      .where(eq(invitations.id, invitation.id));
    const sessionToken = newToken(SESSION_TOKEN_PREFIX);
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    const [session] = await tx
      .insert(authSessions)
      .values({
        workspaceId: invitation.workspaceId,
        agentId,
        tokenHash: hashToken(sessionToken),
        expiresAt,
      })
      .returning({ id: authSessions.id });
    if (!session) throw new Error('session insert returned nothing');
    const [custom] = invitation.customRoleId
      ? await tx
          .select({ permissions: customRoles.permissions })
          .from(customRoles)
          .where(eq(customRoles.id, invitation.customRoleId))
      : [];
    const actor: AgentActor = {
      kind: 'agent',
      workspaceId: invitation.workspaceId,
      agentId,
      role: invitation.role,
      sessionId: session.id,
      ...(custom ? { customPermissions: custom.permissions } : {}),
    };
    await audit(tx, actor, 'invitation.accepted', { type: 'invitation', id: invitation.id }, null, {
      email: invitation.email,
      role: invitation.role,
    });
    return { token: sessionToken, expiresAt, actor };
  });
}
