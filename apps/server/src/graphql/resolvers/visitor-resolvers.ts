import type { Resolvers } from '../generated/resolvers-types.js';

export const visitorResolvers: Resolvers = {
  Query: {
    visitorConversations: (_, __, { core, actor }) => core.listVisitorConversations(actor),
    visitorConversation: (_, { id }, { core, actor }) => core.getVisitorConversation(actor, { id }),
  },
  Mutation: {
    startVisitorSession: (_, { input }, { core }) => core.startVisitorSession(input),
    visitorSendMessage: (_, { input }, { core, actor }) => core.visitorSendMessage(actor, input),
  },
  VisitorConversation: {
    messages: (conversation, args, { core }) => core.listMessages(conversation, args),
  },
  VisitorMessage: {
    // Visitors see an agent's display name, never their email or id.
    senderName: (message) => message.senderAgent?.name ?? null,
  },
};
