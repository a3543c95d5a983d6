import type { TypingSignal } from '@parley/core';
import type { Resolvers } from '../generated/resolvers-types.js';

// Conversation lifecycle, read state, recall, typing: each resolver hands the
// caller and the arguments to one domain operation.
export const inboxResolvers: Resolvers = {
  Query: {
    conversationCounts: (_, args, { core, actor }) => core.countConversations(actor, args),
  },
  Mutation: {
    takeConversation: (_, { id }, { core, actor }) => core.takeConversation(actor, { id }),
    assignConversation: (_, { input }, { core, actor }) => core.assignConversation(actor, input),
    handOffConversation: (_, { id }, { core, actor }) => core.handOffConversation(actor, { id }),
    resolveConversation: (_, { id }, { core, actor }) => core.resolveConversation(actor, { id }),
    reopenConversation: (_, args, { core, actor }) => core.reopenConversation(actor, args),
    pinConversation: (_, args, { core, actor }) => core.pinConversation(actor, args),
    markConversationRead: (_, args, { core, actor }) => core.markConversationRead(actor, args),
    recallMessage: (_, { id }, { core, actor }) => core.recallMessage(actor, { id }),
    sendTyping: (_, { input }, { core, actor }) => core.sendTyping(actor, input),
    setViewing: (_, args, { core, actor }) => core.sendViewing(actor, args),
  },
  Subscription: {
    typing: {
      subscribe: (_, __, { core, actor }) => core.subscribeTyping(actor),
      resolve: (signal: TypingSignal) => signal,
    },
    agentActivity: {
      subscribe: (_, args, { core, actor }) => core.subscribeAgentActivity(actor, args),
      resolve: (signal: TypingSignal) => ({
        conversationId: signal.conversationId,
        agentId: signal.agentId ?? '',
        name: signal.name ?? '',
        kind: signal.kind ?? 'TYPING',
        active: signal.typing,
      }),
    },
  },
};
