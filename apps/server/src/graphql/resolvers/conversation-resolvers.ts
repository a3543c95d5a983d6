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
    // Lists already carry the count: answering synchronously spares graphql-js
    // a promise (and a promise-for-object) per row.
    unreadCount: (conversation, _, { core, actor }) =>
      conversation.unreadCount ?? core.unreadCountFor(actor, conversation),
  },
  Visitor: {
    language: async (visitor, _, { loaders }) =>
      (await loaders.visitorProfile.load(visitor.id))?.language ?? null,
    userAgent: async (visitor, _, { loaders }) =>
      (await loaders.visitorProfile.load(visitor.id))?.userAgent ?? null,
    ip: async (visitor, _, { loaders }) =>
      (await loaders.visitorProfile.load(visitor.id))?.ip ?? null,
    lastSeenAt: async (visitor, _, { loaders }) =>
      (await loaders.visitorProfile.load(visitor.id))?.lastSeenAt ?? null,
    tags: (visitor, _, { loaders }) => loaders.visitorTags.load(visitor.id),
    pageViews: (visitor, { last }, { core, actor }) =>
      core.listPageViews(actor, visitor.id, last ?? 20),
  },
};
