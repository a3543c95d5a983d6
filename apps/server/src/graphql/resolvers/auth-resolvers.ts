import type { Resolvers } from '../generated/resolvers-types.js';

export const authResolvers: Resolvers = {
  Query: {
    viewer: (_, __, { core, actor }) => core.getViewer(actor),
    apiTokens: (_, __, { core, actor }) => core.listApiTokens(actor),
    setupStatus: (_, __, { core }) => core.setupStatus(),
    sessions: (_, __, { core, actor }) => core.listSessions(actor),
  },
  Mutation: {
    signIn: async (_, { input }, { core, session, request }) => {
      const result = await core.signIn(input, request);
      session.set(result.token, result.expiresAt);
      return result;
    },
    signOut: async (_, __, { core, actor, session }) => {
      session.clear();
      return core.signOut(actor);
    },
    setUpWorkspace: async (_, { input }, { core, session, request }) => {
      const result = await core.setUpWorkspace(input, request);
      session.set(result.token, result.expiresAt);
      return result;
    },
    signUp: async (_, { input }, { core, session, request }) => {
      const result = await core.signUp(input, request);
      session.set(result.token, result.expiresAt);
      return result;
    },
    changePassword: (_, { input }, { core, actor }) => core.changePassword(actor, input),
    requestPasswordReset: (_, { email }, { core, request }) =>
      core.requestPasswordReset({ email }, request),
    resetPassword: async (_, { input }, { core, session, request }) => {
      const result = await core.resetPassword(input, request);
      session.set(result.token, result.expiresAt);
      return result;
    },
    createPasswordResetLink: (_, { agentId }, { core, actor }) =>
      core.createPasswordResetLink(actor, { agentId }),
    revokeSession: (_, { id }, { core, actor }) => core.revokeSession(actor, { id }),
    revokeOtherSessions: (_, __, { core, actor }) => core.revokeOtherSessions(actor),
    createApiToken: (_, { input }, { core, actor }) => core.createApiToken(actor, input),
    revokeApiToken: (_, { id }, { core, actor }) => core.revokeApiToken(actor, { id }),
  },
  SignInPayload: {
    viewer: (result) => result.actor,
  },
  Viewer: {
    workspace: (viewer, _, { core }) => core.getWorkspace(viewer),
    agent: (viewer, _, { core }) => core.getMyProfile(viewer),
    role: (viewer) => (viewer.kind === 'agent' ? viewer.role : null),
    apiTokenId: (viewer) => (viewer.kind === 'apiToken' ? viewer.tokenId : null),
  },
};
