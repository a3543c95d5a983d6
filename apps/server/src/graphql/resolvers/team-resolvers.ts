import {
  avatarPath,
  type AgentProfileRecord,
  type AgentRecord,
  type TeamMemberRecord,
} from '@parley/core';
import { PROFILE_LANGUAGES } from '@parley/core';
import type { GraphQLContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers-types.js';

/**
 * A team-member fact: from the record when it carries it (a team listing, or
 * an event's snapshot as of that event), else looked up, batched per request.
 */
async function fact<K extends keyof TeamMemberRecord>(
  agent: AgentRecord,
  key: K,
  ctx: GraphQLContext,
): Promise<TeamMemberRecord[K] | undefined> {
  const own = (agent as Partial<TeamMemberRecord>)[key];
  if (own !== undefined) return own;
  return (await ctx.loaders.member.load(agent.id))?.[key];
}

/** Profile facts: from the record when it carries them (own profile, AGENT_UPDATED), else batched. */
async function profileFact<K extends 'language' | 'avatarHash'>(
  agent: AgentRecord,
  key: K,
  ctx: GraphQLContext,
): Promise<AgentProfileRecord[K] | undefined> {
  const own = (agent as Partial<AgentProfileRecord>)[key];
  if (own !== undefined) return own;
  const facts = await ctx.loaders.agentProfile.load(agent.id);
  return facts?.[key] as AgentProfileRecord[K] | undefined;
}

export const teamResolvers: Resolvers = {
  Query: {
    agents: (_, __, { core, actor }) => core.listAgents(actor),
    profileLanguages: () => [...PROFILE_LANGUAGES],
    websiteChannels: (_, __, { core, actor }) => core.listWebsiteChannels(actor),
    widgetFramePolicy: (_, { channelKey }, { core }) => core.widgetFramePolicy(channelKey),
  },
  Mutation: {
    setAgentStatus: (_, { status }, { core, actor }) => core.setAgentStatus(actor, { status }),
    setReceptionLimit: (_, args, { core, actor }) => core.setReceptionLimit(actor, args),
    updateWorkspaceSettings: (_, { input }, { core, actor }) =>
      core.updateWorkspaceSettings(actor, input),
    renameWorkspace: (_, { name }, { core, actor }) => core.renameWorkspace(actor, { name }),
    updateChannelAllowedOrigins: (_, args, { core, actor }) =>
      core.updateChannelAllowedOrigins(actor, args),
    updateMyProfile: (_, { input }, { core, actor }) => core.updateMyProfile(actor, input),
    setMyAvatar: (_, { input }, { core, actor }) => core.setMyAvatar(actor, input),
    removeMyAvatar: (_, __, { core, actor }) => core.removeMyAvatar(actor),
  },
  Workspace: {
    settings: (workspace, _, { core }) => core.getWorkspaceSettings(workspace.id),
  },
  Agent: {
    status: async (agent, _, ctx) => (await fact(agent, 'status', ctx)) ?? 'OFFLINE',
    receptionLimit: async (agent, _, ctx) => (await fact(agent, 'receptionLimit', ctx)) ?? 0,
    activeConversationCount: async (agent, _, ctx) =>
      (await fact(agent, 'activeConversationCount', ctx)) ?? 0,
    role: async (agent, _, ctx) => (await fact(agent, 'role', ctx)) ?? 'AGENT',
    avatarUrl: async (agent, _, ctx) =>
      avatarPath(agent.id, (await profileFact(agent, 'avatarHash', ctx)) ?? null),
    language: async (agent, _, ctx) => (await profileFact(agent, 'language', ctx)) ?? 'en',
    // Personal: only the agent themself reads their preferences.
    notificationPreferences: (agent, _, { actor }) =>
      actor?.kind === 'agent' && actor.agentId === agent.id
        ? ((agent as Partial<AgentProfileRecord>).notificationPreferences ?? null)
        : null,
  },
};
