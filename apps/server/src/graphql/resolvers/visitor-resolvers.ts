import type { TypingSignal } from '@parley/core';
import type { Resolvers } from '../generated/resolvers-types.js';

export const visitorResolvers: Resolvers = {
  Mutation: {
    startVisitorSession: (_, { input }, { core, request }) =>
      core.startVisitorSession(input, request),
    visitorSendMessage: (_, { input }, { core, actor }) => core.visitorSendMessage(actor, input),
    visitorRequestHuman: (_, args, { core, actor }) => core.visitorRequestHuman(actor, args),
    visitorRecallMessage: (_, { id }, { core, actor }) => core.visitorRecallMessage(actor, { id }),
    visitorMarkRead: (_, args, { core, actor }) => core.visitorMarkRead(actor, args),
    visitorSendTyping: (_, { input }, { core, actor }) => core.visitorSendTyping(actor, input),
    visitorTrackPageView: (_, { input }, { core, actor, request }) =>
      core.trackPageView(actor, input, request),
    updateVisitor: (_, { input }, { core, actor }) => core.updateVisitor(actor, input),
    createTag: (_, args, { core, actor }) => core.createTag(actor, args),
    updateTag: (_, args, { core, actor }) => core.updateTag(actor, args),
    deleteTag: (_, { id }, { core, actor }) => core.deleteTag(actor, { id }),
    tagVisitor: (_, args, { core, actor }) => core.tagVisitor(actor, args),
    untagVisitor: (_, args, { core, actor }) => core.untagVisitor(actor, args),
  },
  Query: {
    visitorConversations: (_, __, { core, actor }) => core.listVisitorConversations(actor),
    visitorConversation: (_, { id }, { core, actor }) => core.getVisitorConversation(actor, { id }),
    tags: (_, __, { core, actor }) => core.listTags(actor),
  },
  Subscription: {
    visitorTyping: {
      subscribe: (_, __, { core, actor }) => core.subscribeVisitorTyping(actor),
      resolve: (signal: TypingSignal) => signal,
    },
  },
  VisitorConversation: {
    // Internal notes never reach the visitor.
    messages: (conversation, args, { core }) => core.listVisitorMessages(conversation, args),
    assigneeName: (conversation) => conversation.assignee?.name ?? null,
  },
  VisitorMessage: {
    // Visitors see an agent's display name, never their email or id.
    senderName: (message) => message.senderAgent?.name ?? null,
  },
};
