// Agent presence. The agent chooses ONLINE / AWAY / OFFLINE; when their last
// connection closes they drop to OFFLINE, and their choice comes back when
// they connect again. Connections are rows owned by a server instance that
// heartbeats, so a crashed process's agents are swept offline by the others.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  agentConnections,
  agents,
  and,
  eq,
  inArray,
  lt,
  memberships,
  serverInstances,
  sql,
  type Database,
} from '@parley/db';
import type { AgentRecord } from '../conversations/records.js';
import { appendEvents } from '../events/append-events.js';
import { drainQueue } from '../routing/drain-queue.js';
import { requireAgent, type Actor, type AgentActor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';

export type AgentStatus = 'ONLINE' | 'AWAY' | 'OFFLINE';

const HEARTBEAT_MS = 15_000;
const STALE_AFTER_S = 45;

const StatusInput = z.object({ status: z.enum(['ONLINE', 'AWAY', 'OFFLINE']) });

/** The calling agent sets their presence (and it is remembered as their choice). */
export async function setAgentStatus(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<AgentRecord> {
  const agent = requireAgent(actor);
  const { status } = validate(StatusInput, input);
  const record = await inTransaction(deps, (tx) =>
    changeStatus(tx, agent.workspaceId, agent.agentId, status, status),
  );
  if (status === 'ONLINE') await drainQueue(deps, agent.workspaceId);
  return record;
}

async function changeStatus(
  tx: Database,
  workspaceId: string,
  agentId: string,
  status: AgentStatus,
  chosen?: AgentStatus,
): Promise<AgentRecord> {
  const [before] = await tx
    .select({ status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.agentId, agentId)))
    .for('update');
  if (!before) throw notFound('Agent');
  await tx
    .update(memberships)
    .set({ status, ...(chosen ? { chosenStatus: chosen } : {}) })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.agentId, agentId)));
  const [agent] = await tx
    .select({ id: agents.id, name: agents.name, email: agents.email })
    .from(agents)
    .where(eq(agents.id, agentId));
  if (!agent) throw notFound('Agent');
  if (before.status !== status) {
    await appendEvents(tx, [
      {
        workspaceId,
        type: 'AGENT_STATUS_CHANGED',
        actorType: 'agent',
        actorId: agentId,
        // The status as of this event: readers must not see today's presence instead.
        payload: { agent: { ...agent, status } },
      },
    ]);
  }
  return agent;
}

/** Tracks this server process's agent connections. */
export class PresenceTracker {
  readonly instanceId = randomUUID();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: CoreDeps,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    await this.deps.db.insert(serverInstances).values({ id: this.instanceId });
    await this.sweep();
    this.heartbeat = setInterval(() => {
      this.beat().catch(this.onError);
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Ends this instance's connections (graceful shutdown). */
  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.dropInstances([this.instanceId]);
  }

  /** An agent's socket opened; restores their chosen status if they were offline. */
  async connected(agent: AgentActor): Promise<string> {
    const id = randomUUID();
    const wentOnline = await inTransaction(this.deps, async (tx) => {
      await tx.insert(agentConnections).values({
        id,
        workspaceId: agent.workspaceId,
        agentId: agent.agentId,
        instanceId: this.instanceId,
      });
      const [member] = await tx
        .select({ status: memberships.status, chosen: memberships.chosenStatus })
        .from(memberships)
        .where(
          and(
            eq(memberships.workspaceId, agent.workspaceId),
            eq(memberships.agentId, agent.agentId),
          ),
        );
      if (member?.status === 'OFFLINE' && member.chosen !== 'OFFLINE') {
        await changeStatus(tx, agent.workspaceId, agent.agentId, member.chosen);
        return member.chosen === 'ONLINE';
      }
      return false;
    });
    if (wentOnline) await drainQueue(this.deps, agent.workspaceId);
    return id;
  }

  /** A socket closed; the agent goes OFFLINE when it was their last one. */
  async disconnected(connectionId: string): Promise<void> {
    await inTransaction(this.deps, async (tx) => {
      const gone = await tx
        .delete(agentConnections)
        .where(eq(agentConnections.id, connectionId))
        .returning({
          workspaceId: agentConnections.workspaceId,
          agentId: agentConnections.agentId,
        });
      await this.offlineIfUnconnected(tx, gone);
    });
  }

  private async beat(): Promise<void> {
    await this.deps.db
      .update(serverInstances)
      .set({ heartbeatAt: sql`now()` })
      .where(eq(serverInstances.id, this.instanceId));
    await this.sweep();
  }

  /** Instances that stopped heartbeating crashed: their agents' connections are gone. */
  private async sweep(): Promise<void> {
    const stale = await this.deps.db
      .select({ id: serverInstances.id })
      .from(serverInstances)
      .where(lt(serverInstances.heartbeatAt, sql`now() - make_interval(secs => ${STALE_AFTER_S})`));
    if (stale.length > 0) await this.dropInstances(stale.map((s) => s.id));
  }

  private async dropInstances(ids: string[]): Promise<void> {
    await inTransaction(this.deps, async (tx) => {
      const gone = await tx
        .delete(agentConnections)
        .where(inArray(agentConnections.instanceId, ids))
        .returning({
          workspaceId: agentConnections.workspaceId,
          agentId: agentConnections.agentId,
        });
      await tx.delete(serverInstances).where(inArray(serverInstances.id, ids));
      await this.offlineIfUnconnected(tx, gone);
    });
  }

  private async offlineIfUnconnected(
    tx: Database,
    gone: { workspaceId: string; agentId: string }[],
  ): Promise<void> {
    const seen = new Set<string>();
    for (const { workspaceId, agentId } of gone) {
      const key = `${workspaceId}:${agentId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const [left] = await tx
        .select({ id: agentConnections.id })
        .from(agentConnections)
        .where(
          and(eq(agentConnections.workspaceId, workspaceId), eq(agentConnections.agentId, agentId)),
        )
        .limit(1);
      if (!left) await changeStatus(tx, workspaceId, agentId, 'OFFLINE');
    }
  }
}
