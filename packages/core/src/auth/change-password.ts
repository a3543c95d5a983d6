// A signed-in agent changes their password: the current one is required, and
// every other session of the account ends (their sockets close); this one stays.
import { z } from 'zod';
import { agents, eq } from '@parley/db';
import { audit } from '../audit/audit-log.js';
import { requireAgent, type Actor } from '../shared/actor.js';
import { DomainError } from '../shared/errors.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import { hashPassword, verifyPassword } from './password.js';
import { assertPasswordPolicy, MAX_PASSWORD_LENGTH } from './password-policy.js';
import { revokeAgentSessions } from './sessions.js';

const Input = z.object({
  currentPassword: z.string().min(1, 'is required').max(MAX_PASSWORD_LENGTH),
  newPassword: z.string().max(MAX_PASSWORD_LENGTH),
});

/** Returns how many other sessions were ended. */
export async function changePassword(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<number> {
  const agent = requireAgent(actor);
  const { currentPassword, newPassword } = validate(Input, input);
  await deps.limits.changePasswordPerAgent.consume(agent.agentId);
  const [row] = await deps.db
    .select({ passwordHash: agents.passwordHash })
    .from(agents)
    .where(eq(agents.id, agent.agentId));
  if (!(await verifyPassword(row?.passwordHash ?? null, currentPassword))) {
    // Not UNAUTHENTICATED: the session is fine, the workbench must not sign out.
    throw new DomainError('BAD_USER_INPUT', 'The current password is not correct.', {
      field: 'currentPassword',
    });
  }
  await assertPasswordPolicy(newPassword, 'newPassword');
  if (newPassword === currentPassword) {
    throw new DomainError('BAD_USER_INPUT', 'Choose a password different from the current one.', {
      field: 'newPassword',
    });
  }
  await deps.limits.changePasswordPerAgent.reset(agent.agentId);
  const passwordHash = await hashPassword(newPassword);
  return inTransaction(deps, async (tx) => {
    await tx.update(agents).set({ passwordHash }).where(eq(agents.id, agent.agentId));
    const ended = await revokeAgentSessions(
      tx,
      agent.agentId,
      { actorType: 'agent', actorId: agent.agentId },
      agent.sessionId,
    );
    await audit(tx, agent, 'password.changed', { type: 'agent', id: agent.agentId }, null, {
      otherSessionsEnded: ended,
    });
    return ended;
  });
}
