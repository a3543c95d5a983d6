import type { Resolvers } from '../generated/resolvers-types.js';

export const conversationResolvers: Resolvers = {
  Query: {
    conversations: (_, args, { core, actor }) => core.listConversations(actor, args),
    conversation: (_, { id }, { core, actor }) => core.getConversation(actor, { id }),
  },
  Mutation: {
    sendMessage: (_, { input }, { core, actor }) => core.sendMessage(actor, input),
  },
  Conversation: {
    messages: (conversation, args, { core }) => core.listMessages(conversation, args),
  },
};
