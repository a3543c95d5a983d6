// The channel a visitor came through, for the per-channel message budgets. A
// visitor's channel never changes, so it is looked up once per process and
// kept (bounded): the visitor's hot write path pays a map lookup, not a query.
import { and, eq, visitors, type Database } from '@parley/db';
import type { VisitorActor } from '../shared/actor.js';

/** Visitors remembered per process; past it the memory starts over. */
const MAX_REMEMBERED = 100_000;

export interface VisitorChannels {
  /** The visitor's channel id, or null when it has none (its channel was deleted). */
  of(visitor: VisitorActor): Promise<string | null>;
}

export function visitorChannels(db: Database): VisitorChannels {
  const known = new Map<string, string | null>();
  return {
    async of(visitor) {
      const cached = known.get(visitor.visitorId);
      if (cached !== undefined) return cached;
      const [row] = await db
        .select({ channelId: visitors.channelId })
        .from(visitors)
        .where(
          and(eq(visitors.workspaceId, visitor.workspaceId), eq(visitors.id, visitor.visitorId)),
        )
        .limit(1);
      const channelId = row?.channelId ?? null;
      if (known.size >= MAX_REMEMBERED) known.clear();
      known.set(visitor.visitorId, channelId);
      return channelId;
    },
  };
}
