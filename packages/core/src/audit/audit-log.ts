// The audit log of admin actions: who, what, when, before and after. Written
// in the same transaction as the change it records.
import { z } from 'zod';
import {
  agentGroups,
  agents,
  and,
  apiTokens,
  auditLog,
  channels,
  customRoles,
  desc,
  eq,
  gte,
  invitations,
  lt,
  lte,
  sql,
  webhooks,
  workspaces,
  type Database,
  type SQL,
} from '@parley/db';
import type { AgentRecord } from '../conversations/records.js';
import { actorRef } from '../conversations/lifecycle.js';
import { requireWorkspaceActor, type Actor, type WorkspaceActor } from '../shared/actor.js';
import { forbidden } from '../shared/errors.js';
import type { CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';

export interface AuditEntryRecord {
  id: bigint;
  actor: AgentRecord | null;
  actorType: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /**
   * The target as people know it (a member's name, a group's or role's name,
   * a webhook's URL, an invitation's email), read now; null once the target
   * is gone (its name is then in `before`).
   */
  targetName: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

export async function audit(
  tx: Database,
  actor: WorkspaceActor,
  action: string,
  target: { type: string; id: string } | null,
  before: unknown,
  after: unknown,
): Promise<void> {
  const { actorType, actorId } = actorRef(actor);
  await tx.insert(auditLog).values({
    workspaceId: actor.workspaceId,
    actorType,
    actorId,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    before: before ?? null,
    after: after ?? null,
  });
}

/** Target types and the column that names each, scoped to the workspace where rows carry one. */
function targetNameSql(): SQL<string | null> {
  const target = auditLog.targetId;
  const named = (column: SQL, from: SQL, id: SQL, workspace: SQL | null) =>
    sql`(select ${column} from ${from} where ${id}::text = ${target}${
      workspace ? sql` and ${workspace} = ${auditLog.workspaceId}` : sql``
    } limit 1)`;
  return sql<string | null>`case ${auditLog.targetType}
    when 'agent' then ${named(sql`${agents.name}`, sql`${agents}`, sql`${agents.id}`, null)}
    when 'agent_group' then ${named(sql`${agentGroups.name}`, sql`${agentGroups}`, sql`${agentGroups.id}`, sql`${agentGroups.workspaceId}`)}
    when 'custom_role' then ${named(sql`${customRoles.name}`, sql`${customRoles}`, sql`${customRoles.id}`, sql`${customRoles.workspaceId}`)}
    when 'api_token' then ${named(sql`${apiTokens.name}`, sql`${apiTokens}`, sql`${apiTokens.id}`, sql`${apiTokens.workspaceId}`)}
    when 'webhook' then ${named(sql`${webhooks.url}`, sql`${webhooks}`, sql`${webhooks.id}`, sql`${webhooks.workspaceId}`)}
    when 'invitation' then ${named(sql`${invitations.email}`, sql`${invitations}`, sql`${invitations.id}`, sql`${invitations.workspaceId}`)}
    when 'channel' then ${named(sql`${channels.name}`, sql`${channels}`, sql`${channels.id}`, sql`${channels.workspaceId}`)}
    when 'workspace' then ${named(sql`${workspaces.name}`, sql`${workspaces}`, sql`${workspaces.id}`, null)}
  end`;
}

const Input = z.object({
  filter: z
    .object({
      action: z.string().trim().max(100).nullish(),
      actorId: Id.nullish(),
      from: z.date().nullish(),
      to: z.date().nullish(),
    })
    .nullish(),
  first: z.number().int().min(1).max(200).default(50),
  after: z
    .string()
    .regex(/^[0-9]{1,19}$/, 'is not a cursor')
    .nullish(),
});

/** Owners read the audit log, newest first. */
export async function listAuditLog(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<AuditEntryRecord[]> {
  const viewer = requireWorkspaceActor(actor);
  if (viewer.kind !== 'agent' || viewer.role !== 'OWNER')
    throw forbidden('Only owners can read the audit log.');
  const { filter, first, after } = validate(Input, input);
  const rows = await deps.db
    .select({
      id: auditLog.id,
      actorType: auditLog.actorType,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      targetName: targetNameSql(),
      before: auditLog.before,
      after: auditLog.after,
      createdAt: auditLog.createdAt,
      agentId: agents.id,
      agentName: agents.name,
      agentEmail: agents.email,
    })
    .from(auditLog)
    .leftJoin(
      agents,
      and(eq(auditLog.actorType, 'agent'), eq(sql`${agents.id}::text`, auditLog.actorId)),
    )
    .where(
      and(
        eq(auditLog.workspaceId, viewer.workspaceId),
        filter?.action
          ? sql`${auditLog.action} ilike ${`%${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`
          : undefined,
        filter?.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
        filter?.from ? gte(auditLog.createdAt, filter.from) : undefined,
        filter?.to ? lte(auditLog.createdAt, filter.to) : undefined,
        after ? lt(auditLog.id, BigInt(after)) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(first);
  return rows.map(({ agentId, agentName, agentEmail, ...row }) => ({
    ...row,
    actor:
      agentId && agentName && agentEmail
        ? { id: agentId, name: agentName, email: agentEmail }
        : null,
  }));
}
