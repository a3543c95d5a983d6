import { agents, eq, workspaces } from '@parley/db';
import type { AgentRecord } from '../conversations/records.js';
import { requireWorkspaceActor, type Actor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import type { CoreDeps } from '../shared/transaction.js';

export interface WorkspaceRecord {
  id: string;
  name: string;
}

export async function getWorkspace(deps: CoreDeps, actor: Actor | null): Promise<WorkspaceRecord> {
  const viewer = requireWorkspaceActor(actor);
  const [workspace] = await deps.db
    .select({ id: workspaces.id, name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, viewer.workspaceId));
  if (!workspace) throw notFound('Workspace');
  return workspace;
}

/** The signed-in agent's own profile. */
export async function getCurrentAgent(
  deps: CoreDeps,
  actor: Actor | null,
): Promise<AgentRecord | null> {
  const viewer = requireWorkspaceActor(actor);
  if (viewer.kind !== 'agent') return null;
  const [agent] = await deps.db
    .select({ id: agents.id, name: agents.name, email: agents.email })
    .from(agents)
    .where(eq(agents.id, viewer.agentId));
  return agent ?? null;
}
