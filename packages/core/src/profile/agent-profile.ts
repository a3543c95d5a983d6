// The signed-in agent's own profile: display name, preferred language and
// notification preferences. A name change reaches colleagues' open
// workbenches through AGENT_UPDATED, written in every workspace the agent
// belongs to (agents are global identities; their name shows in each).
import { z } from 'zod';
import { agentAvatars, agents, and, eq, inArray, memberships, type Database } from '@parley/db';
import type { AgentRecord } from '../conversations/records.js';
import { appendEvents } from '../events/append-events.js';
import {
  requireAgent,
  requireWorkspaceActor,
  type Actor,
  type AgentActor,
} from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import {
  NotificationPreferencesPatch,
  PROFILE_LANGUAGES,
  readNotificationPreferences,
  type NotificationPreferences,
} from './profile-options.js';

export interface AgentProfileRecord extends AgentRecord {
  language: string;
  /** Null when the agent has no avatar; else the version in its URL. */
  avatarHash: string | null;
  notificationPreferences: NotificationPreferences;
}

const profileColumns = {
  id: agents.id,
  name: agents.name,
  email: agents.email,
  language: agents.language,
  notificationPreferences: agents.notificationPreferences,
  avatarHash: agentAvatars.hash,
};

async function readProfile(db: Database, agentId: string): Promise<AgentProfileRecord | null> {
  const [row] = await db
    .select(profileColumns)
    .from(agents)
    .leftJoin(agentAvatars, eq(agentAvatars.agentId, agents.id))
    .where(eq(agents.id, agentId));
  if (!row) return null;
  return {
    ...row,
    notificationPreferences: readNotificationPreferences(row.notificationPreferences),
  };
}

/** The signed-in agent's profile; null for an API token. */
export async function getMyProfile(
  deps: CoreDeps,
  actor: Actor | null,
): Promise<AgentProfileRecord | null> {
  const viewer = requireWorkspaceActor(actor);
  if (viewer.kind !== 'agent') return null;
  return readProfile(deps.db, viewer.agentId);
}

/**
 * Language and avatar version of members of the actor's workspace (batched
 * for the Agent type's fields); other agents are left out.
 */
export async function loadAgentProfiles(
  deps: CoreDeps,
  actor: Actor | null,
  agentIds: readonly string[],
): Promise<{ id: string; language: string; avatarHash: string | null }[]> {
  if (!actor || actor.kind === 'visitor' || agentIds.length === 0) return [];
  return deps.db
    .select({ id: agents.id, language: agents.language, avatarHash: agentAvatars.hash })
    .from(memberships)
    .innerJoin(agents, eq(agents.id, memberships.agentId))
    .leftJoin(agentAvatars, eq(agentAvatars.agentId, agents.id))
    .where(
      and(
        eq(memberships.workspaceId, actor.workspaceId),
        inArray(memberships.agentId, [...agentIds]),
      ),
    );
}

const Input = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(100, 'must be at most 100 characters')
      .nullish(),
    language: z
      .enum(PROFILE_LANGUAGES, { message: `must be one of ${PROFILE_LANGUAGES.join(', ')}` })
      .nullish(),
    notificationPreferences: NotificationPreferencesPatch.nullish(),
  })
  .strict();

export async function updateMyProfile(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<AgentProfileRecord> {
  const viewer = requireAgent(actor);
  const { name, language, notificationPreferences } = validate(Input, input);
  return inTransaction(deps, async (tx) => {
    const current = await readProfile(tx, viewer.agentId);
    if (!current) throw notFound('Agent');
    const preferences = { ...current.notificationPreferences };
    for (const [key, value] of Object.entries(notificationPreferences ?? {})) {
      if (typeof value === 'boolean') preferences[key as keyof NotificationPreferences] = value;
    }
    await tx
      .update(agents)
      .set({
        ...(name != null ? { name } : {}),
        ...(language != null ? { language } : {}),
        notificationPreferences: preferences,
      })
      .where(eq(agents.id, viewer.agentId));
    const profile = await readProfile(tx, viewer.agentId);
    if (!profile) throw notFound('Agent');
    // Only what colleagues see changes their screens.
    if (profile.name !== current.name) await announceAgent(tx, viewer, profile);
    return profile;
  });
}

/** AGENT_UPDATED in every workspace the agent is an active member of. */
export async function announceAgent(
  tx: Database,
  viewer: AgentActor,
  profile: Pick<AgentProfileRecord, 'id' | 'name' | 'email' | 'avatarHash'>,
): Promise<void> {
  const rows = await tx
    .select({ workspaceId: memberships.workspaceId })
    .from(memberships)
    .where(and(eq(memberships.agentId, viewer.agentId), eq(memberships.active, true)));
  const agent = {
    id: profile.id,
    name: profile.name,
    email: profile.email,
    avatarHash: profile.avatarHash,
  };
  await appendEvents(
    tx,
    rows.map(({ workspaceId }) => ({
      workspaceId,
      type: 'AGENT_UPDATED' as const,
      actorType: 'agent' as const,
      actorId: viewer.agentId,
      payload: { agent },
    })),
  );
}
