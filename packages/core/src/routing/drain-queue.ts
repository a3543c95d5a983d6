// Auto-assignment: gives waiting (UNASSIGNED) conversations, oldest first, to
// online agents under their reception limit (policy in assignment-policy.ts).
// Runs after anything that adds to the queue or frees capacity: a new
// conversation, a hand-off, a return to the queue, an agent coming online, a
// resolved or reassigned conversation, a raised limit.
import {
  agentGroupMembers,
  agents,
  and,
  asc,
  conversations,
  count,
  eq,
  inArray,
  memberships,
  sql,
  type Database,
} from '@parley/db';
import {
  applyTransition,
  lockedColumns,
  type LockedConversation,
} from '../conversations/lifecycle.js';
import type { AgentRecord } from '../conversations/records.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { chooseAgent, type Candidate } from './assignment-policy.js';

const BATCH = 25;

interface Drain {
  /** Someone asked for a drain after the running round started. */
  again: boolean;
  done: Promise<number>;
}

// Drains running in this process, per workspace. A burst of new conversations
// shares one drain instead of queueing on the advisory lock one by one.
const running = new WeakMap<CoreDeps, Map<string, Drain>>();

/**
 * Assigns as many waiting conversations as capacity allows. Returns how many.
 * A call made while a drain of the workspace runs joins it: one more round
 * starts after the current one, so the caller's committed change is seen.
 */
export function drainQueue(deps: CoreDeps, workspaceId: string): Promise<number> {
  let drains = running.get(deps);
  if (!drains) running.set(deps, (drains = new Map()));
  const active = drains.get(workspaceId);
  if (active) {
    active.again = true;
    return active.done;
  }
  const drain: Drain = { again: true, done: Promise.resolve(0) };
  const table = drains;
  drain.done = (async () => {
    let total = 0;
    try {
      while (drain.again) {
        drain.again = false;
        total += await drainRound(deps, workspaceId);
      }
    } finally {
      table.delete(workspaceId);
    }
    return total;
  })();
  drains.set(workspaceId, drain);
  return drain.done;
}

async function drainRound(deps: CoreDeps, workspaceId: string): Promise<number> {
  let total = 0;
  for (;;) {
    const assigned = await inTransaction(deps, (tx) => assignBatch(tx, workspaceId));
    total += assigned;
    if (assigned < BATCH) return total;
  }
}

async function assignBatch(tx: Database, workspaceId: string): Promise<number> {
  // One drain at a time per workspace, so two servers never overfill an agent.
  await tx.execute(sql`select pg_advisory_xact_lock(727003, hashtext(${workspaceId}))`);
  const candidates = await loadCandidates(tx, workspaceId);
  if (!candidates.some((c) => c.status === 'ONLINE' && c.load < c.limit)) return 0;
  const waiting: LockedConversation[] = await tx
    .select(lockedColumns)
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.status, 'UNASSIGNED')))
    .orderBy(asc(conversations.createdAt), asc(conversations.id))
    .limit(BATCH)
    .for('update', { skipLocked: true });
  // A conversation routed to a group goes only to that group's members.
  const groupRows = waiting.some((c) => c.groupId)
    ? await tx
        .select({ groupId: agentGroupMembers.groupId, agentId: agentGroupMembers.agentId })
        .from(agentGroupMembers)
        .where(eq(agentGroupMembers.workspaceId, workspaceId))
    : [];
  const inGroup = (groupId: string | null, agentId: string) =>
    groupId === null || groupRows.some((row) => row.groupId === groupId && row.agentId === agentId);
  let assigned = 0;
  // Names for the assignment events, one query for every candidate.
  const names = await agentsById(
    tx,
    candidates.map((c) => c.agentId),
  );
  for (const conversation of waiting) {
    const agentId = chooseAgent(candidates.filter((c) => inGroup(conversation.groupId, c.agentId)));
    if (!agentId) continue; // nobody free in its group: it waits, others may still go
    const chosen = candidates.find((c) => c.agentId === agentId);
    if (!chosen) continue;
    const to = names.get(agentId);
    if (!to) continue;
    await applyTransition(tx, conversation, null, {
      action: { type: 'ASSIGN' },
      assigneeId: agentId,
      event: 'CONVERSATION_ASSIGNED',
      visibleToVisitor: true,
      payload: { assignment: { to, from: null, by: null, note: null } },
    });
    const now = new Date();
    await tx
      .update(memberships)
      .set({ lastAssignedAt: now })
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.agentId, agentId)));
    chosen.load += 1;
    chosen.lastAssignedAt = now;
    assigned += 1;
  }
  return assigned;
}

async function agentsById(tx: Database, ids: string[]): Promise<Map<string, AgentRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: agents.id, name: agents.name, email: agents.email })
    .from(agents)
    .where(inArray(agents.id, ids));
  return new Map(rows.map((row) => [row.id, row]));
}

async function loadCandidates(tx: Database, workspaceId: string): Promise<Candidate[]> {
  const rows = await tx
    .select({
      agentId: memberships.agentId,
      status: memberships.status,
      limit: memberships.receptionLimit,
      lastAssignedAt: memberships.lastAssignedAt,
      load: count(conversations.id),
    })
    .from(memberships)
    .leftJoin(
      conversations,
      and(
        eq(conversations.workspaceId, memberships.workspaceId),
        eq(conversations.assigneeId, memberships.agentId),
        eq(conversations.status, 'ASSIGNED'),
      ),
    )
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.status, 'ONLINE')))
    .groupBy(
      memberships.agentId,
      memberships.status,
      memberships.receptionLimit,
      memberships.lastAssignedAt,
    );
  return rows.map((r) => ({ ...r, load: Number(r.load) }));
}
