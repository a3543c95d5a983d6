// Agent groups ("Sales", "Support"): conversations routed to a group go only
// to its members, and members without conversation.view_all see their groups'.
import { z } from 'zod';
import {
  agentGroupMembers,
  agentGroups,
  and,
  asc,
  conversations,
  eq,
  inArray,
  memberships,
  sql,
} from '@parley/db';
import { audit } from '../audit/audit-log.js';
import { applyTransition, lockConversation } from '../conversations/lifecycle.js';
import type { ConversationRecord } from '../conversations/records.js';
import { appendEvents } from '../events/append-events.js';
import { drainQueue } from '../routing/drain-queue.js';
import { requireScope, requireWorkspaceActor, type Actor } from '../shared/actor.js';
import { DomainError, notFound } from '../shared/errors.js';
import { requirePermission } from '../shared/permissions.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import { memberEvents } from './team-members.js';
import { visibilityOf } from './visibility.js';

export interface AgentGroupRecord {
  id: string;
  name: string;
  memberIds: string[];
}

/** The actor's workspace's groups; only those with `ids` when given (batched lookups). */
export async function listAgentGroups(
  deps: CoreDeps,
  actor: Actor | null,
  ids?: readonly string[],
): Promise<AgentGroupRecord[]> {
  const viewer = requireWorkspaceActor(actor);
  const groups = await deps.db
    .select({ id: agentGroups.id, name: agentGroups.name })
    .from(agentGroups)
    .where(
      and(
        eq(agentGroups.workspaceId, viewer.workspaceId),
        ids ? inArray(agentGroups.id, [...ids]) : undefined,
      ),
    )
    .orderBy(asc(agentGroups.name));
  const members = groups.length
    ? await deps.db
        .select({ groupId: agentGroupMembers.groupId, agentId: agentGroupMembers.agentId })
        .from(agentGroupMembers)
        .where(
          inArray(
            agentGroupMembers.groupId,
            groups.map((g) => g.id),
          ),
        )
    : [];
  return groups.map((g) => ({
    ...g,
    memberIds: members.filter((m) => m.groupId === g.id).map((m) => m.agentId),
  }));
}

const NameInput = z.object({ name: z.string().trim().min(1, 'is required').max(60) });

export async function createAgentGroup(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<AgentGroupRecord> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'team.manage');
  const { name } = validate(NameInput, input);
  return inTransaction(deps, async (tx) => {
    const [clash] = await tx
      .select({ id: agentGroups.id })
      .from(agentGroups)
      .where(
        and(
          eq(agentGroups.workspaceId, viewer.workspaceId),
          eq(sql`lower(${agentGroups.name})`, name.toLowerCase()),
        ),
      );
    if (clash)
      throw new DomainError('CONFLICT', `A group named "${name}" already exists.`, {
        field: 'name',
      });
    const [group] = await tx
      .insert(agentGroups)
      .values({ workspaceId: viewer.workspaceId, name })
      .returning({ id: agentGroups.id, name: agentGroups.name });
    if (!group) throw new Error('group insert returned nothing');
    await audit(tx, viewer, 'group.created', { type: 'agent_group', id: group.id }, null, { name });
    return { ...group, memberIds: [] };
  });
}

const MembersInput = z.object({
  groupId: Id,
  agentIds: z.array(Id).max(500),
});

/** Sets who is in a group; members whose groups changed reconnect with their new view. */
export async function setGroupMembers(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<AgentGroupRecord> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'team.manage');
  const { groupId, agentIds } = validate(MembersInput, input);
  const wanted = [...new Set(agentIds)];
  await inTransaction(deps, async (tx) => {
    const [group] = await tx
      .select({ id: agentGroups.id })
      .from(agentGroups)
      .where(and(eq(agentGroups.workspaceId, viewer.workspaceId), eq(agentGroups.id, groupId)));
    if (!group) throw notFound('Agent group');
    if (wanted.length) {
      const found = await tx
        .select({ agentId: memberships.agentId })
        .from(memberships)
        .where(
          and(
            eq(memberships.workspaceId, viewer.workspaceId),
            inArray(memberships.agentId, wanted),
          ),
        );
      if (found.length !== wanted.length) throw notFound('Agent');
    }
    const before = await tx
      .select({ agentId: agentGroupMembers.agentId })
      .from(agentGroupMembers)
      .where(eq(agentGroupMembers.groupId, groupId));
    await tx.delete(agentGroupMembers).where(eq(agentGroupMembers.groupId, groupId));
    if (wanted.length) {
      await tx
        .insert(agentGroupMembers)
        .values(wanted.map((agentId) => ({ groupId, agentId, workspaceId: viewer.workspaceId })));
    }
    const beforeIds = before.map((b) => b.agentId);
    const changed = [
      ...beforeIds.filter((id) => !wanted.includes(id)),
      ...wanted.filter((id) => !beforeIds.includes(id)),
    ];
    await audit(
      tx,
      viewer,
      'group.members_changed',
      { type: 'agent_group', id: groupId },
      beforeIds,
      wanted,
    );
    const roles = changed.length
      ? await tx
          .select({
            agentId: memberships.agentId,
            role: memberships.role,
            active: memberships.active,
          })
          .from(memberships)
          .where(
            and(
              eq(memberships.workspaceId, viewer.workspaceId),
              inArray(memberships.agentId, changed),
            ),
          )
      : [];
    await appendEvents(tx, memberEvents(viewer, roles));
  });
  await drainQueue(deps, viewer.workspaceId);
  const [group] = (await listAgentGroups(deps, viewer)).filter((g) => g.id === groupId);
  if (!group) throw notFound('Agent group');
  return group;
}

export async function deleteAgentGroup(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<boolean> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'team.manage');
  const { id } = validate(z.object({ id: Id }), input);
  await inTransaction(deps, async (tx) => {
    const [gone] = await tx
      .delete(agentGroups)
      .where(and(eq(agentGroups.workspaceId, viewer.workspaceId), eq(agentGroups.id, id)))
      .returning({ name: agentGroups.name });
    if (!gone) throw notFound('Agent group');
    await audit(tx, viewer, 'group.deleted', { type: 'agent_group', id }, gone, null);
  });
  await drainQueue(deps, viewer.workspaceId);
  return true;
}

const RouteInput = z.object({
  conversationId: Id,
  groupId: Id.nullish(),
});

/** Routes a conversation to a group (or none); a waiting one then goes to that group's agents. */
export async function routeConversation(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ConversationRecord> {
  const viewer = requireWorkspaceActor(actor);
  requireScope(viewer, 'write');
  requirePermission(viewer, 'conversation.reassign');
  const { conversationId, groupId } = validate(RouteInput, input);
  const visibility = await visibilityOf(deps, viewer);
  const result = await inTransaction(deps, async (tx) => {
    const locked = await lockConversation(tx, viewer.workspaceId, conversationId, visibility);
    if (groupId) {
      const [group] = await tx
        .select({ id: agentGroups.id, name: agentGroups.name })
        .from(agentGroups)
        .where(and(eq(agentGroups.workspaceId, viewer.workspaceId), eq(agentGroups.id, groupId)));
      if (!group) throw notFound('Agent group');
    }
    await tx
      .update(conversations)
      .set({ groupId: groupId ?? null })
      .where(eq(conversations.id, locked.id));
    return applyTransition(tx, locked, viewer, {
      event: 'CONVERSATION_ROUTED',
      visibleToVisitor: false,
    });
  });
  await drainQueue(deps, viewer.workspaceId);
  return result;
}
