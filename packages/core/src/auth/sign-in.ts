import { z } from 'zod';
import { agents, and, asc, customRoles, eq, memberships, sql } from '@parley/db';
import type { AgentActor } from '../shared/actor.js';
import { unauthenticated } from '../shared/errors.js';
import type { CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import { verifyPassword } from './password.js';
import type { RequestInfo } from '../visitors/visitor-profile.js';
import { createSession } from './sessions.js';

export { SESSION_TTL_MS } from './sessions.js';

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
  request: RequestInfo = {},
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
  return createSession(deps.db, { ...membership, agentId: agent.id }, request);
}
