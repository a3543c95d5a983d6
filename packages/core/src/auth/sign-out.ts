import { and, authSessions, eq, isNull, sql } from '@parley/db';
import type { Actor } from '../shared/actor.js';
import type { CoreDeps } from '../shared/transaction.js';

/** Revokes the caller's session. True when a session was ended. */
export async function signOut(deps: CoreDeps, actor: Actor | null): Promise<boolean> {
  if (actor?.kind !== 'agent') return false;
  const ended = await deps.db
    .update(authSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(authSessions.id, actor.sessionId), isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id });
  return ended.length > 0;
}
