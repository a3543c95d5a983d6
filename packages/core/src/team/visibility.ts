// Who sees which conversations. With conversation.view_all: every one in the
// workspace. Without it: their own, their groups', and unassigned ones that
// are not routed to another group. Applied to lists, counts, reads, actions
// and event streams alike.
import {
  agentGroupMembers,
  and,
  conversations,
  eq,
  inArray,
  isNull,
  or,
  sql,
  type SQL,
} from '@parley/db';
import type { ConversationRecord } from '../conversations/records.js';
import type { Actor } from '../shared/actor.js';
import { can } from '../shared/permissions.js';
import type { PreparedCondition } from '../shared/prepared.js';
import type { CoreDeps } from '../shared/transaction.js';

export interface Visibility {
  all: boolean;
  agentId: string | null;
  groupIds: readonly string[];
}

export const SEES_ALL: Visibility = { all: true, agentId: null, groupIds: [] };

export async function visibilityOf(deps: Pick<CoreDeps, 'db'>, actor: Actor): Promise<Visibility> {
  if (actor.kind !== 'agent' || can(actor, 'conversation.view_all')) return SEES_ALL;
  const groups = await deps.db
    .select({ groupId: agentGroupMembers.groupId })
    .from(agentGroupMembers)
    .where(
      and(
        eq(agentGroupMembers.workspaceId, actor.workspaceId),
        eq(agentGroupMembers.agentId, actor.agentId),
      ),
    );
  return { all: false, agentId: actor.agentId, groupIds: groups.map((g) => g.groupId) };
}

/**
 * The rule as SQL, given how to name the agent and the groups: as values
 * (visibleCondition) or as placeholders (visiblePrepared).
 */
function visibleSql(v: Visibility, agent: string | SQL, inGroups: () => SQL): SQL | undefined {
  return or(
    v.agentId ? eq(conversations.assigneeId, agent) : undefined,
    v.groupIds.length > 0 ? inGroups() : undefined,
    and(isNull(conversations.assigneeId), isNull(conversations.groupId)),
  );
}

/** The SQL form, for single-row reads and writes (undefined: no restriction). */
export function visibleCondition(v: Visibility): SQL | undefined {
  if (v.all) return undefined;
  return visibleSql(v, v.agentId ?? '', () => inArray(conversations.groupId, [...v.groupIds]));
}

/** The same rule with placeholders `agent` and `groups`, for queries built once per shape. */
export function visiblePrepared(v: Visibility): PreparedCondition {
  if (v.all) return { condition: undefined, shape: 'all', values: {} };
  const groups = v.groupIds.length > 0;
  return {
    condition: visibleSql(
      v,
      sql`${sql.placeholder('agent')}`,
      () => sql`${conversations.groupId} = any(${sql.placeholder('groups')}::uuid[])`,
    ),
    shape: `${v.agentId ? 'a' : ''}${groups ? 'g' : ''}`,
    values: {
      ...(v.agentId ? { agent: v.agentId } : {}),
      ...(groups ? { groups: [...v.groupIds] } : {}),
    },
  };
}

/** The same rule on a record (event snapshots, locked rows). */
export function isVisible(
  v: Visibility,
  c: Pick<ConversationRecord, 'groupId'> & { assigneeId: string | null },
): boolean {
  if (v.all) return true;
  if (v.agentId && c.assigneeId === v.agentId) return true;
  if (c.groupId && v.groupIds.includes(c.groupId)) return true;
  return c.assigneeId === null && c.groupId === null;
}
