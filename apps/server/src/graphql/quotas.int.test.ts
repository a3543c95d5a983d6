// Visitors' budgets and the disk reserve, over real GraphQL: a flood of
// messages is refused with a clear code and a wait time, and while the disk is
// under its reserve every write is refused with STORAGE_FULL while reads and
// /healthz keep working.
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, startTestServer, type TestServer } from '../testing/index.js';
import { createInboxFixture, type InboxFixture } from '../testing/inbox-fixtures.js';

let server: TestServer;
let f: InboxFixture;

beforeAll(async () => {
  server = await startTestServer({
    env: { PARLEY_VISITOR_MESSAGES_PER_MINUTE: '5', PARLEY_VISITOR_KB_PER_HOUR: '30' },
  });
  f = await createInboxFixture(server);
});
afterAll(async () => {
  await server?.close();
});

const SEND = `mutation($id: ID, $body: String!) { visitorSendMessage(input: { conversationId: $id, body: $body }) { id conversationId } }`;

describe('visitor quotas', () => {
  it('messages per minute: the sixth is RATE_LIMITED with the seconds to wait; others are unaffected', async () => {
    const visitor = await f.newVisitor();
    const { conversationId } = await f.visitorSays(visitor, 'one');
    for (let i = 2; i <= 5; i++) await f.visitorSays(visitor, `message ${i}`, conversationId);
    const refused = await f.call(SEND, { id: conversationId, body: 'six' }, { visitor });
    expect(errorCode(refused)).toBe('RATE_LIMITED');
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    await f.visitorSays(await f.newVisitor(), 'someone else is fine');
  });

  it('bytes per hour: a visitor over the budget gets QUOTA_EXCEEDED', async () => {
    const visitor = await f.newVisitor();
    const big = 'x'.repeat(10_000);
    const { conversationId } = await f.visitorSays(visitor, big);
    await f.visitorSays(visitor, big, conversationId);
    await f.visitorSays(visitor, big, conversationId);
    const refused = await f.call(SEND, { id: conversationId, body: big }, { visitor });
    expect(errorCode(refused)).toBe('QUOTA_EXCEEDED');
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('channel quotas', () => {
  it("all visitors of one channel share its budget; another channel's visitors are unaffected", async () => {
    const channelServer = await startTestServer({
      env: { PARLEY_CHANNEL_VISITOR_MESSAGES_PER_MINUTE: '3' },
    });
    try {
      const crowded = await createInboxFixture(channelServer);
      const other = await createInboxFixture(channelServer);
      for (const body of ['one', 'two', 'three'])
        await crowded.visitorSays(await crowded.newVisitor(), body);
      const refused = await crowded.call(
        SEND,
        { id: null, body: 'a fourth visitor' },
        { visitor: await crowded.newVisitor() },
      );
      expect(errorCode(refused)).toBe('RATE_LIMITED');
      expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
      await other.visitorSays(await other.newVisitor(), 'another channel is fine');
    } finally {
      await channelServer.close();
    }
  });
});

describe('storage guard', () => {
  it('refuses writes with STORAGE_FULL under the reserve; reads and /healthz still work', async () => {
    const visitor = await f.newVisitor();
    const { conversationId } = await f.visitorSays(visitor, 'before the disk filled');
    // A second server on the same database whose reserve exceeds any free space.
    const full = await startTestServer({
      database: server.testDatabase,
      env: { PARLEY_STORAGE_RESERVE_MB: '1000000000', PARLEY_STORAGE_PATH: tmpdir() },
    });
    try {
      const visitorWrite = await gql(
        full.graphqlUrl,
        SEND,
        { id: conversationId, body: 'more' },
        { visitor },
      );
      expect(errorCode(visitorWrite)).toBe('STORAGE_FULL');
      expect(visitorWrite.errors?.[0]?.message).toMatch(/storage/i);
      const agentReply = await gql(
        full.graphqlUrl,
        `mutation($id: ID!) { sendMessage(input: { conversationId: $id, body: "hi" }) { id } }`,
        { id: conversationId },
        { token: f.ownerToken },
      );
      expect(errorCode(agentReply)).toBe('STORAGE_FULL');
      const resolve = await gql(
        full.graphqlUrl,
        `mutation($id: ID!) { resolveConversation(id: $id) { id } }`,
        { id: conversationId },
        { token: f.ownerToken },
      );
      expect(errorCode(resolve)).toBe('STORAGE_FULL');

      const read = await gql<{ conversation: { messages: { edges: unknown[] } } }>(
        full.graphqlUrl,
        `query($id: ID!) { conversation(id: $id) { id status } }`,
        { id: conversationId },
        { token: f.ownerToken },
      );
      expect(read.errors).toBeUndefined();
      expect((await fetch(full.graphqlUrl.replace('/graphql', '/healthz'))).status).toBe(200);
    } finally {
      await full.close();
    }
  });
});
