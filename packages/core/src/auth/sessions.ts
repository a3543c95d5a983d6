// Agent sessions: created at sign-in (and by setup, sign-up, invitations and
// password resets), listed for their owner, ended one by one or all but the
// current one. Ending a session appends SESSION_REVOKED, which closes its
// sockets on every server process.
import { z } from 'zod';
import {
  and,
  asc,
  authSessions,
  customRoles,
  desc,
  eq,
  gt,
  isNull,
  memberships,
  ne,
  sql,
  type Database,
} from '@parley/db';
import { appendEvents } from '../events/append-events.js';
import { requireAgent, type Actor, type AgentActor, type Role } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import type { RequestInfo } from '../visitors/visitor-profile.js';
import { hashToken, newToken, SESSION_TOKEN_PREFIX } from './tokens.js';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface SessionResult {
  token: string;
  expiresAt: Date;
  actor: AgentActor;
}

export interface SessionRecord {
  id: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
  /** The session making this request. */
  current: boolean;
}

export interface Membership {
  workspaceId: string;
  agentId: string;
  role: Role;
  customPermissions: string[] | null;
}

/** The agent's first active membership: the workspace a sign-in opens. */
export async function firstActiveMembership(
  db: Database,
  agentId: string,
): Promise<Membership | null> {
  const [membership] = await db
    .select({
      workspaceId: memberships.workspaceId,
      agentId: memberships.agentId,
      role: memberships.role,
      customPermissions: customRoles.permissions,
    })
    .from(memberships)
    .leftJoin(customRoles, eq(customRoles.id, memberships.customRoleId))
    .where(and(eq(memberships.agentId, agentId), eq(memberships.active, true)))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return membership ?? null;
}

/** Opens a session for a member; the token is returned once and stored as SHA-256. */
export async function createSession(
  db: Database,
  member: Membership,
  request: RequestInfo = {},
): Promise<SessionResult> {
  const token = newToken(SESSION_TOKEN_PREFIX);
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  const [session] = await db
    .insert(authSessions)
    .values({
      workspaceId: member.workspaceId,
      agentId: member.agentId,
      tokenHash: hashToken(token),
      expiresAt,
      lastUsedAt: sql`now()`,
      userAgent: request.userAgent?.slice(0, 512) ?? null,
      ip: request.ip?.slice(0, 64) ?? null,
    })
    .returning({ id: authSessions.id });
  if (!session) throw new Error('session insert returned nothing');
  return {
    token,
    expiresAt,
    actor: {
      kind: 'agent',
      workspaceId: member.workspaceId,
      agentId: member.agentId,
      role: member.role,
      sessionId: session.id,
      ...(member.customPermissions ? { customPermissions: member.customPermissions } : {}),
    },
  };
}

/**
 * Ends every live session of an agent (in every workspace: the password is the
 * account's), except `keepSessionId`, with one SESSION_REVOKED event each.
 * Runs inside the caller's transaction; returns how many ended.
 */
export async function revokeAgentSessions(
  tx: Database,
  agentId: string,
  by: { actorType: 'agent' | 'system'; actorId: string | null },
  keepSessionId?: string,
): Promise<number> {
  const ended = await tx
    .update(authSessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(authSessions.agentId, agentId),
        isNull(authSessions.revokedAt),
        gt(authSessions.expiresAt, sql`now()`),
        keepSessionId ? ne(authSessions.id, keepSessionId) : undefined,
      ),
    )
    .returning({ id: authSessions.id, workspaceId: authSessions.workspaceId });
  if (ended.length > 0) {
    await appendEvents(
      tx,
      ended.map((session) => ({
        workspaceId: session.workspaceId,
        type: 'SESSION_REVOKED' as const,
        actorType: by.actorType,
        actorId: by.actorId,
        payload: { session: { id: session.id, agentId } },
      })),
    );
  }
  return ended.length;
}

/** The calling agent's live sessions in this workspace: this one, then by last use. */
export async function listSessions(deps: CoreDeps, actor: Actor | null): Promise<SessionRecord[]> {
  const agent = requireAgent(actor);
  const rows = await deps.db
    .select({
      id: authSessions.id,
      createdAt: authSessions.createdAt,
      lastUsedAt: authSessions.lastUsedAt,
      expiresAt: authSessions.expiresAt,
      userAgent: authSessions.userAgent,
      ip: authSessions.ip,
    })
    .from(authSessions)
    .where(
      and(
        eq(authSessions.workspaceId, agent.workspaceId),
        eq(authSessions.agentId, agent.agentId),
        isNull(authSessions.revokedAt),
        gt(authSessions.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(sql`coalesce(${authSessions.lastUsedAt}, ${authSessions.createdAt})`));
  // The current session first, then the others by last use.
  return rows
    .map((row) => ({ ...row, current: row.id === agent.sessionId }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

const RevokeInput = z.object({ id: Id });

/**
 * Ends one of the calling agent's sessions in this workspace. Anyone else's
 * session, or one in another workspace, is NOT_FOUND like a missing one.
 */
export async function revokeSession(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<boolean> {
  const agent = requireAgent(actor);
  const { id } = validate(RevokeInput, input);
  return inTransaction(deps, async (tx) => {
    const [ended] = await tx
      .update(authSessions)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(authSessions.id, id),
          eq(authSessions.workspaceId, agent.workspaceId),
          eq(authSessions.agentId, agent.agentId),
          isNull(authSessions.revokedAt),
          gt(authSessions.expiresAt, sql`now()`),
        ),
      )
      .returning({ id: authSessions.id });
    if (!ended) throw notFound('Session');
    await appendEvents(tx, [
      {
        workspaceId: agent.workspaceId,
        type: 'SESSION_REVOKED',
        actorType: 'agent',
        actorId: agent.agentId,
        payload: { session: { id, agentId: agent.agentId } },
      },
    ]);
    return true;
  });
}

/** "Sign out everywhere else": ends every other session of the calling agent. */
export async function revokeOtherSessions(deps: CoreDeps, actor: Actor | null): Promise<number> {
  const agent = requireAgent(actor);
  return inTransaction(deps, (tx) =>
    revokeAgentSessions(
      tx,
      agent.agentId,
      { actorType: 'agent', actorId: agent.agentId },
      agent.sessionId,
    ),
  );
}
