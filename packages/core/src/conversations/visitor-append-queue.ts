// Group commit for visitors' messages. While earlier appends are in flight,
// new ones wait here and leave together as one statement and one commit
// (appendVisitorMessages), so under load PostgreSQL pays the per-statement and
// per-commit cost once per batch instead of once per message. An idle server
// sends each message at once, alone: batching costs no latency.
//
// A conversation is in at most one batch in flight, and its messages leave in
// the order they arrived: a visitor's messages keep their order, and no two
// batches of this process ever wait on each other's row locks.
import { and, conversations, eq, ne, type Database } from '@parley/db';
import { appendVisitorMessages, tryAppendMessage, type VisitorDraft } from './append-message.js';
import type { MessageRecord } from './records.js';

/** Statements in flight at once; the pool keeps the rest for reads. */
const MAX_IN_FLIGHT = 2;
/** Messages in one statement. */
const MAX_BATCH = 64;

interface Waiting {
  draft: VisitorDraft;
  resolve: (appended: MessageRecord | null) => void;
  reject: (error: unknown) => void;
}

export class VisitorAppendQueue {
  private readonly waiting: Waiting[] = [];
  private readonly busy = new Set<string>();
  private inFlight = 0;

  constructor(private readonly db: Database) {}

  /** Resolves once the message is committed; null when the conversation is not the visitor's open one. */
  append(draft: VisitorDraft): Promise<MessageRecord | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ draft, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT) {
      const batch = this.take();
      if (batch.length === 0) return;
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        for (const item of batch) this.busy.delete(item.draft.conversationId);
        this.pump();
      });
    }
  }

  /** The oldest waiting messages, one per conversation not already in flight. */
  private take(): Waiting[] {
    const batch: Waiting[] = [];
    const kept: Waiting[] = [];
    for (const item of this.waiting) {
      const id = item.draft.conversationId;
      if (batch.length < MAX_BATCH && !this.busy.has(id)) {
        this.busy.add(id);
        batch.push(item);
      } else {
        kept.push(item);
      }
    }
    this.waiting.splice(0, this.waiting.length, ...kept);
    return batch;
  }

  private async run(batch: Waiting[]): Promise<void> {
    if (batch.length > 1) {
      let results: (MessageRecord | null)[] | null = null;
      try {
        results = await appendVisitorMessages(
          this.db,
          batch.map((item) => item.draft),
        );
      } catch {
        // One bad message (or a deadlock with another server) must not fail
        // the others: each is retried alone below and gets its own outcome.
      }
      if (results) {
        batch.forEach((item, i) => item.resolve(results[i] ?? null));
        return;
      }
    }
    await Promise.all(batch.map((item) => this.one(item)));
  }

  private async one({ draft, resolve, reject }: Waiting): Promise<void> {
    try {
      const appended = await tryAppendMessage(this.db, {
        workspaceId: draft.workspaceId,
        conversationId: draft.conversationId,
        scope: and(
          eq(conversations.visitorId, draft.visitorId),
          ne(conversations.status, 'RESOLVED'),
        ),
        sender: { type: 'VISITOR', visitorId: draft.visitorId },
        body: draft.body,
      });
      resolve(appended?.message ?? null);
    } catch (error) {
      reject(error);
    }
  }
}

const queues = new WeakMap<Database, VisitorAppendQueue>();

/** The queue of `db` (one per database handle, so per server process). */
export function visitorAppendQueue(db: Database): VisitorAppendQueue {
  let queue = queues.get(db);
  if (!queue) {
    queue = new VisitorAppendQueue(db);
    queues.set(db, queue);
  }
  return queue;
}
