import { z } from 'zod';
import { agents, and, desc, eq, lt, messages } from '@parley/db';
import type { CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import type { MessageRecord } from './records.js';

const Input = z.object({
  last: z.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
  before: z.number().int().min(1).nullish(),
});

export const messageColumns = {
  id: messages.id,
  workspaceId: messages.workspaceId,
  conversationId: messages.conversationId,
  seq: messages.seq,
  senderType: messages.senderType,
  senderVisitorId: messages.senderVisitorId,
  body: messages.body,
  internal: messages.internal,
  recalledAt: messages.recalledAt,
  createdAt: messages.createdAt,
  agentId: agents.id,
  agentName: agents.name,
  agentEmail: agents.email,
};

type Row = Awaited<ReturnType<typeof selectMessages>>[number];

function selectMessages(deps: Pick<CoreDeps, 'db'>) {
  return deps.db
    .select(messageColumns)
    .from(messages)
    .leftJoin(agents, eq(agents.id, messages.senderAgentId));
}

export function toMessageRecord(row: Row): MessageRecord {
  const { agentId, agentName, agentEmail, ...rest } = row;
  return {
    ...rest,
    // A recalled message's text is never served; the row keeps it for audit.
    body: rest.recalledAt ? '' : rest.body,
    senderAgent:
      agentId && agentName && agentEmail
        ? { id: agentId, name: agentName, email: agentEmail }
        : null,
  };
}

/**
 * The newest `last` messages of a conversation (before `before`, a seq), oldest
 * first. The caller has already checked that the conversation is visible.
 */
export async function listMessages(
  deps: Pick<CoreDeps, 'db'>,
  conversation: { id: string; workspaceId: string },
  input: unknown,
  audience: 'agent' | 'visitor' = 'agent',
): Promise<MessageRecord[]> {
  const { last, before } = validate(Input, input);
  const rows = await selectMessages(deps)
    .where(
      and(
        eq(messages.workspaceId, conversation.workspaceId),
        eq(messages.conversationId, conversation.id),
        before ? lt(messages.seq, before) : undefined,
        audience === 'visitor' ? eq(messages.internal, false) : undefined,
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(last);
  return rows.reverse().map(toMessageRecord);
}

export async function loadMessage(
  deps: Pick<CoreDeps, 'db'>,
  messageId: string,
): Promise<MessageRecord | null> {
  const [row] = await selectMessages(deps).where(eq(messages.id, messageId)).limit(1);
  return row ? toMessageRecord(row) : null;
}
