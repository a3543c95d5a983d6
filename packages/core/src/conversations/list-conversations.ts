// The inbox views (Mine, Robot, Unassigned, Unread, All, History), the filter
// funnel, and their counts. Each view is one query whose condition is a prefix
// of a conversations index, ordered pinned first, then most recent activity.
import { z } from 'zod';
import {
  agents,
  and,
  conversationReads,
  conversations,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  lte,
  ne,
  or,
  sql,
  visitors,
  visitorTags,
  type SQL,
} from '@parley/db';
import {
  requireScope,
  requireWorkspaceActor,
  type Actor,
  type WorkspaceActor,
} from '../shared/actor.js';
import { badInput } from '../shared/errors.js';
import type { CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import { visibilityOf, visibleCondition } from '../team/visibility.js';
import { conversationColumns, toConversationRecord } from './load-conversation.js';
import type { ConversationRecord } from './records.js';

export const VIEWS = ['MINE', 'ROBOT', 'UNASSIGNED', 'UNREAD', 'ALL', 'HISTORY'] as const;
export type ConversationView = (typeof VIEWS)[number];

export interface ConversationPage {
  edges: { cursor: string; node: ConversationRecord }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  eventCursor: string;
}

export type ConversationCounts = Record<Lowercase<ConversationView>, number>;

const CHANNELS = ['WEBSITE', 'MESSENGER', 'TELEGRAM', 'WHATSAPP', 'EMAIL'] as const;

const Filter = z
  .object({
    tagIds: z.array(z.uuid('is not a valid id')).max(50).nullish(),
    phone: z.string().trim().max(50).nullish(),
    email: z.string().trim().max(320).nullish(),
    lastReplyFrom: z.date().nullish(),
    lastReplyTo: z.date().nullish(),
    channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length).nullish(),
    search: z.string().trim().max(200).nullish(),
  })
  .nullish();

const ListInput = z.object({
  view: z.enum(VIEWS).nullish(),
  filter: Filter,
  first: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').default(30),
  after: z.string().max(500).nullish(),
});

// Keyset cursor over the list order (pinned desc, last activity desc, id desc).
const Cursor = z.tuple([z.boolean(), z.iso.datetime(), z.uuid()]);

export function encodeConversationCursor(c: ConversationRecord): string {
  return Buffer.from(JSON.stringify([c.pinned, c.lastActivityAt.toISOString(), c.id])).toString(
    'base64url',
  );
}

function decodeCursor(cursor: string): z.output<typeof Cursor> {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw badInput('after: is not a cursor from this list', { field: 'after' });
  }
}

function agentOf(viewer: WorkspaceActor, view: ConversationView | null | undefined): string | null {
  if (viewer.kind === 'agent') return viewer.agentId;
  if (view === 'MINE' || view === 'UNREAD')
    throw badInput(`view: ${view} needs a signed-in agent`, { field: 'view' });
  return null;
}

/** Everything up to this seq the agent has read (0 when never opened). */
function readSeq(agentId: string | null): SQL {
  return agentId
    ? sql`coalesce(${conversationReads.lastReadSeq}, 0)`
    : sql`${conversations.lastMessageSeq}`;
}

function viewCondition(
  view: ConversationView | null | undefined,
  agentId: string | null,
): SQL | undefined {
  switch (view) {
    case 'MINE':
      return and(eq(conversations.assigneeId, agentId ?? ''), eq(conversations.status, 'ASSIGNED'));
    case 'ROBOT':
      return eq(conversations.status, 'ROBOT');
    case 'UNASSIGNED':
      return eq(conversations.status, 'UNASSIGNED');
    case 'UNREAD':
      return and(
        ne(conversations.status, 'RESOLVED'),
        sql`${conversations.lastMessageSeq} > ${readSeq(agentId)}`,
      );
    case 'ALL':
      return ne(conversations.status, 'RESOLVED');
    case 'HISTORY':
      return eq(conversations.status, 'RESOLVED');
    default:
      return undefined;
  }
}

function like(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filterCondition(filter: z.output<typeof Filter>): SQL | undefined {
  if (!filter) return undefined;
  return and(
    filter.tagIds?.length
      ? sql`exists (select 1 from ${visitorTags} where ${visitorTags.visitorId} = ${conversations.visitorId} and ${inArray(visitorTags.tagId, filter.tagIds)})`
      : undefined,
    filter.phone ? ilike(visitors.phone, like(filter.phone)) : undefined,
    filter.email ? ilike(visitors.email, like(filter.email)) : undefined,
    filter.lastReplyFrom ? gte(conversations.lastActivityAt, filter.lastReplyFrom) : undefined,
    filter.lastReplyTo ? lte(conversations.lastActivityAt, filter.lastReplyTo) : undefined,
    filter.channels?.length ? inArray(conversations.channel, filter.channels) : undefined,
    filter.search
      ? or(
          ilike(visitors.name, like(filter.search)),
          ilike(visitors.email, like(filter.search)),
          ilike(visitors.phone, like(filter.search)),
        )
      : undefined,
  );
}

function baseQuery(deps: CoreDeps, agentId: string | null) {
  return deps.db
    .select({
      ...conversationColumns,
      unread: sql<number>`greatest(${conversations.lastMessageSeq} - ${readSeq(agentId)}, 0)`,
    })
    .from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .leftJoin(agents, eq(agents.id, conversations.assigneeId))
    .leftJoin(
      conversationReads,
      and(
        eq(conversationReads.conversationId, conversations.id),
        eq(conversationReads.agentId, agentId ?? sql`null`),
      ),
    );
}

export async function listConversations(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ConversationPage> {
  const viewer = requireWorkspaceActor(actor);
  requireScope(viewer, 'read');
  const { view, filter, first, after } = validate(ListInput, input);
  const agentId = agentOf(viewer, view);
  const position = after ? decodeCursor(after) : null;
  const visibility = await visibilityOf(deps, viewer);
  // Read before the list, so the list already contains everything up to it.
  const eventCursor = await deps.eventLog.safeCursor();
  const rows = await baseQuery(deps, agentId)
    .where(
      and(
        eq(conversations.workspaceId, viewer.workspaceId),
        viewCondition(view, agentId),
        visibleCondition(visibility),
        filterCondition(filter),
        position
          ? sql`(${conversations.pinned}, ${conversations.lastActivityAt}, ${conversations.id}) < (${position[0]}, ${position[1]}::timestamptz, ${position[2]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(conversations.pinned), desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(first + 1);
  const page = rows.slice(0, first).map(({ unread, ...row }) => ({
    ...toConversationRecord(row),
    unreadCount: agentId ? Number(unread) : 0,
  }));
  const edges = page.map((node) => ({ cursor: encodeConversationCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    eventCursor: eventCursor.toString(),
  };
}

const CountsInput = z.object({ filter: Filter });

export async function countConversations(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ConversationCounts> {
  const viewer = requireWorkspaceActor(actor);
  requireScope(viewer, 'read');
  const { filter } = validate(CountsInput, input);
  const agentId = viewer.kind === 'agent' ? viewer.agentId : null;
  const countWhere = (condition: SQL | undefined) =>
    sql<number>`count(*) filter (where ${condition ?? sql`true`})::int`;
  const [counts] = await deps.db
    .select({
      mine: agentId ? countWhere(viewCondition('MINE', agentId)) : sql<number>`0`,
      robot: countWhere(viewCondition('ROBOT', agentId)),
      unassigned: countWhere(viewCondition('UNASSIGNED', agentId)),
      unread: agentId ? countWhere(viewCondition('UNREAD', agentId)) : sql<number>`0`,
      all: countWhere(viewCondition('ALL', agentId)),
      history: countWhere(viewCondition('HISTORY', agentId)),
    })
    .from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .leftJoin(
      conversationReads,
      and(
        eq(conversationReads.conversationId, conversations.id),
        eq(conversationReads.agentId, agentId ?? sql`null`),
      ),
    )
    .where(
      and(
        eq(conversations.workspaceId, viewer.workspaceId),
        visibleCondition(await visibilityOf(deps, viewer)),
        filterCondition(filter),
      ),
    );
  return {
    mine: Number(counts?.mine ?? 0),
    robot: Number(counts?.robot ?? 0),
    unassigned: Number(counts?.unassigned ?? 0),
    unread: Number(counts?.unread ?? 0),
    all: Number(counts?.all ?? 0),
    history: Number(counts?.history ?? 0),
  };
}
