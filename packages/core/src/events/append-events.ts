// Writes event rows inside the caller's transaction. The wake-up for readers is
// sent by the caller after commit (see transaction.ts), never before.
import { events, sql, type Database } from '@parley/db';
import { noteEventsWritten } from '../shared/transaction.js';
import type { NewEvent } from './event-types.js';

export async function appendEvents(tx: Database, rows: readonly NewEvent[]): Promise<void> {
  if (rows.length === 0) return;
  // The transaction must own an xid before it draws an event id: the reader
  // relies on "id drawn ⇒ xid already assigned" to tell an open transaction's
  // gap from an aborted one (see event-log.ts).
  await tx.execute(sql`select pg_current_xact_id()`);
  noteEventsWritten(tx);
  await tx.insert(events).values(
    rows.map((row) => ({
      workspaceId: row.workspaceId,
      type: row.type,
      conversationId: row.conversationId ?? null,
      visitorId: row.visitorId ?? null,
      actorType: row.actorType,
      actorId: row.actorId ?? null,
      payload: row.payload,
    })),
  );
}
