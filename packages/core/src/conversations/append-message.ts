// Adds a message to a conversation in ONE statement: bumps the conversation's
// sequence (the UPDATE holds the row lock until commit, so seq has no gaps and
// no duplicates), inserts the message, moves the sending agent's read pointer
// and appends the MESSAGE_CREATED event whose payload is built by the same
// statement. One round trip instead of ten: the hot path of every chat.
//
// Works inside a caller's transaction or on its own (a single statement is
// atomic). The event id is drawn only after the UPDATE has produced its row, so
// the statement owns an xid before it draws one, as the event reader requires
// (see event-log.ts).
import { executeRows, sql, type Database, type SQL } from '@parley/db';
import { reviveEventPayload } from '../events/revive-payload.js';
import { notFound } from '../shared/errors.js';
import { noteEventsWritten } from '../shared/transaction.js';
import {
  previewOf,
  type ConversationRecord,
  type MessageRecord,
  type SenderType,
} from './records.js';

export interface MessageDraft {
  workspaceId: string;
  conversationId: string;
  /** Extra condition on the `conversations` row, e.g. belonging to the visitor. */
  scope?: SQL;
  sender: { type: SenderType; agentId?: string; visitorId?: string };
  body: string;
  /** Agents-only activity or note: not shown to the visitor, does not reorder the list. */
  internal?: boolean;
}

export interface AppendedMessage {
  conversation: ConversationRecord;
  message: MessageRecord;
}

// The MESSAGE_CREATED payload, from the updated conversation `b`, its visitor
// `v`, its assignee `a`, the inserted message `m` and its sending agent `s`.
const recordPayload = sql.raw(`jsonb_build_object(
        'conversation', jsonb_build_object(
          'id', b.id, 'workspaceId', b.workspace_id, 'channel', b.channel, 'status', b.status,
          'groupId', b.group_id, 'pinned', b.pinned, 'lastMessageSeq', b.last_message_seq,
          'lastMessagePreview', b.last_message_preview, 'lastActivityAt', b.last_activity_at,
          'visitorLastReadSeq', b.visitor_last_read_seq, 'agentLastReadSeq', b.agent_last_read_seq,
          'resolvedAt', b.resolved_at, 'firstAgentReplyAt', b.first_agent_reply_at,
          'createdAt', b.created_at,
          'visitor', jsonb_build_object('id', v.id, 'name', v.name, 'email', v.email, 'phone', v.phone),
          'assignee', case when a.id is null then null
            else jsonb_build_object('id', a.id, 'name', a.name, 'email', a.email) end
        ),
        'message', jsonb_build_object(
          'id', m.id, 'workspaceId', m.workspace_id, 'conversationId', m.conversation_id,
          'seq', m.seq, 'senderType', m.sender_type,
          'senderAgent', case when s.id is null then null
            else jsonb_build_object('id', s.id, 'name', s.name, 'email', s.email) end,
          'senderVisitorId', m.sender_visitor_id, 'body', m.body, 'internal', m.internal,
          'recalledAt', m.recalled_at, 'createdAt', m.created_at
        )
)`);

export async function appendMessage(db: Database, draft: MessageDraft): Promise<AppendedMessage> {
  const appended = await tryAppendMessage(db, draft);
  if (!appended) throw notFound('Conversation');
  return appended;
}

/** Like appendMessage, but null when no conversation matches (nothing written). */
export async function tryAppendMessage(
  db: Database,
  draft: MessageDraft,
): Promise<AppendedMessage | null> {
  const internal = draft.internal ?? false;
  const { type } = draft.sender;
  const agentId = draft.sender.agentId ?? null;
  const visitorId = draft.sender.visitorId ?? null;
  const actorType = type === 'AGENT' ? 'agent' : type === 'VISITOR' ? 'visitor' : 'system';

  const bump = internal
    ? sql``
    : sql`, last_message_preview = ${previewOf(draft.body)}, last_activity_at = now()${
        type === 'VISITOR'
          ? // Writing implies having read everything before.
            sql`, visitor_last_read_seq = last_message_seq + 1`
          : type === 'AGENT'
            ? sql`, agent_last_read_seq = last_message_seq + 1, first_agent_reply_at = coalesce(first_agent_reply_at, now())`
            : sql``
      }`;
  const readPointer = agentId
    ? sql`, read_pointer as (
        insert into conversation_reads (conversation_id, agent_id, workspace_id, last_read_seq)
        select id, ${agentId}::uuid, workspace_id, last_message_seq from bumped
        on conflict (conversation_id, agent_id) do update
          set last_read_seq = greatest(conversation_reads.last_read_seq, excluded.last_read_seq)
          where conversation_reads.last_read_seq < excluded.last_read_seq
      )`
    : sql``;
  // RETURNING sees the new row: the first reply is the one stamped now (at the
  // column's millisecond precision).
  const firstReply =
    type === 'AGENT' && !internal
      ? sql`case when b.first_agent_reply_at is not distinct from now()::timestamptz(3)
          then '{"firstAgentReply": true}'::jsonb else '{}'::jsonb end`
      : sql`'{}'::jsonb`;

  const rows = await executeRows<{ payload: unknown }>(
    db,
    sql`with bumped as (
      update conversations set last_message_seq = last_message_seq + 1${bump}
      where conversations.workspace_id = ${draft.workspaceId}
        and conversations.id = ${draft.conversationId}
        ${draft.scope ? sql`and ${draft.scope}` : sql``}
      returning conversations.*
    ), inserted as (
      insert into messages (workspace_id, conversation_id, seq, sender_type, sender_agent_id, sender_visitor_id, body, internal)
      select workspace_id, id, last_message_seq, ${type}, ${agentId}::uuid, ${visitorId}::uuid, ${draft.body}, ${internal}
      from bumped
      returning *
    )${readPointer}, record as (
      select b.visitor_id, ${recordPayload} || ${firstReply} as payload
      from bumped b
      join visitors v on v.id = b.visitor_id
      left join agents a on a.id = b.assignee_id
      cross join inserted m
      left join agents s on s.id = m.sender_agent_id
    ), event as (
      insert into events (workspace_id, type, conversation_id, visitor_id, actor_type, actor_id, payload)
      select ${draft.workspaceId}, 'MESSAGE_CREATED', ${draft.conversationId},
        ${internal ? sql`null` : sql`visitor_id`}, ${actorType}, ${agentId ?? visitorId}, payload
      from record
      returning id
    )
    select payload from record where exists (select 1 from event)`,
  );
  const row = rows[0];
  if (!row) return null;
  noteEventsWritten(db);
  const { conversation, message } = reviveEventPayload(row.payload);
  if (!conversation || !message) throw new Error('message statement returned no records');
  return { conversation, message };
}

/** A visitor's message to their own conversation, as appendVisitorMessages takes it. */
export interface VisitorDraft {
  workspaceId: string;
  conversationId: string;
  visitorId: string;
  body: string;
}

/**
 * Appends several visitors' messages in ONE statement (one commit), each to
 * its sender's own conversation that is not resolved. The result is aligned
 * with `drafts`: null where no such conversation exists (nothing written for
 * that draft). The drafts must name distinct conversations. Rows are locked in
 * id order, so two batches (or a batch and a one-row append) cannot deadlock
 * on each other. Event payloads are those tryAppendMessage builds; the caller
 * gets the messages back as plain columns, not the payloads (which it does
 * not need, and which cost a kilobyte of JSON each way per message).
 */
export async function appendVisitorMessages(
  db: Database,
  drafts: readonly VisitorDraft[],
): Promise<(MessageRecord | null)[]> {
  const input = JSON.stringify(
    drafts.map((d, ord) => ({
      ord,
      conversation_id: d.conversationId,
      workspace_id: d.workspaceId,
      visitor_id: d.visitorId,
      body: d.body,
      preview: previewOf(d.body),
    })),
  );
  // The message's own columns come from `bumped` (its id and timestamp drawn
  // there), so the payload needs no join back to the inserted rows: joining
  // two CTEs is a nested loop over both, quadratic in the batch.
  const rows = await executeRows<{
    ord: number;
    id: string;
    workspace_id: string;
    conversation_id: string;
    seq: number;
    sender_visitor_id: string;
    body: string;
    created_ms: number;
  }>(
    db,
    sql`with input as (
      select * from jsonb_to_recordset(${input}::jsonb)
        as i(ord int, conversation_id uuid, workspace_id uuid, visitor_id uuid, body text, preview text)
    ), locked as (
      select c.id, i.ord, i.body, i.preview
      from conversations c
      join input i on i.conversation_id = c.id and i.workspace_id = c.workspace_id
        and i.visitor_id = c.visitor_id
      -- An index probe per draft, never a scan of every conversation.
      where c.id = any(array(select conversation_id from input)) and c.status <> 'RESOLVED'
      order by c.id
      for update of c
    ), bumped as (
      update conversations c set last_message_seq = c.last_message_seq + 1,
        last_message_preview = l.preview, last_activity_at = now(),
        visitor_last_read_seq = c.last_message_seq + 1
      from locked l
      where c.id = l.id
      returning c.*, l.ord, l.body as new_body, gen_random_uuid() as message_id,
        now()::timestamptz(3) as message_at
    ), inserted as (
      insert into messages (id, workspace_id, conversation_id, seq, sender_type, sender_visitor_id, body, internal, created_at)
      select message_id, workspace_id, id, last_message_seq, 'VISITOR', visitor_id, new_body, false, message_at
      from bumped
    ), record as (
      select b.ord, b.workspace_id, b.id as conversation_id, b.visitor_id,
        ${recordPayload} as payload
      from bumped b
      cross join lateral (
        select b.message_id as id, b.workspace_id, b.id as conversation_id,
          b.last_message_seq as seq, 'VISITOR'::sender_type as sender_type,
          null::uuid as sender_agent_id, b.visitor_id as sender_visitor_id, b.new_body as body,
          false as internal, null::timestamptz as recalled_at, b.message_at as created_at
      ) m
      join visitors v on v.id = b.visitor_id
      left join agents a on a.id = b.assignee_id
      left join agents s on s.id = m.sender_agent_id
    ), event as (
      insert into events (workspace_id, type, conversation_id, visitor_id, actor_type, actor_id, payload)
      select workspace_id, 'MESSAGE_CREATED', conversation_id, visitor_id, 'visitor', visitor_id::text, payload
      from record
      order by ord
      returning id
    )
    select ord, message_id as id, workspace_id, id as conversation_id, last_message_seq as seq,
      visitor_id as sender_visitor_id, new_body as body,
      (extract(epoch from message_at) * 1000)::float8 as created_ms
    from bumped where exists (select 1 from event)`,
  );
  const out: (MessageRecord | null)[] = drafts.map(() => null);
  for (const row of rows) {
    out[row.ord] = {
      id: row.id,
      workspaceId: row.workspace_id,
      conversationId: row.conversation_id,
      seq: row.seq,
      senderType: 'VISITOR',
      senderAgent: null,
      senderVisitorId: row.sender_visitor_id,
      body: row.body,
      internal: false,
      recalledAt: null,
      createdAt: new Date(Math.round(row.created_ms)),
    };
  }
  return out;
}
