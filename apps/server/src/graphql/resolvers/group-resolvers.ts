import type { Resolvers } from '../generated/resolvers-types.js';

export const groupResolvers: Resolvers = {
  Query: {
    agentGroups: (_, __, { core, actor }) => core.listAgentGroups(actor),
  },
  Mutation: {
    createAgentGroup: (_, { name }, { core, actor }) => core.createAgentGroup(actor, { name }),
    setAgentGroupMembers: (_, { groupId, agentIds }, { core, actor }) =>
      core.setGroupMembers(actor, { groupId, agentIds }),
    deleteAgentGroup: (_, { id }, { core, actor }) => core.deleteAgentGroup(actor, { id }),
    routeConversation: (_, args, { core, actor }) => core.routeConversation(actor, args),
  },
  AgentGroup: {
    members: async (group, _, { loaders }) =>
      (await loaders.member.loadMany(group.memberIds)).flatMap((m) =>
        m && !(m instanceof Error) ? [m] : [],
      ),
  },
  Conversation: {
    group: async (conversation, _, { core, actor }) =>
      conversation.groupId
        ? ((await core.listAgentGroups(actor)).find((g) => g.id === conversation.groupId) ?? null)
        : null,
  },
};
