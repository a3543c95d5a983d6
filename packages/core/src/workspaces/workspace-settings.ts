import { z } from 'zod';
import { eq, workspaces } from '@parley/db';
import { audit } from '../audit/audit-log.js';
import { appendEvents } from '../events/append-events.js';
import { actorRef } from '../conversations/lifecycle.js';
import { requireWorkspaceActor, type Actor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { requirePermission } from '../shared/permissions.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';

export interface WorkspaceSettingsRecord {
  prioritizeBotReception: boolean;
  defaultReceptionLimit: number;
}

const columns = {
  prioritizeBotReception: workspaces.prioritizeBotReception,
  defaultReceptionLimit: workspaces.defaultReceptionLimit,
};

export async function getWorkspaceSettings(
  deps: CoreDeps,
  workspaceId: string,
): Promise<WorkspaceSettingsRecord> {
  const [settings] = await deps.db
    .select(columns)
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!settings) throw notFound('Workspace');
  return settings;
}

const Input = z
  .object({
    prioritizeBotReception: z.boolean().nullish(),
    defaultReceptionLimit: z
      .number()
      .int()
      .min(0, 'must be at least 0')
      .max(1_000, 'must be at most 1000')
      .nullish(),
  })
  .strict();

export async function updateWorkspaceSettings(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<WorkspaceSettingsRecord> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'settings.manage');
  const changes = validate(Input, input);
  if (changes.prioritizeBotReception == null && changes.defaultReceptionLimit == null) {
    return getWorkspaceSettings(deps, viewer.workspaceId);
  }
  const before = await getWorkspaceSettings(deps, viewer.workspaceId);
  return inTransaction(deps, async (tx) => {
    const [settings] = await tx
      .update(workspaces)
      .set({
        ...(changes.prioritizeBotReception != null
          ? { prioritizeBotReception: changes.prioritizeBotReception }
          : {}),
        ...(changes.defaultReceptionLimit != null
          ? { defaultReceptionLimit: changes.defaultReceptionLimit }
          : {}),
      })
      .where(eq(workspaces.id, viewer.workspaceId))
      .returning(columns);
    if (!settings) throw notFound('Workspace');
    await audit(
      tx,
      viewer,
      'settings.changed',
      { type: 'workspace', id: viewer.workspaceId },
      before,
      settings,
    );
    await appendEvents(tx, [
      {
        workspaceId: viewer.workspaceId,
        type: 'WORKSPACE_SETTINGS_CHANGED',
        ...actorRef(viewer),
        payload: { settings },
      },
    ]);
    return settings;
  });
}
