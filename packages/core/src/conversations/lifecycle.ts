// Shared steps of every lifecycle operation: lock the conversation, apply a
// transition checked by the state machine, record the events, and optionally
// leave an internal activity note in the transcript.
import { agents, and, conversations, eq, memberships, sql, type Database } from '@parley/db';
import { appendEvents } from '../events/append-events.js';
import type { EventPayload, EventType } from '../events/event-types.js';
import type { Actor, WorkspaceActor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { appendMessage } from './append-message.js';
import { loadConversation } from './load-conversation.js';
import type { AgentRecord, ConversationRecord, ConversationStatus } from './records.js';
import { isVisible, SEES_ALL, type Visibility } from '../team/visibility.js';
import { nextStatus, type LifecycleAction } from './state-machine.js';

export interface LockedConversation {
  id: string;
  workspaceId: string;
  visitorId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  pinned: boolean;
  channel: string;
  groupId: string | null;
}

/** The columns a locked conversation carries (every `for update` read selects these). */
export const lockedColumns = {
  id: conversations.id,
  workspaceId: conversations.workspaceId,
  visitorId: conversations.visitorId,
  status: conversations.status,
  assigneeId: conversations.assigneeId,
  pinned: conversations.pinned,
  channel: conversations.channel,
  groupId: conversations.groupId,
};

/** Reads a workspace's conversation with a row lock held until commit. */
export async function lockConversation(
  tx: Database,
  workspaceId: string,
  id: string,
  visibility: Visibility = SEES_ALL,
): Promise<LockedConversation> {
  const [row] = await tx
    .select(lockedColumns)
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
    .for('update');
  // One the caller may not see looks exactly like one that does not exist.
  if (!row || !isVisible(visibility, row)) throw notFound('Conversation');
  return row;
}

/** An agent of this workspace, or NOT_FOUND. */
export async function loadMember(
  tx: Database,
  workspaceId: string,
  agentId: string,
): Promise<AgentRecord> {
  const [agent] = await tx
    .select({ id: agents.id, name: agents.name, email: agents.email })
    .from(agents)
    .innerJoin(
      memberships,
      and(eq(memberships.agentId, agents.id), eq(memberships.workspaceId, workspaceId)),
    )
    .where(eq(agents.id, agentId));
  if (!agent) throw notFound('Agent');
  return agent;
}

export function actorRef(actor: Actor): {
  actorType: 'agent' | 'apiToken' | 'visitor';
  actorId: string;
} {
  switch (actor.kind) {
    case 'agent':
      return { actorType: 'agent', actorId: actor.agentId };
    case 'apiToken':
      return { actorType: 'apiToken', actorId: actor.tokenId };
    case 'visitor':
      return { actorType: 'visitor', actorId: actor.visitorId };
  }
}

export interface Transition {
  action?: LifecycleAction;
  assigneeId?: string | null;
  pinned?: boolean;
  event: EventType;
  /** Extra payload beside the conversation snapshot. */
  payload?: Omit<EventPayload, 'conversation'>;
  /** Whether the visitor's stream carries the event. */
  visibleToVisitor: boolean;
  /** Internal note left in the transcript (agents only). */
  note?: { body: string; agentId?: string };
}

/** Applies a transition to a locked conversation and records it. */
export async function applyTransition(
  tx: Database,
  locked: LockedConversation,
  actor: Actor | null,
  transition: Transition,
): Promise<ConversationRecord> {
  const status = transition.action ? nextStatus(locked.status, transition.action) : locked.status;
  await tx
    .update(conversations)
    .set({
      status,
      ...(transition.assigneeId !== undefined ? { assigneeId: transition.assigneeId } : {}),
      ...(transition.pinned !== undefined ? { pinned: transition.pinned } : {}),
      ...(status === 'RESOLVED' && locked.status !== 'RESOLVED' ? { resolvedAt: sql`now()` } : {}),
      ...(status !== 'RESOLVED' && locked.status === 'RESOLVED' ? { resolvedAt: null } : {}),
    })
    .where(eq(conversations.id, locked.id));
  if (transition.note) {
    await appendMessage(tx, {
      workspaceId: locked.workspaceId,
      conversationId: locked.id,
      sender: transition.note.agentId
        ? { type: 'AGENT', agentId: transition.note.agentId }
        : { type: 'SYSTEM' },
      body: transition.note.body,
      internal: true,
    });
  }
  const conversation = await loadConversation(tx, locked.workspaceId, locked.id);
  if (!conversation) throw new Error('conversation vanished inside its transaction');
  await appendEvents(tx, [
    {
      workspaceId: locked.workspaceId,
      type: transition.event,
      conversationId: locked.id,
      visitorId: transition.visibleToVisitor ? locked.visitorId : null,
      ...(actor ? actorRef(actor) : { actorType: 'system' as const }),
      payload: {
        ...transition.payload,
        ...(status !== locked.status ? { previousStatus: locked.status } : {}),
        conversation,
      },
    },
  ]);
  return conversation;
}

/** The agent acting, as a record, for assignment payloads. */
export async function actingAgent(
  tx: Database,
  actor: WorkspaceActor,
): Promise<AgentRecord | null> {
  return actor.kind === 'agent' ? loadMember(tx, actor.workspaceId, actor.agentId) : null;
}
