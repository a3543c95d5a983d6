// Integrator API tokens: created by an owner/admin, shown once, stored hashed, revocable.
import { z } from 'zod';
import { and, apiTokens, desc, eq, sql } from '@parley/db';
import { audit } from '../audit/audit-log.js';
import { appendEvents } from '../events/append-events.js';
import type { NewEvent } from '../events/event-types.js';
import { requireAgent, type Actor, type AgentActor } from '../shared/actor.js';
import { requirePermission } from '../shared/permissions.js';
import { notFound } from '../shared/errors.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import { API_TOKEN_PREFIX, hashToken, newToken } from './tokens.js';

export const API_TOKEN_SCOPES = ['READ', 'WRITE', 'EVENTS'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export interface ApiTokenRecord {
  id: string;
  name: string;
  scopes: ApiTokenScope[];
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface CreatedApiToken {
  apiToken: ApiTokenRecord;
  token: string;
}

const columns = {
  id: apiTokens.id,
  name: apiTokens.name,
  scopes: sql<ApiTokenScope[]>`array(select upper(s) from unnest(${apiTokens.scopes}) s)`,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

const CreateInput = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  scopes: z
    .array(z.enum(API_TOKEN_SCOPES))
    .min(1, 'must name at least one scope')
    .nullish()
    .transform((scopes) => [...new Set(scopes ?? API_TOKEN_SCOPES)]),
});

export async function createApiToken(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<CreatedApiToken> {
  const admin = requireAgent(actor);
  requirePermission(admin, 'api_token.manage');
  const { name, scopes } = validate(CreateInput, input);
  const token = newToken(API_TOKEN_PREFIX);
  return inTransaction(deps, async (tx) => {
    const [apiToken] = await tx
      .insert(apiTokens)
      .values({
        workspaceId: admin.workspaceId,
        createdByAgentId: admin.agentId,
        name,
        prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
        tokenHash: hashToken(token),
        scopes: scopes.map((scope) => scope.toLowerCase()),
      })
      .returning(columns);
    if (!apiToken) throw new Error('api token insert returned nothing');
    await appendEvents(tx, [tokenEvent('API_TOKEN_CREATED', admin, apiToken)]);
    await audit(tx, admin, 'api_token.created', { type: 'api_token', id: apiToken.id }, null, {
      name: apiToken.name,
      scopes: apiToken.scopes,
    });
    return { apiToken, token };
  });
}

function tokenEvent(
  type: 'API_TOKEN_CREATED' | 'API_TOKEN_REVOKED',
  admin: AgentActor,
  token: ApiTokenRecord,
): NewEvent {
  return {
    workspaceId: admin.workspaceId,
    type,
    actorType: 'agent',
    actorId: admin.agentId,
    payload: { apiToken: { id: token.id, name: token.name, prefix: token.prefix } },
  };
}

export async function listApiTokens(
  deps: CoreDeps,
  actor: Actor | null,
): Promise<ApiTokenRecord[]> {
  const admin = requireAgent(actor);
  requirePermission(admin, 'api_token.manage');
  return deps.db
    .select(columns)
    .from(apiTokens)
    .where(eq(apiTokens.workspaceId, admin.workspaceId))
    .orderBy(desc(apiTokens.createdAt));
}

const RevokeInput = z.object({ id: Id });

export async function revokeApiToken(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ApiTokenRecord> {
  const admin = requireAgent(actor);
  requirePermission(admin, 'api_token.manage');
  const { id } = validate(RevokeInput, input);
  return inTransaction(deps, async (tx) => {
    const [current] = await tx
      .select(columns)
      .from(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.workspaceId, admin.workspaceId)))
      .for('update');
    if (!current) throw notFound('API token');
    if (current.revokedAt) return current; // revoking twice changes nothing
    const [revoked] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(eq(apiTokens.id, id))
      .returning(columns);
    if (!revoked) throw notFound('API token');
    await appendEvents(tx, [tokenEvent('API_TOKEN_REVOKED', admin, revoked)]);
    await audit(
      tx,
      admin,
      'api_token.revoked',
      { type: 'api_token', id: revoked.id },
      { revokedAt: null },
      {
        revokedAt: revoked.revokedAt,
      },
    );
    return revoked;
  });
}
