import type { AgentRecord, TeamMemberRecord } from '@parley/core';
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

export const teamResolvers: Resolvers = {
  Query: {
    agents: (_, __, { core, actor }) => core.listAgents(actor),
  },
  Mutation: {
    setAgentStatus: (_, { status }, { core, actor }) => core.setAgentStatus(actor, { status }),
    setReceptionLimit: (_, args, { core, actor }) => core.setReceptionLimit(actor, args),
    updateWorkspaceSettings: (_, { input }, { core, actor }) =>
      core.updateWorkspaceSettings(actor, input),
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
  },
};
