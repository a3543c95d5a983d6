import type { AgentRecord, TeamMemberRecord } from '@parley/core';
import type { GraphQLContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers-types.js';

/** Team-member facts, from the record when it carries them, else batched per request. */
async function member(agent: AgentRecord, ctx: GraphQLContext): Promise<TeamMemberRecord | null> {
  return 'status' in agent ? (agent as TeamMemberRecord) : ctx.loaders.member.load(agent.id);
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
    status: async (agent, _, ctx) => (await member(agent, ctx))?.status ?? 'OFFLINE',
    receptionLimit: async (agent, _, ctx) => (await member(agent, ctx))?.receptionLimit ?? 0,
    activeConversationCount: async (agent, _, ctx) =>
      (await member(agent, ctx))?.activeConversationCount ?? 0,
    role: async (agent, _, ctx) => (await member(agent, ctx))?.role ?? 'AGENT',
  },
};
