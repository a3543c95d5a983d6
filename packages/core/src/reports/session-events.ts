// Session events for reporting dashboards: the conversation milestones a
// dashboard needs for waiting, first-response and resolution times, derived
// from the event log (so they share its cursor, order and resumability).
import { z } from 'zod';
import type { Channel, ConversationStatus } from '../conversations/records.js';
import type { EventFilter } from '../events/event-log.js';
import type { EventRecord, EventType } from '../events/event-types.js';
import { mapStream } from '../events/map-stream.js';
import { parseEventCursor } from '../events/workspace-events.js';
import { requireScope, requireWorkspaceActor, type Actor } from '../shared/actor.js';
import { requirePermission } from '../shared/permissions.js';
import type { CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';

export const SESSION_EVENT_TYPES = [
  'CONVERSATION_CREATED',
  'ASSIGNED',
  'TRANSFERRED',
  'RETURNED_TO_QUEUE',
  'FIRST_AGENT_REPLY',
  'RESOLVED',
  'REOPENED',
  'RATED',
] as const;
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];

export interface SessionEventRecord {
  id: bigint;
  type: SessionEventType;
  occurredAt: Date;
  conversationId: string;
  channel: Channel;
  visitorId: string;
  status: ConversationStatus;
  /** The agent concerned: assignee, the agent who replied, resolved or reopened. */
  agentId: string | null;
  /** For transfers: who had it before. */
  fromAgentId: string | null;
  conversationCreatedAt: Date;
  /** occurredAt − conversation start: waiting time (ASSIGNED), first response, resolution. */
  secondsSinceCreated: number;
}

/** The log events session events come from. */
const SOURCES: ReadonlySet<EventType> = new Set([
  'CONVERSATION_CREATED',
  'CONVERSATION_ASSIGNED',
  'CONVERSATION_STATUS_CHANGED',
  'MESSAGE_CREATED',
]);

function classify(
  event: EventRecord,
): { type: SessionEventType; agentId: string | null; fromAgentId: string | null } | null {
  const { payload } = event;
  switch (event.type) {
    case 'CONVERSATION_CREATED':
      return { type: 'CONVERSATION_CREATED', agentId: null, fromAgentId: null };
    case 'CONVERSATION_ASSIGNED': {
      const to = payload.assignment?.to?.id ?? null;
      const from = payload.assignment?.from?.id ?? null;
      if (!to) return { type: 'RETURNED_TO_QUEUE', agentId: null, fromAgentId: from };
      if (from && from !== to) return { type: 'TRANSFERRED', agentId: to, fromAgentId: from };
      return from === to ? null : { type: 'ASSIGNED', agentId: to, fromAgentId: null };
    }
    case 'CONVERSATION_STATUS_CHANGED': {
      const status = payload.conversation?.status;
      if (status === 'RESOLVED') {
        return {
          type: 'RESOLVED',
          agentId: event.actorType === 'agent' ? event.actorId : null,
          fromAgentId: null,
        };
      }
      if (payload.previousStatus === 'RESOLVED') {
        return {
          type: 'REOPENED',
          agentId: payload.conversation?.assignee?.id ?? null,
          fromAgentId: null,
        };
      }
      return null;
    }
    case 'MESSAGE_CREATED':
      return payload.firstAgentReply
        ? {
            type: 'FIRST_AGENT_REPLY',
            agentId: payload.message?.senderAgent?.id ?? null,
            fromAgentId: null,
          }
        : null;
    default:
      return null;
  }
}

/** The session event a log event stands for, or null. Pure. */
export function toSessionEvent(event: EventRecord): SessionEventRecord | null {
  const conversation = event.payload.conversation;
  const kind = classify(event);
  if (!kind || !conversation || !event.conversationId) return null;
  return {
    id: event.id,
    ...kind,
    occurredAt: event.createdAt,
    conversationId: event.conversationId,
    channel: conversation.channel,
    visitorId: conversation.visitor.id,
    status: conversation.status,
    conversationCreatedAt: conversation.createdAt,
    secondsSinceCreated: Math.max(
      0,
      (event.createdAt.getTime() - conversation.createdAt.getTime()) / 1000,
    ),
  };
}

const Input = z.object({
  after: z.string().max(40).nullish(),
  types: z.array(z.enum(SESSION_EVENT_TYPES)).max(SESSION_EVENT_TYPES.length).nullish(),
  first: z.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(100),
});

function authorize(actor: Actor | null) {
  const viewer = requireWorkspaceActor(actor);
  requireScope(viewer, 'events');
  requirePermission(viewer, 'reports.view');
  return viewer;
}

function wanted(types: readonly SessionEventType[] | null | undefined) {
  const set = types?.length ? new Set(types) : null;
  return (event: SessionEventRecord | null): event is SessionEventRecord =>
    !!event && (!set || set.has(event.type));
}

/** A page of session events after a cursor. */
export async function listSessionEvents(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<SessionEventRecord[]> {
  const viewer = authorize(actor);
  const { after, types, first } = validate(Input, input);
  const filter: EventFilter = { workspaceId: viewer.workspaceId, types: SOURCES };
  const keep = wanted(types);
  const out: SessionEventRecord[] = [];
  let cursor = parseEventCursor(after) ?? 0n;
  // Most messages are not first replies: read on until the page is full.
  for (;;) {
    const batch = await deps.eventLog.read(filter, cursor, 500);
    for (const event of batch) {
      const session = toSessionEvent(event);
      if (keep(session)) out.push(session);
      if (out.length === first) return out;
    }
    if (batch.length < 500) return out;
    cursor = batch.at(-1)?.id ?? cursor;
  }
}

/** Live session events after a cursor (or from now). */
export function subscribeSessionEvents(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): AsyncIterableIterator<SessionEventRecord> {
  const viewer = authorize(actor);
  const { after, types } = validate(Input, input);
  const keep = wanted(types);
  const stream = deps.eventLog.subscribe(
    { workspaceId: viewer.workspaceId, types: SOURCES },
    parseEventCursor(after),
  );
  return mapStream(stream, (event) => {
    const session = toSessionEvent(event);
    return keep(session) ? session : null;
  });
}
