import { PERMISSIONS, type Permission } from '@parley/core';
import { GraphQLScalarType } from 'graphql';
import type { Permission as GraphQLPermission, Resolvers } from '../generated/resolvers-types.js';

/** `conversation.view_all` ⇄ `CONVERSATION_VIEW_ALL`. */
const toGraphQL = (permission: Permission) =>
  permission.replace('.', '_').toUpperCase() as GraphQLPermission;
const BY_GRAPHQL_NAME = new Map(
  PERMISSIONS.map((permission) => [toGraphQL(permission), permission]),
);
const fromGraphQL = (permission: GraphQLPermission): string =>
  BY_GRAPHQL_NAME.get(permission) ?? permission;

export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
});

export const teamAdminResolvers: Resolvers = {
  Query: {
    teamMembers: (_, __, { core, actor }) => core.listTeamMembers(actor),
    customRoles: (_, __, { core, actor }) => core.listCustomRoles(actor),
    invitations: (_, __, { core, actor }) => core.listInvitations(actor),
    invitation: (_, { token }, { core }) => core.previewInvitation({ token }),
    auditLog: (_, args, { core, actor }) => core.listAuditLog(actor, args),
  },
  Mutation: {
    inviteMember: (_, { input }, { core, actor }) => core.inviteMember(actor, input),
    revokeInvitation: (_, { id }, { core, actor }) => core.revokeInvitation(actor, { id }),
    acceptInvitation: async (_, { input }, { core, session }) => {
      const result = await core.acceptInvitation(input);
      session.set(result.token, result.expiresAt);
      return result;
    },
    changeMemberRole: (_, { input }, { core, actor }) => core.changeMemberRole(actor, input),
    deactivateMember: (_, { agentId }, { core, actor }) =>
      core.deactivateMember(actor, { agentId }),
    reactivateMember: (_, { agentId }, { core, actor }) =>
      core.reactivateMember(actor, { agentId }),
    createCustomRole: (_, { input }, { core, actor }) =>
      core.createCustomRole(actor, { ...input, permissions: input.permissions.map(fromGraphQL) }),
    updateCustomRole: (_, { id, input }, { core, actor }) =>
      core.updateCustomRole(actor, id, {
        ...input,
        permissions: input.permissions.map(fromGraphQL),
      }),
    deleteCustomRole: (_, { id }, { core, actor }) => core.deleteCustomRole(actor, { id }),
  },
  Viewer: {
    permissions: (viewer, _, { core }) => core.permissionsOf(viewer).map(toGraphQL),
  },
  TeamMember: {
    permissions: (member) => member.permissions.map(toGraphQL),
  },
  CustomRole: {
    permissions: (role) => role.permissions.map(toGraphQL),
  },
  AuditEntry: {
    id: (entry) => entry.id.toString(),
  },
};
