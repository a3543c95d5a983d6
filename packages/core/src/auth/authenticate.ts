// Turns a presented credential into an actor, or null. Callers decide what a
// missing actor means (anonymous `__typename` is fine; private fields are not).
import {
  and,
  apiTokens,
  authSessions,
  customRoles,
  eq,
  gt,
  isNull,
  lt,
  memberships,
  or,
  sql,
} from '@parley/db';
import type { Actor } from '../shared/actor.js';
import { preparedQuery } from '../shared/prepared.js';
import type { CoreDeps } from '../shared/transaction.js';
import { verifyVisitorToken } from '../visitors/visitor-token.js';
import { API_TOKEN_PREFIX, hashToken, SESSION_TOKEN_PREFIX } from './tokens.js';

export interface Credentials {
  /** An agent session or API token (Authorization: Bearer, or the session cookie). */
  bearer?: string | null;
  /** A visitor token (Authorization: Visitor). */
  visitor?: string | null;
}

export async function authenticate(
  deps: CoreDeps,
  credentials: Credentials,
): Promise<Actor | null> {
  const bearer = credentials.bearer?.trim();
  if (bearer?.startsWith(SESSION_TOKEN_PREFIX)) return authenticateSession(deps, bearer);
  if (bearer?.startsWith(API_TOKEN_PREFIX)) return authenticateApiToken(deps, bearer);
  const visitor = credentials.visitor?.trim();
  if (visitor) {
    const claims = verifyVisitorToken(deps.visitorTokenKey, visitor);
    return claims
      ? { kind: 'visitor', workspaceId: claims.workspaceId, visitorId: claims.visitorId }
      : null;
  }
  return null;
}

async function authenticateSession(deps: CoreDeps, token: string): Promise<Actor | null> {
  // Every agent request starts here: built once, then run with the hash.
  const lookup = preparedQuery(deps.db, 'session', () =>
    deps.db
      .select({
        sessionId: authSessions.id,
        lastUsedAt: authSessions.lastUsedAt,
        workspaceId: authSessions.workspaceId,
        agentId: authSessions.agentId,
        role: memberships.role,
        customPermissions: customRoles.permissions,
      })
      .from(authSessions)
      .innerJoin(
        memberships,
        and(
          eq(memberships.agentId, authSessions.agentId),
          eq(memberships.workspaceId, authSessions.workspaceId),
          // A deactivated member's sessions stop working at once.
          eq(memberships.active, true),
        ),
      )
      .leftJoin(customRoles, eq(customRoles.id, memberships.customRoleId))
      .where(
        and(
          eq(authSessions.tokenHash, sql.placeholder('hash')),
          isNull(authSessions.revokedAt),
          gt(authSessions.expiresAt, sql`now()`),
        ),
      )
      .limit(1)
      .prepare('session'),
  );
  const [row] = await lookup.execute({ hash: hashToken(token) });
  if (!row) return null;
  const { customPermissions, lastUsedAt, ...rest } = row;
  // "Last used" for the session list: one write a minute at most, not one per request.
  if (!lastUsedAt || Date.now() - lastUsedAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
    await touchSession(deps, rest.sessionId);
  }
  return { kind: 'agent', ...rest, ...(customPermissions ? { customPermissions } : {}) };
}

const SESSION_TOUCH_INTERVAL_MS = 60_000;

async function touchSession(deps: CoreDeps, sessionId: string): Promise<void> {
  // Conditional, so several processes seeing the same stale time write once.
  await deps.db
    .update(authSessions)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(authSessions.id, sessionId),
        or(
          isNull(authSessions.lastUsedAt),
          lt(authSessions.lastUsedAt, sql`now() - interval '1 minute'`),
        ),
      ),
    );
}

async function authenticateApiToken(deps: CoreDeps, token: string): Promise<Actor | null> {
  const [row] = await deps.db
    .select({ id: apiTokens.id, workspaceId: apiTokens.workspaceId, scopes: apiTokens.scopes })
    .from(apiTokens)
    // Defence in depth (deactivation also revokes them): a token works only
    // while the member who made it is still active in its workspace.
    .innerJoin(
      memberships,
      and(
        eq(memberships.agentId, apiTokens.createdByAgentId),
        eq(memberships.workspaceId, apiTokens.workspaceId),
        eq(memberships.active, true),
      ),
    )
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  // Record use at most once a minute, so reads do not turn into a write each.
  await deps.db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, row.id),
        or(
          isNull(apiTokens.lastUsedAt),
          lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`),
        ),
      ),
    );
  return { kind: 'apiToken', tokenId: row.id, workspaceId: row.workspaceId, scopes: row.scopes };
}
