import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorkspaceFixture,
  errorCode,
  gql,
  startTestServer,
  type TestServer,
  type WorkspaceFixture,
} from '../testing/index.js';

let server: TestServer;
let a: WorkspaceFixture;
let b: WorkspaceFixture;

const START = `mutation($key: String!, $token: String) { startVisitorSession(input: { channelKey: $key, visitorToken: $token }) { token visitor { id name } } }`;
const SEND = `mutation($id: ID, $body: String!) { visitorSendMessage(input: { conversationId: $id, body: $body }) { id conversationId seq body } }`;
const READ = `query($id: ID!) { visitorConversation(id: $id) { id messages { body senderType } } }`;

type Start = { startVisitorSession: { token: string; visitor: { id: string; name: string } } };
type Send = {
  visitorSendMessage: { id: string; conversationId: string; seq: number; body: string };
};

async function startVisitor(key: string, token?: string) {
  return (await gql<Start>(server.graphqlUrl, START, { key, token: token ?? null })).data!
    .startVisitorSession;
}

beforeAll(async () => {
  server = await startTestServer();
  a = await createWorkspaceFixture(server);
  b = await createWorkspaceFixture(server);
});
afterAll(() => server?.close());

describe('visitors', () => {
  it('a visitor starts a conversation and comes back as the same visitor with their token', async () => {
    const first = await startVisitor(a.websiteChannelKey);
    const sent = await gql<Send>(server.graphqlUrl, SEND, { body: 'Hi' }, { visitor: first.token });
    expect(sent.data?.visitorSendMessage.seq).toBe(1);
    const again = await startVisitor(a.websiteChannelKey, first.token);
    expect(again.visitor.id).toBe(first.visitor.id);
    const list = await gql<{ visitorConversations: { id: string }[] }>(
      server.graphqlUrl,
      '{ visitorConversations { id } }',
      {},
      { visitor: again.token },
    );
    expect(list.data?.visitorConversations.map((c) => c.id)).toEqual([
      sent.data?.visitorSendMessage.conversationId,
    ]);
  });

  it('an unknown channel key is NOT_FOUND', async () => {
    const response = await gql(server.graphqlUrl, START, { key: 'no-such-channel' });
    expect(errorCode(response)).toBe('NOT_FOUND');
  });

  it("a visitor cannot read or write another visitor's conversation, even with its id", async () => {
    const alice = await startVisitor(a.websiteChannelKey);
    const mallory = await startVisitor(a.websiteChannelKey);
    const { conversationId } = (
      await gql<Send>(
        server.graphqlUrl,
        SEND,
        { body: 'my secret order' },
        { visitor: alice.token },
      )
    ).data!.visitorSendMessage;

    const read = await gql(
      server.graphqlUrl,
      READ,
      { id: conversationId },
      { visitor: mallory.token },
    );
    expect(errorCode(read)).toBe('NOT_FOUND');
    expect(JSON.stringify(read)).not.toContain('my secret order');
    const write = await gql(
      server.graphqlUrl,
      SEND,
      { id: conversationId, body: 'injected' },
      { visitor: mallory.token },
    );
    expect(errorCode(write)).toBe('NOT_FOUND');

    const own = await gql<{ visitorConversation: { messages: { body: string }[] } }>(
      server.graphqlUrl,
      READ,
      { id: conversationId },
      { visitor: alice.token },
    );
    expect(own.data?.visitorConversation.messages.map((m) => m.body)).toEqual(['my secret order']);
  });

  it('a visitor token cannot be used on agent operations', async () => {
    const visitor = await startVisitor(a.websiteChannelKey);
    expect(
      errorCode(
        await gql(
          server.graphqlUrl,
          '{ conversations { edges { cursor } } }',
          {},
          { visitor: visitor.token },
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('a visitor never reads what agents recorded about them (tags, address, page views)', async () => {
    const visitor = await startVisitor(a.websiteChannelKey);
    const tag = await server.core.createTag(a.owner, { name: 'spammer' });
    await server.core.tagVisitor(a.owner, { visitorId: visitor.visitor.id, tagId: tag.id });
    const PROFILE = `mutation($key: String!, $token: String) { startVisitorSession(input: { channelKey: $key, visitorToken: $token }) { visitor { id tags { name } ip userAgent pageViews { url } } } }`;
    const own = await gql<{
      startVisitorSession: {
        visitor: { tags: { name: string }[]; ip: string | null; pageViews: unknown[] };
      };
    }>(
      server.graphqlUrl,
      PROFILE,
      { key: a.websiteChannelKey, token: visitor.token },
      {
        visitor: visitor.token,
      },
    );
    expect(own.data?.startVisitorSession.visitor).toMatchObject({
      tags: [],
      ip: null,
      pageViews: [],
    });
    expect(JSON.stringify(own)).not.toContain('spammer');
    // The agent still sees the tag.
    const [tags] = [...(await server.core.loadVisitorTags(a.owner, [visitor.visitor.id])).values()];
    expect(tags?.map((t) => t.name)).toEqual(['spammer']);
  });

  it('a tampered visitor token is not accepted', async () => {
    const visitor = await startVisitor(a.websiteChannelKey);
    const other = await startVisitor(a.websiteChannelKey);
    const [v, ws, , sig] = visitor.token.split('.');
    const forged = [v, ws, other.visitor.id, sig].join('.');
    expect(
      errorCode(
        await gql(server.graphqlUrl, '{ visitorConversations { id } }', {}, { visitor: forged }),
      ),
    ).toBe('UNAUTHENTICATED');
  });

  it('message bodies are validated', async () => {
    const visitor = await startVisitor(a.websiteChannelKey);
    expect(
      errorCode(await gql(server.graphqlUrl, SEND, { body: '   ' }, { visitor: visitor.token })),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await gql(
          server.graphqlUrl,
          SEND,
          { body: 'x'.repeat(10_001) },
          { visitor: visitor.token },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await gql(
          server.graphqlUrl,
          SEND,
          { id: 'not-a-uuid', body: 'hi' },
          { visitor: visitor.token },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('hostile message content is stored and served as plain text, unchanged', async () => {
    const visitor = await startVisitor(a.websiteChannelKey);
    const body = '<img src=x onerror=alert(1)> "quotes" & ampersands';
    const sent = await gql<Send>(server.graphqlUrl, SEND, { body }, { visitor: visitor.token });
    expect(sent.data?.visitorSendMessage.body).toBe(body);
  });
});

describe('workspace isolation', () => {
  it('an agent of workspace B gets NOT_FOUND for a conversation of workspace A, and never lists it', async () => {
    const visitor = await startVisitor(a.websiteChannelKey);
    const { conversationId } = (
      await gql<Send>(server.graphqlUrl, SEND, { body: 'for A only' }, { visitor: visitor.token })
    ).data!.visitorSendMessage;
    const tokenB = (await server.core.signIn({ email: b.email, password: b.password })).token;

    const read = await gql(
      server.graphqlUrl,
      `query($id: ID!) { conversation(id: $id) { id } }`,
      { id: conversationId },
      { token: tokenB },
    );
    expect(errorCode(read)).toBe('NOT_FOUND');
    const reply = await gql(
      server.graphqlUrl,
      `mutation($id: ID!) { sendMessage(input: { conversationId: $id, body: "hi" }) { id } }`,
      { id: conversationId },
      { token: tokenB },
    );
    expect(errorCode(reply)).toBe('NOT_FOUND');
    const list = await gql<{ conversations: { edges: { node: { id: string } }[] } }>(
      server.graphqlUrl,
      '{ conversations(first: 100) { edges { node { id } } } }',
      {},
      { token: tokenB },
    );
    expect(list.data?.conversations.edges.map((e) => e.node.id)).not.toContain(conversationId);
  });

  it("a visitor token of workspace A does not open a session on workspace B's channel as the same visitor", async () => {
    const visitor = await startVisitor(a.websiteChannelKey);
    const onB = await startVisitor(b.websiteChannelKey, visitor.token);
    expect(onB.visitor.id).not.toBe(visitor.visitor.id);
  });
});

describe('conversation list', () => {
  it('pages with a cursor, most recent first, without repeats', async () => {
    const c = await createWorkspaceFixture(server);
    const token = (await server.core.signIn({ email: c.email, password: c.password })).token;
    for (let i = 0; i < 5; i += 1) {
      const visitor = await startVisitor(c.websiteChannelKey);
      await gql(server.graphqlUrl, SEND, { body: `conversation ${i}` }, { visitor: visitor.token });
    }
    const QUERY = `query($after: String) { conversations(first: 2, after: $after) { edges { node { lastMessagePreview } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      conversations: {
        edges: { node: { lastMessagePreview: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = (await gql<Page>(server.graphqlUrl, QUERY, { after }, { token })).data!;
      seen.push(...page.conversations.edges.map((e) => e.node.lastMessagePreview));
      if (!page.conversations.pageInfo.hasNextPage) break;
      after = page.conversations.pageInfo.endCursor;
    }
    expect(seen).toEqual([
      'conversation 4',
      'conversation 3',
      'conversation 2',
      'conversation 1',
      'conversation 0',
    ]);
    const bad = await gql(server.graphqlUrl, QUERY, { after: 'garbage' }, { token });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
  });
});
