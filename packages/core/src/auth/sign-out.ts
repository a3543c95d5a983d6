import { and, authSessions, eq, isNull, sql } from '@parley/db';
import { appendEvents } from '../events/append-events.js';
import type { Actor } from '../shared/actor.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';

/** Revokes the caller's session (open sockets on it close too). True when one was ended. */
export async function signOut(deps: CoreDeps, actor: Actor | null): Promise<boolean> {
  if (actor?.kind !== 'agent') return false;
  return inTransaction(deps, async (tx) => {
    const ended = await tx
      .update(authSessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(authSessions.id, actor.sessionId), isNull(authSessions.revokedAt)))
      .returning({ id: authSessions.id });
    if (ended.length === 0) return false;
    await appendEvents(tx, [
      {
        workspaceId: actor.workspaceId,
        type: 'SESSION_REVOKED',
        actorType: 'agent',
        actorId: actor.agentId,
        payload: { session: { id: actor.sessionId, agentId: actor.agentId } },
      },
    ]);
    return true;
  });
}
