// The inbox views (Mine, Robot, Unassigned, Unread, All, History), the filter
// funnel, and their counts. Each view is one query whose condition is a prefix
// of a conversations index, ordered pinned first, then most recent activity.
import { phoneQueryDigits } from '@parley/phone';
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
  lte,
  ne,
  or,
  sql,
  visitors,
  visitorTags,
  type Database,
  type SQL,
} from '@parley/db';
import {
  requireScope,
  requireWorkspaceActor,
  type Actor,
  type WorkspaceActor,
} from '../shared/actor.js';
import type { CoreDeps } from '../shared/transaction.js';
import { fieldError, Id, validate } from '../shared/validate.js';
import { preparedQuery, type PreparedCondition } from '../shared/prepared.js';
import { visibilityOf, visiblePrepared } from '../team/visibility.js';
import { conversationColumns, toConversationRecord } from './load-conversation.js';
import type { ConversationRecord } from './records.js';

export const VIEWS = ['MINE', 'ROBOT', 'UNASSIGNED', 'UNREAD', 'ALL', 'HISTORY'] as const;
export type ConversationView = (typeof VIEWS)[number];

export interface ConversationPage {
  edges: { cursor: string; node: ConversationRecord }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  eventCursor: string;
}

export type ConversationCounts = Record<Lowercase<ConversationView>, number> & {
  /**
   * Unread conversations the agent answers for: assigned to them, or waiting
   * unassigned (theirs to take). Not a colleague's, not the robot's. The
   * workbench's tab title shows it.
   */
  unreadForMe: number;
};

const CHANNELS = ['WEBSITE', 'MESSENGER', 'TELEGRAM', 'WHATSAPP', 'EMAIL'] as const;

const Filter = z
  .object({
    tagIds: z.array(Id).max(50).nullish(),
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
    throw fieldError('after', 'is not a cursor from this list');
  }
}

function agentOf(viewer: WorkspaceActor, view: ConversationView | null | undefined): string | null {
  if (viewer.kind === 'agent') return viewer.agentId;
  if (view === 'MINE' || view === 'UNREAD')
    throw fieldError('view', `${view} needs a signed-in agent`);
  return null;
}

// The list and count queries are built once per shape (see shared/prepared.ts):
// every value in them is one of these placeholders.
const p = sql.placeholder;

/** Everything up to this seq the agent has read (0 when never opened). */
function readSeq(agent: boolean): SQL {
  return agent
    ? sql`coalesce(${conversationReads.lastReadSeq}, 0)`
    : sql`${conversations.lastMessageSeq}`;
}

/** The view's condition; `agent` says whether the `agent` placeholder is set. */
function viewCondition(view: ConversationView | null | undefined, agent: boolean): SQL | undefined {
  switch (view) {
    case 'MINE':
      return and(eq(conversations.assigneeId, p('agent')), eq(conversations.status, 'ASSIGNED'));
    case 'ROBOT':
      return eq(conversations.status, 'ROBOT');
    case 'UNASSIGNED':
      return eq(conversations.status, 'UNASSIGNED');
    case 'UNREAD':
      return and(
        ne(conversations.status, 'RESOLVED'),
        sql`${conversations.lastMessageSeq} > ${readSeq(agent)}`,
      );
    case 'ALL':
      return ne(conversations.status, 'RESOLVED');
    case 'HISTORY':
      return eq(conversations.status, 'RESOLVED');
    default:
      return undefined;
  }
}

/** The digits of the visitor's phone (E.164, or an older free-form value). */
const phoneDigitsSql = sql`regexp_replace(coalesce(${visitors.phone}, ''), '[^0-9]', '', 'g')`;

function like(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type ListFilter = z.output<typeof Filter>;

/** The filter's condition (placeholders), its shape and its values. */
function filterCondition(filter: ListFilter): PreparedCondition {
  if (!filter) return { condition: undefined, shape: '', values: {} };
  const values: Record<string, unknown> = {};
  const set = <T>(name: string, value: T | null | undefined): boolean => {
    if (value === null || value === undefined) return false;
    values[name] = value;
    return true;
  };
  const tags = set('tags', filter.tagIds?.length ? filter.tagIds : null);
  // Phones match on digits, by the rule the workbench's live filter shares
  // (`@parley/phone`): the query's digits inside the stored E.164 digits.
  // A query without digits matches no number ('-' is never among the digits).
  const phone = set('phone', filter.phone ? like(phoneQueryDigits(filter.phone) || '-') : null);
  const searchPhone = filter.search ? phoneQueryDigits(filter.search) : '';
  const email = set('email', filter.email ? like(filter.email) : null);
  const from = set('from', filter.lastReplyFrom?.toISOString());
  const to = set('to', filter.lastReplyTo?.toISOString());
  const channels = set('channels', filter.channels?.length ? filter.channels : null);
  const search = set('search', filter.search ? like(filter.search) : null);
  const searchDigits = set('searchDigits', searchPhone ? like(searchPhone) : null);
  const condition = and(
    tags
      ? sql`exists (select 1 from ${visitorTags} where ${visitorTags.visitorId} = ${conversations.visitorId} and ${visitorTags.tagId} = any(${p('tags')}::uuid[]))`
      : undefined,
    phone ? sql`${phoneDigitsSql} like ${p('phone')}` : undefined,
    email ? ilike(visitors.email, p('email')) : undefined,
    from ? gte(conversations.lastActivityAt, sql`${p('from')}::timestamptz`) : undefined,
    to ? lte(conversations.lastActivityAt, sql`${p('to')}::timestamptz`) : undefined,
    channels ? sql`${conversations.channel}::text = any(${p('channels')}::text[])` : undefined,
    search
      ? or(
          ilike(visitors.name, p('search')),
          ilike(visitors.email, p('search')),
          searchDigits ? sql`${phoneDigitsSql} like ${p('searchDigits')}` : undefined,
        )
      : undefined,
  );
  const shape = [tags, phone, email, from, to, channels, search, searchDigits].map(Number).join('');
  return { condition, shape, values };
}

/** Joins the agent's read pointer (when `agent`), as the list and counts need. */
function readJoin(agent: boolean): SQL {
  return and(
    eq(conversationReads.conversationId, conversations.id),
    agent ? eq(conversationReads.agentId, p('agent')) : sql`false`,
  ) as SQL;
}

function listQuery(
  db: Database,
  view: ConversationView | null | undefined,
  agent: boolean,
  seen: PreparedCondition,
  filtered: PreparedCondition,
  after: boolean,
) {
  return db
    .select({
      ...conversationColumns,
      unread: sql<number>`greatest(${conversations.lastMessageSeq} - ${readSeq(agent)}, 0)`,
    })
    .from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .leftJoin(agents, eq(agents.id, conversations.assigneeId))
    .leftJoin(conversationReads, readJoin(agent))
    .where(
      and(
        eq(conversations.workspaceId, p('workspace')),
        viewCondition(view, agent),
        seen.condition,
        filtered.condition,
        after
          ? sql`(${conversations.pinned}, ${conversations.lastActivityAt}, ${conversations.id}) < (${p('afterPinned')}::boolean, ${p('afterAt')}::timestamptz, ${p('afterId')}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(conversations.pinned), desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(p('limit'))
    .prepare('list_conversations');
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
  const seen = visiblePrepared(await visibilityOf(deps, viewer));
  const filtered = filterCondition(filter);
  // Read before the list, so the list already contains everything up to it.
  const eventCursor = await deps.eventLog.safeCursor();
  const query = preparedQuery(
    deps.db,
    `list:${view ?? ''}:${agentId ? 1 : 0}:${seen.shape}:${filtered.shape}:${position ? 1 : 0}`,
    () => listQuery(deps.db, view, agentId !== null, seen, filtered, position !== null),
  );
  const rows = await query.execute({
    workspace: viewer.workspaceId,
    agent: agentId,
    ...seen.values,
    ...filtered.values,
    ...(position ? { afterPinned: position[0], afterAt: position[1], afterId: position[2] } : {}),
    limit: first + 1,
  });
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
  const agent = agentId !== null;
  const seen = visiblePrepared(await visibilityOf(deps, viewer));
  const filtered = filterCondition(filter);
  const countWhere = (condition: SQL | undefined) =>
    sql<number>`count(*) filter (where ${condition ?? sql`true`})::int`;
  const query = preparedQuery(
    deps.db,
    `counts:${agent ? 1 : 0}:${seen.shape}:${filtered.shape}`,
    () =>
      deps.db
        .select({
          mine: agent ? countWhere(viewCondition('MINE', agent)) : sql<number>`0`,
          robot: countWhere(viewCondition('ROBOT', agent)),
          unassigned: countWhere(viewCondition('UNASSIGNED', agent)),
          unread: agent ? countWhere(viewCondition('UNREAD', agent)) : sql<number>`0`,
          unreadForMe: agent
            ? countWhere(
                and(
                  viewCondition('UNREAD', agent),
                  or(viewCondition('MINE', agent), viewCondition('UNASSIGNED', agent)),
                ),
              )
            : sql<number>`0`,
          all: countWhere(viewCondition('ALL', agent)),
          history: countWhere(viewCondition('HISTORY', agent)),
        })
        .from(conversations)
        .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
        .leftJoin(conversationReads, readJoin(agent))
        .where(
          and(eq(conversations.workspaceId, p('workspace')), seen.condition, filtered.condition),
        )
        .prepare('count_conversations'),
  );
  const [counts] = await query.execute({
    workspace: viewer.workspaceId,
    agent: agentId,
    ...seen.values,
    ...filtered.values,
  });
  return {
    mine: Number(counts?.mine ?? 0),
    robot: Number(counts?.robot ?? 0),
    unassigned: Number(counts?.unassigned ?? 0),
    unread: Number(counts?.unread ?? 0),
    unreadForMe: Number(counts?.unreadForMe ?? 0),
    all: Number(counts?.all ?? 0),
    history: Number(counts?.history ?? 0),
  };
}
