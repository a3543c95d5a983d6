import { z } from 'zod';
import { agents, and, asc, conversations, count, eq, inArray, memberships } from '@parley/db';
import { drainQueue } from '../routing/drain-queue.js';
import { requireWorkspaceActor, type Actor, type Role } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { requirePermission } from '../shared/permissions.js';
import type { CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import type { AgentStatus } from './agent-presence.js';

export interface TeamMemberRecord {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: AgentStatus;
  receptionLimit: number;
  activeConversationCount: number;
}

/** Members of the actor's workspace (optionally only some), with presence and load. */
export async function listAgents(
  deps: CoreDeps,
  actor: Actor | null,
  ids?: readonly string[],
): Promise<TeamMemberRecord[]> {
  const viewer = requireWorkspaceActor(actor);
  const rows = await deps.db
    .select({
      id: agents.id,
      name: agents.name,
      email: agents.email,
      role: memberships.role,
      status: memberships.status,
      receptionLimit: memberships.receptionLimit,
      activeConversationCount: count(conversations.id),
    })
    .from(memberships)
    .innerJoin(agents, eq(agents.id, memberships.agentId))
    .leftJoin(
      conversations,
      and(
        eq(conversations.workspaceId, memberships.workspaceId),
        eq(conversations.assigneeId, memberships.agentId),
        eq(conversations.status, 'ASSIGNED'),
      ),
    )
    .where(
      and(
        eq(memberships.workspaceId, viewer.workspaceId),
        ids ? inArray(agents.id, [...ids]) : undefined,
      ),
    )
    .groupBy(
      agents.id,
      agents.name,
      agents.email,
      memberships.role,
      memberships.status,
      memberships.receptionLimit,
    )
    .orderBy(asc(agents.name));
  return rows.map((r) => ({ ...r, activeConversationCount: Number(r.activeConversationCount) }));
}

const LimitInput = z.object({
  agentId: Id,
  limit: z.number().int().min(0, 'must be at least 0').max(1_000, 'must be at most 1000'),
});

export async function setReceptionLimit(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<TeamMemberRecord> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'team.manage');
  const { agentId, limit } = validate(LimitInput, input);
  const updated = await deps.db
    .update(memberships)
    .set({ receptionLimit: limit })
    .where(and(eq(memberships.workspaceId, viewer.workspaceId), eq(memberships.agentId, agentId)))
    .returning({ id: memberships.agentId });
  if (updated.length === 0) throw notFound('Agent');
  // A raised limit may let waiting conversations through.
  await drainQueue(deps, viewer.workspaceId);
  const [member] = await listAgents(deps, viewer, [agentId]);
  if (!member) throw notFound('Agent');
  return member;
}
