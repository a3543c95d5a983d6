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
    // Batched per request: a list of conversations costs one lookup, not one each.
    group: (conversation, _, { loaders }) =>
      conversation.groupId ? loaders.group.load(conversation.groupId) : null,
  },
};
