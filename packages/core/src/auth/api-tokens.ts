// Integrator API tokens: created by an owner/admin, shown once, stored hashed, revocable.
import { z } from 'zod';
import { and, apiTokens, desc, eq, sql } from '@parley/db';
import { requireAdmin, type Actor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import type { CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import { API_TOKEN_PREFIX, hashToken, newToken } from './tokens.js';

export interface ApiTokenRecord {
  id: string;
  name: string;
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
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

const CreateInput = z.object({ name: z.string().trim().min(1, 'is required').max(100) });

export async function createApiToken(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<CreatedApiToken> {
  const admin = requireAdmin(actor);
  const { name } = validate(CreateInput, input);
  const token = newToken(API_TOKEN_PREFIX);
  const [apiToken] = await deps.db
    .insert(apiTokens)
    .values({
      workspaceId: admin.workspaceId,
      createdByAgentId: admin.agentId,
      name,
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      tokenHash: hashToken(token),
    })
    .returning(columns);
  if (!apiToken) throw new Error('api token insert returned nothing');
  return { apiToken, token };
}

export async function listApiTokens(
  deps: CoreDeps,
  actor: Actor | null,
): Promise<ApiTokenRecord[]> {
  const admin = requireAdmin(actor);
  return deps.db
    .select(columns)
    .from(apiTokens)
    .where(eq(apiTokens.workspaceId, admin.workspaceId))
    .orderBy(desc(apiTokens.createdAt));
}

const RevokeInput = z.object({ id: z.uuid('is not a valid id') });

export async function revokeApiToken(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ApiTokenRecord> {
  const admin = requireAdmin(actor);
  const { id } = validate(RevokeInput, input);
  const [revoked] = await deps.db
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.workspaceId, admin.workspaceId)))
    .returning(columns);
  if (!revoked) throw notFound('API token');
  return revoked;
}
