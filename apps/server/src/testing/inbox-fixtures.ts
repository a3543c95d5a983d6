// A workspace with an owner, a plain agent and visitors, driven over real
// GraphQL HTTP, for the inbox integration tests.
import { gql, type GraphQLResponse } from './graphql-client.js';
import {
  createWorkspaceFixture,
  type TestServer,
  type WorkspaceFixture,
} from './start-test-server.js';

export interface InboxFixture {
  ws: WorkspaceFixture;
  ownerToken: string;
  ownerId: string;
  agentToken: string;
  agentId: string;
  /** Sends a GraphQL operation as the given token (or visitor). */
  call<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: { token?: string; visitor?: string },
  ): Promise<GraphQLResponse<T>>;
  newVisitor(name?: string): Promise<string>;
  /** A visitor message; returns the conversation id and message. */
  visitorSays(
    visitor: string,
    body: string,
    conversationId?: string,
  ): Promise<{ conversationId: string; id: string; seq: number }>;
}

let counter = 0;

export async function createInboxFixture(server: TestServer): Promise<InboxFixture> {
  const ws = await createWorkspaceFixture(server);
  const owner = await server.core.signIn({ email: ws.email, password: ws.password });
  counter += 1;
  const agentEmail = `agent-${Date.now().toString(36)}-${counter}@example.test`;
  const agent = await server.core.addTeamMember(owner.actor, {
    email: agentEmail,
    name: `Agent ${counter}`,
    password: 'agent-password',
    role: 'AGENT',
  });
  const agentSession = await server.core.signIn({ email: agentEmail, password: 'agent-password' });
  const call: InboxFixture['call'] = (query, variables = {}, as = { token: owner.token }) =>
    gql(server.graphqlUrl, query, variables, as);
  return {
    ws,
    ownerToken: owner.token,
    ownerId: owner.actor.agentId,
    agentToken: agentSession.token,
    agentId: agent.id,
    call,
    async newVisitor(name) {
      const response = await call<{ startVisitorSession: { token: string } }>(
        `mutation($key: String!, $name: String) { startVisitorSession(input: { channelKey: $key, name: $name }) { token } }`,
        { key: ws.websiteChannelKey, name: name ?? null },
        {},
      );
      return response.data!.startVisitorSession.token;
    },
    async visitorSays(visitor, body, conversationId) {
      const response = await call<{
        visitorSendMessage: { id: string; conversationId: string; seq: number };
      }>(
        `mutation($id: ID, $body: String!) { visitorSendMessage(input: { conversationId: $id, body: $body }) { id conversationId seq } }`,
        { id: conversationId ?? null, body },
        { visitor },
      );
      if (!response.data) throw new Error(JSON.stringify(response.errors));
      return response.data.visitorSendMessage;
    },
  };
}
