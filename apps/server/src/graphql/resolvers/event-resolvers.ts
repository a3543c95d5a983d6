import type { EventRecord } from '@parley/core';
import type { Resolvers } from '../generated/resolvers-types.js';

export const eventResolvers: Resolvers = {
  Query: {
    workspaceEvents: (_, args, { core, actor }) => core.listWorkspaceEvents(actor, args),
  },
  Subscription: {
    workspaceEvents: {
      subscribe: (_, args, { core, actor }) => core.subscribeWorkspaceEvents(actor, args),
      resolve: (event: EventRecord) => event,
    },
    visitorEvents: {
      subscribe: (_, args, { core, actor }) => core.subscribeVisitorEvents(actor, args),
      resolve: (event: EventRecord) => event,
    },
  },
  WorkspaceEvent: {
    cursor: (event) => event.id.toString(),
    type: (event) => event.type,
    occurredAt: (event) => event.createdAt,
    conversation: (event) => event.payload.conversation ?? null,
    message: (event) => event.payload.message ?? null,
    visitor: (event) => event.payload.visitor ?? event.payload.conversation?.visitor ?? null,
    agent: (event) => event.payload.agent ?? null,
    readReceipt: (event) => event.payload.readReceipt ?? null,
    assignment: (event) => event.payload.assignment ?? null,
    tag: (event) => event.payload.tag ?? null,
    workspace: (event) => event.payload.workspace ?? null,
  },
  VisitorEvent: {
    cursor: (event) => event.id.toString(),
    type: (event) => event.type,
    conversationId: (event) => event.conversationId ?? '',
    conversation: (event) => event.payload.conversation ?? null,
    message: (event) => event.payload.message ?? null,
  },
};
