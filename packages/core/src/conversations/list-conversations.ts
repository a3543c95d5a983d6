import { z } from 'zod';
import { and, conversations, desc, eq, sql } from '@parley/db';
import { requireScope, requireWorkspaceActor, type Actor } from '../shared/actor.js';
import { badInput } from '../shared/errors.js';
import type { CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import { findConversations } from './load-conversation.js';
import type { ConversationRecord } from './records.js';

export interface ConversationPage {
  edges: { cursor: string; node: ConversationRecord }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  eventCursor: string;
}

const Input = z.object({
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

export async function listConversations(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ConversationPage> {
  const viewer = requireWorkspaceActor(actor);
  requireScope(viewer, 'read');
  const { first, after } = validate(Input, input);
  const position = after ? decodeCursor(after) : null;
  // Read before the list, so the list already contains everything up to it.
  const eventCursor = await deps.eventLog.safeCursor();
  const rows = await findConversations(
    deps.db,
    and(
      eq(conversations.workspaceId, viewer.workspaceId),
      position
        ? sql`(${conversations.pinned}, ${conversations.lastActivityAt}, ${conversations.id}) < (${position[0]}, ${position[1]}::timestamptz, ${position[2]}::uuid)`
        : undefined,
    ),
    first + 1,
    [desc(conversations.pinned), desc(conversations.lastActivityAt), desc(conversations.id)],
  );
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeConversationCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    eventCursor: eventCursor.toString(),
  };
}
