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
      select b.visitor_id, jsonb_build_object(
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
      ) || ${firstReply} as payload
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
