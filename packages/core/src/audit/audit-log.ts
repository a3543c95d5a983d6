// The audit log of admin actions: who, what, when, before and after. Written
// in the same transaction as the change it records.
import { z } from 'zod';
import { agents, and, auditLog, desc, eq, gte, lt, lte, sql, type Database } from '@parley/db';
import type { AgentRecord } from '../conversations/records.js';
import { actorRef } from '../conversations/lifecycle.js';
import { requireWorkspaceActor, type Actor, type WorkspaceActor } from '../shared/actor.js';
import { forbidden } from '../shared/errors.js';
import type { CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';

export interface AuditEntryRecord {
  id: bigint;
  actor: AgentRecord | null;
  actorType: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
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

const Input = z.object({
  filter: z
    .object({
      action: z.string().trim().max(100).nullish(),
      actorId: z.uuid('is not a valid id').nullish(),
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
