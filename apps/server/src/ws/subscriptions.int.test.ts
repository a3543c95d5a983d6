import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeCodeOf,
  collect,
  eventCursorNow,
  createWorkspaceFixture,
  gql,
  startTestServer,
  wsClient,
  type TestServer,
  type WorkspaceFixture,
} from '../testing/index.js';

const EVENTS = /* GraphQL */ `
  subscription Events($after: String) {
    workspaceEvents(after: $after) {
      cursor
      type
      conversationId
      conversation {
        id
        status
        visitor {
          name
        }
        lastMessagePreview
      }
      message {
        id
        seq
        body
        senderType
      }
    }
  }
`;
type Event = {
  workspaceEvents: {
    cursor: string;
    type: string;
    conversationId: string;
    conversation: { id: string; lastMessagePreview: string | null } | null;
    message: { id: string; seq: number; body: string; senderType: string } | null;
  };
};

// Presence and auto-assignment also write events; these tests are about the
// log's delivery, so they look at the conversation and message flow only.
const FLOW = new Set([
  'WORKSPACE_CREATED',
  'VISITOR_CREATED',
  'CONVERSATION_CREATED',
  'MESSAGE_CREATED',
]);
const flow = (e: Event) => FLOW.has(e.workspaceEvents.type);

let server: TestServer;
let ws: WorkspaceFixture;
let agentToken: string;

async function visitorSession(channelKey: string) {
  const response = await gql<{ startVisitorSession: { token: string } }>(
    server.graphqlUrl,
    `mutation($key: String!) { startVisitorSession(input: { channelKey: $key }) { token } }`,
    { key: channelKey },
  );
  return response.data!.startVisitorSession.token;
}

async function visitorSays(visitor: string, body: string, conversationId?: string) {
  const response = await gql<{
    visitorSendMessage: { id: string; conversationId: string; seq: number };
  }>(
    server.graphqlUrl,
    `mutation($id: ID, $body: String!) { visitorSendMessage(input: { conversationId: $id, body: $body }) { id conversationId seq } }`,
    { id: conversationId ?? null, body },
    { visitor },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.visitorSendMessage;
}

async function agentSays(conversationId: string, body: string) {
  const response = await gql<{ sendMessage: { id: string; seq: number } }>(
    server.graphqlUrl,
    `mutation($id: ID!, $body: String!) { sendMessage(input: { conversationId: $id, body: $body }) { id seq } }`,
    { id: conversationId, body },
    { token: agentToken },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.sendMessage;
}

beforeAll(async () => {
  server = await startTestServer();
  ws = await createWorkspaceFixture(server);
  agentToken = (await server.core.signIn({ email: ws.email, password: ws.password })).token;
});
afterAll(() => server?.close());

describe('WebSocket authentication', () => {
  it('a socket without a token is closed with 4403', async () => {
    expect(await closeCodeOf(server.wsUrl, null)).toBe(4403);
  });

  it('a socket with a forged token is closed with 4403', async () => {
    expect(await closeCodeOf(server.wsUrl, { token: 'pss_forged' })).toBe(4403);
    expect(await closeCodeOf(server.wsUrl, { visitorToken: 'v1.a.b.c' })).toBe(4403);
  });

  it('the session cookie sent with the upgrade authenticates the socket', async () => {
    const client = wsClient(server.wsUrl, {}, { cookie: `parley_session=${agentToken}` });
    const events = collect<Event>(
      client,
      EVENTS,
      { after: await eventCursorNow(server.graphqlUrl, agentToken) },
      flow,
    );
    const visitor = await visitorSession(ws.websiteChannelKey);
    await visitorSays(visitor, 'cookie check');
    const [created] = await events.take(1);
    expect(created?.workspaceEvents.type).toBe('VISITOR_CREATED');
    events.dispose();
    await client.dispose();
  });
});

describe('workspace events', () => {
  it('an integrator API token subscribes over graphql-ws', async () => {
    const { token } = await server.core.createApiToken(
      (await server.core.authenticate({ bearer: agentToken }))!,
      { name: 'dashboard' },
    );
    const client = wsClient(server.wsUrl, { token });
    const events = collect<Event>(
      client,
      EVENTS,
      { after: await eventCursorNow(server.graphqlUrl, agentToken) },
      flow,
    );
    const visitor = await visitorSession(ws.websiteChannelKey);
    await visitorSays(visitor, 'for the dashboard');
    const received = await events.take(3);
    expect(received.map((e) => e.workspaceEvents.type)).toEqual([
      'VISITOR_CREATED',
      'CONVERSATION_CREATED',
      'MESSAGE_CREATED',
    ]);
    events.dispose();
    await client.dispose();
  });

  it('a message sent over HTTP arrives on an agent subscription, in order', async () => {
    const client = wsClient(server.wsUrl, { token: agentToken });
    const events = collect<Event>(
      client,
      EVENTS,
      { after: await eventCursorNow(server.graphqlUrl, agentToken) },
      flow,
    );

    const visitor = await visitorSession(ws.websiteChannelKey);
    const first = await visitorSays(visitor, 'Hello, is anyone there?');
    await agentSays(first.conversationId, 'Yes! How can I help?');

    const received = (await events.take(4)).map((e) => e.workspaceEvents);
    expect(received.map((e) => e.type)).toEqual([
      'VISITOR_CREATED',
      'CONVERSATION_CREATED',
      'MESSAGE_CREATED',
      'MESSAGE_CREATED',
    ]);
    expect(received.map((e) => e.message?.body ?? null)).toEqual([
      null,
      null,
      'Hello, is anyone there?',
      'Yes! How can I help?',
    ]);
    expect(received[3]?.conversation?.lastMessagePreview).toBe('Yes! How can I help?');
    const cursors = received.map((e) => BigInt(e.cursor));
    expect([...cursors].sort((a, b) => (a < b ? -1 : 1))).toEqual(cursors);
    events.dispose();
    await client.dispose();
  });

  it('a client reconnecting with its last cursor gets exactly the events it missed', async () => {
    const visitor = await visitorSession(ws.websiteChannelKey);
    const { conversationId } = await visitorSays(visitor, 'before the outage');

    const first = wsClient(server.wsUrl, { token: agentToken });
    const live = collect<Event>(
      first,
      EVENTS,
      { after: await eventCursorNow(server.graphqlUrl, agentToken) },
      flow,
    );
    await visitorSays(visitor, 'seen live', conversationId);
    const [seen] = await live.take(1);
    const lastCursor = seen!.workspaceEvents.cursor;
    live.dispose();
    await first.dispose();

    // While disconnected: three messages.
    const missed = [];
    for (const body of ['missed 1', 'missed 2', 'missed 3'])
      missed.push(await visitorSays(visitor, body, conversationId));

    const second = wsClient(server.wsUrl, { token: agentToken });
    const resumed = collect<Event>(second, EVENTS, { after: lastCursor }, flow);
    const backlog = await resumed.take(3);
    expect(backlog.map((e) => e.workspaceEvents.message?.id)).toEqual(missed.map((m) => m.id));

    // Then live ones continue on the same stream, with nothing repeated.
    const later = await visitorSays(visitor, 'after reconnect', conversationId);
    const all = await resumed.take(4);
    expect(all[3]?.workspaceEvents.message?.id).toBe(later.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(resumed.received).toHaveLength(4);
    resumed.dispose();
    await second.dispose();
  });

  it('a client that loads the list and then subscribes after its eventCursor misses nothing', async () => {
    const list = await gql<{ conversations: { eventCursor: string } }>(
      server.graphqlUrl,
      '{ conversations(first: 5) { eventCursor } }',
      {},
      { token: agentToken },
    );
    const { eventCursor } = list.data!.conversations;
    // A change lands between the list and the subscription.
    const visitor = await visitorSession(ws.websiteChannelKey);
    const between = await visitorSays(visitor, 'sent while the page was loading');

    const client = wsClient(server.wsUrl, { token: agentToken });
    const events = collect<Event>(client, EVENTS, { after: eventCursor }, flow);
    const received = await events.take(3);
    expect(received.map((e) => e.workspaceEvents.type)).toEqual([
      'VISITOR_CREATED',
      'CONVERSATION_CREATED',
      'MESSAGE_CREATED',
    ]);
    expect(received[2]?.workspaceEvents.message?.id).toBe(between.id);
    events.dispose();
    await client.dispose();
  });

  it('the paginated query returns the same log after a cursor', async () => {
    const page = await gql<{ workspaceEvents: { cursor: string; type: string }[] }>(
      server.graphqlUrl,
      `query($after: String) { workspaceEvents(after: $after, first: 500) { cursor type } }`,
      { after: '0' },
      { token: agentToken },
    );
    const cursors = page.data!.workspaceEvents.map((e) => BigInt(e.cursor));
    expect(cursors.length).toBeGreaterThan(5);
    expect(new Set(cursors).size).toBe(cursors.length);
    expect([...cursors].sort((a, b) => (a < b ? -1 : 1))).toEqual(cursors);
  });

  it('a malformed cursor is bad input', async () => {
    const response = await gql(
      server.graphqlUrl,
      `{ workspaceEvents(after: "abc") { cursor } }`,
      {},
      { token: agentToken },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('agents of another workspace never see these events', async () => {
    const other = await createWorkspaceFixture(server);
    const otherToken = (await server.core.signIn({ email: other.email, password: other.password }))
      .token;
    const client = wsClient(server.wsUrl, { token: otherToken });
    const events = collect<Event>(client, EVENTS, { after: '0' }, flow);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const visitor = await visitorSession(ws.websiteChannelKey);
    await visitorSays(visitor, 'not for the other workspace');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Only its own log: the creation of the other workspace itself.
    expect(events.received.map((e) => e.workspaceEvents.type)).toEqual(['WORKSPACE_CREATED']);
    events.dispose();
    await client.dispose();
  });
});

describe('query limits over WebSocket', () => {
  it('a subscription with too many aliases is refused like over HTTP', async () => {
    const client = wsClient(server.wsUrl, { token: agentToken });
    const aliases = Array.from({ length: 25 }, (_, i) => `c${i}: conversation { id }`).join(' ');
    const events = collect(client, `subscription { workspaceEvents { ${aliases} } }`);
    await expect(events.take(1)).rejects.toThrow(/aliases limit of 20/i);
    // The refusal is remembered per text, and stays a refusal.
    const again = collect(client, `subscription { workspaceEvents { ${aliases} } }`);
    await expect(again.take(1)).rejects.toThrow(/aliases limit of 20/i);
    await client.dispose();
  });

  it('introspection is refused over WebSocket when it is off, as over HTTP', async () => {
    const closed = await startTestServer({ env: { PARLEY_INTROSPECTION: 'false' } });
    try {
      const email = `intro-${Date.now()}@example.test`;
      await closed.core.createWorkspace({
        name: 'No introspection',
        owner: { email, name: 'Owner', password: 'password-123' },
      });
      const { token } = await closed.core.signIn({ email, password: 'password-123' });
      const client = wsClient(closed.wsUrl, { token });
      const schema = collect(client, '{ __schema { types { name } } }');
      await expect(schema.take(1)).rejects.toThrow(/introspection/i);
      await client.dispose();
    } finally {
      await closed.close();
    }
  });

  it('a syntax error is an error message on the subscription, not a dropped socket', async () => {
    const client = wsClient(server.wsUrl, { token: agentToken });
    const broken = collect(client, 'subscription { workspaceEvents { type }');
    await expect(broken.take(1)).rejects.toThrow(/Syntax Error/i);
    // The socket still serves a valid subscription afterwards.
    const events = collect<Event>(
      client,
      EVENTS,
      { after: await eventCursorNow(server.graphqlUrl, agentToken) },
      flow,
    );
    const visitor = await visitorSession(ws.websiteChannelKey);
    await visitorSays(visitor, 'after a syntax error');
    const [created] = await events.take(1);
    expect(created?.workspaceEvents.type).toBe('VISITOR_CREATED');
    events.dispose();
    await client.dispose();
  });
});

describe('visitor events', () => {
  it('a visitor hears the agent reply in their own conversation, and nothing of others', async () => {
    const alice = await visitorSession(ws.websiteChannelKey);
    const bob = await visitorSession(ws.websiteChannelKey);
    const aliceConversation = await visitorSays(alice, 'Alice here');
    const bobConversation = await visitorSays(bob, 'Bob here');

    const client = wsClient(server.wsUrl, { visitorToken: alice });
    const events = collect<{
      visitorEvents: {
        conversationId: string;
        message: { body: string; senderName: string | null } | null;
      };
    }>(
      client,
      `subscription($after: String) { visitorEvents(after: $after) { conversationId message { body senderName senderType } } }`,
      { after: await eventCursorNow(server.graphqlUrl, agentToken) },
      // Messages only: replying to a waiting conversation also takes it (an assignment event).
      (value) => value.visitorEvents.message !== null,
    );
    await agentSays(bobConversation.conversationId, 'Hi Bob');
    await agentSays(aliceConversation.conversationId, 'Hi Alice');
    const [reply] = await events.take(1);
    expect(reply?.visitorEvents).toMatchObject({
      conversationId: aliceConversation.conversationId,
      message: { body: 'Hi Alice' },
    });
    expect(reply?.visitorEvents.message?.senderName).toMatch(/^Owner /);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events.received).toHaveLength(1);
    events.dispose();
    await client.dispose();
  });

  it('a visitor token cannot subscribe to the workspace stream', async () => {
    const visitor = await visitorSession(ws.websiteChannelKey);
    const client = wsClient(server.wsUrl, { visitorToken: visitor });
    const events = collect(client, EVENTS);
    await expect(events.take(1)).rejects.toThrow(/FORBIDDEN|Visitors cannot/);
    await client.dispose();
  });
});
