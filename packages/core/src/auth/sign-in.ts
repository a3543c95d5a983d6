import { z } from 'zod';
import { agents, and, asc, authSessions, customRoles, eq, memberships, sql } from '@parley/db';
import type { AgentActor } from '../shared/actor.js';
import { unauthenticated } from '../shared/errors.js';
import type { CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import { verifyPassword } from './password.js';
import { hashToken, newToken, SESSION_TOKEN_PREFIX } from './tokens.js';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const SignInInput = z.object({
  email: z.string().trim().min(1, 'is required').max(320),
  password: z.string().min(1, 'is required').max(1024),
});

export interface SignInResult {
  token: string;
  expiresAt: Date;
  actor: AgentActor;
}

// One message for every failure, so the answer never reveals whether the email exists.
const INVALID = 'Invalid email or password.';

export async function signIn(
  deps: CoreDeps,
  input: unknown,
  request: { ip?: string | null } = {},
): Promise<SignInResult> {
  const { email, password } = validate(SignInInput, input);
  // Per account and address: failures elsewhere never lock the owner out here.
  const address = request.ip ?? 'unknown';
  const pairKey = `${email.toLowerCase()}|${address}`;
  await deps.limits.signInPerAccountAddress.consume(pairKey);
  // Only failures count per address: an office behind one address signs in freely.
  if (request.ip) await deps.limits.signInPerAddress.check(request.ip);
  const [agent] = await deps.db
    .select({ id: agents.id, passwordHash: agents.passwordHash })
    .from(agents)
    .where(eq(sql`lower(${agents.email})`, email.toLowerCase()))
    .limit(1);
  if (!(await verifyPassword(agent?.passwordHash ?? null, password)) || !agent) {
    if (request.ip) await deps.limits.signInPerAddress.consume(request.ip).catch(() => undefined);
    throw unauthenticated(INVALID);
  }

  const [membership] = await deps.db
    .select({
      workspaceId: memberships.workspaceId,
      role: memberships.role,
      customPermissions: customRoles.permissions,
    })
    .from(memberships)
    .leftJoin(customRoles, eq(customRoles.id, memberships.customRoleId))
    .where(and(eq(memberships.agentId, agent.id), eq(memberships.active, true)))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!membership) throw unauthenticated(INVALID);

  await deps.limits.signInPerAccountAddress.reset(pairKey);
  const token = newToken(SESSION_TOKEN_PREFIX);
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  const [session] = await deps.db
    .insert(authSessions)
    .values({
      workspaceId: membership.workspaceId,
      agentId: agent.id,
      tokenHash: hashToken(token),
      expiresAt,
    })
    .returning({ id: authSessions.id });
  if (!session) throw new Error('session insert returned nothing');
  return {
    token,
    expiresAt,
    actor: {
      kind: 'agent',
      workspaceId: membership.workspaceId,
      agentId: agent.id,
      role: membership.role,
      sessionId: session.id,
      ...(membership.customPermissions ? { customPermissions: membership.customPermissions } : {}),
    },
  };
}
