// Adds an agent to the actor's workspace with a role and a password. The
// invitation flow (issue: team & roles) builds on this; seeds and tests use it.
import { z } from 'zod';
import { agents, eq, memberships, sql, workspaces } from '@parley/db';
import { hashPassword } from '../auth/password.js';
import { requireWorkspaceActor, type Actor } from '../shared/actor.js';
import { DomainError } from '../shared/errors.js';
import { requirePermission } from '../shared/permissions.js';
import type { CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import type { AgentRecord } from '../conversations/records.js';

const Input = z.object({
  email: z.email('is not an email address').max(320),
  name: z.string().trim().min(1, 'is required').max(100),
  password: z.string().min(8, 'must be at least 8 characters').max(1024),
  role: z.enum(['ADMIN', 'AGENT']),
});

export async function addTeamMember(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<AgentRecord> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'team.manage');
  const { email, name, password, role } = validate(Input, input);
  const passwordHash = await hashPassword(password);
  return deps.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: agents.id })
      .from(agents)
      .where(eq(sql`lower(${agents.email})`, email.toLowerCase()));
    if (taken)
      throw new DomainError('CONFLICT', 'An agent with this email already exists.', {
        field: 'email',
      });
    const [agent] = await tx
      .insert(agents)
      .values({ email, name, passwordHash })
      .returning({ id: agents.id, name: agents.name, email: agents.email });
    const [workspace] = await tx
      .select({ limit: workspaces.defaultReceptionLimit })
      .from(workspaces)
      .where(eq(workspaces.id, viewer.workspaceId));
    if (!agent || !workspace) throw new Error('team member insert returned nothing');
    await tx.insert(memberships).values({
      workspaceId: viewer.workspaceId,
      agentId: agent.id,
      role,
      receptionLimit: workspace.limit,
    });
    return agent;
  });
}
