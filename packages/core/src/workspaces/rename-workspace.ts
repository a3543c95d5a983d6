// Renaming the workspace: settings.manage, audited like other settings, and a
// WORKSPACE_UPDATED event so open workbenches show the new name at once.
import { z } from 'zod';
import { eq, workspaces } from '@parley/db';
import { audit } from '../audit/audit-log.js';
import { actorRef } from '../conversations/lifecycle.js';
import { appendEvents } from '../events/append-events.js';
import { requireWorkspaceActor, type Actor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { requirePermission } from '../shared/permissions.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import type { WorkspaceRecord } from './get-workspace.js';

const Input = z
  .object({
    name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  })
  .strict();

export async function renameWorkspace(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<WorkspaceRecord> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'settings.manage');
  const { name } = validate(Input, input);
  return inTransaction(deps, async (tx) => {
    const [before] = await tx
      .select({ id: workspaces.id, name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, viewer.workspaceId))
      .for('update');
    if (!before) throw notFound('Workspace');
    if (before.name === name) return before;
    const [workspace] = await tx
      .update(workspaces)
      .set({ name })
      .where(eq(workspaces.id, viewer.workspaceId))
      .returning({ id: workspaces.id, name: workspaces.name });
    if (!workspace) throw notFound('Workspace');
    await audit(
      tx,
      viewer,
      'workspace.renamed',
      { type: 'workspace', id: workspace.id },
      { name: before.name },
      { name: workspace.name },
    );
    await appendEvents(tx, [
      {
        workspaceId: viewer.workspaceId,
        type: 'WORKSPACE_UPDATED',
        ...actorRef(viewer),
        payload: { workspace },
      },
    ]);
    return workspace;
  });
}
