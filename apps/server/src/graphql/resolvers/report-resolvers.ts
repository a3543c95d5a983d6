import type { SessionEventRecord } from '@parley/core';
import type { GraphQLContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers-types.js';

const agentById = (id: string | null, { loaders }: GraphQLContext) =>
  id ? loaders.member.load(id) : null;

export const reportResolvers: Resolvers = {
  Query: {
    sessionEvents: (_, args, { core, actor }) => core.listSessionEvents(actor, args),
  },
  Subscription: {
    sessionEvents: {
      subscribe: (_, args, { core, actor }) => core.subscribeSessionEvents(actor, args),
      resolve: (event: SessionEventRecord) => event,
    },
  },
  SessionEvent: {
    cursor: (event) => event.id.toString(),
    agent: (event, _, ctx) => agentById(event.agentId, ctx),
    fromAgent: (event, _, ctx) => agentById(event.fromAgentId, ctx),
  },
};
