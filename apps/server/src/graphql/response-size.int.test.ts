// The largest answer a visitor or an agent can ask for stays a few MB: the
// cost limit counts lists by their size and message bodies by their length,
// so aliases × messages(last: 200) no longer multiply into 100 MB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorkspaceFixture,
  startTestServer,
  type TestServer,
  type WorkspaceFixture,
  UNLIMITED_VISITOR_QUOTAS,
} from '../testing/index.js';

const BODY = 'x'.repeat(10_000); // the longest message core accepts
const MESSAGES = 200;
/** What "a few MB" means here. */
const MAX_BYTES = 4 * 2 ** 20;

let server: TestServer;
let ws: WorkspaceFixture;
let visitorToken: string;
let agentToken: string;
let conversationId: string;

beforeAll(async () => {
  server = await startTestServer({ env: UNLIMITED_VISITOR_QUOTAS });
  ws = await createWorkspaceFixture(server);
  visitorToken = (await server.core.startVisitorSession({ channelKey: ws.websiteChannelKey }))
    .token;
  const visitor = await server.core.authenticate({ visitor: visitorToken });
  const first = await server.core.visitorSendMessage(visitor, { body: BODY });
  conversationId = first.conversationId;
  for (let i = 1; i < MESSAGES; i += 50) {
    await Promise.all(
      Array.from({ length: 50 }, () =>
        server.core.visitorSendMessage(visitor, { conversationId, body: BODY }),
      ),
    );
  }
  agentToken = (await server.core.signIn({ email: ws.email, password: ws.password })).token;
}, 120_000);
afterAll(() => server?.close());

async function post(query: string, authorization: string) {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { errors?: { message: string }[]; data?: unknown };
  return { bytes: Buffer.byteLength(text), body };
}

/** Aliases of a message list, as many as the limits let through. */
function aliased(field: (i: number) => string, count: number) {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field(i)}`).join(' ')} }`;
}

describe('response size', () => {
  it("refuses a visitor's aliases × messages(last: 200) over its conversations (100 MB before) and bounds its largest answer", async () => {
    const visitor = `Visitor ${visitorToken}`;
    // The reported attack's shape (under 300 characters): the former rule let
    // it through, 5 × 200 messages × every conversation of the visitor.
    const attack = aliased(() => `visitorConversations { messages(last: 200) { body } }`, 5);
    expect(attack.length).toBeLessThan(300);
    const refused = await post(attack, visitor);
    expect(refused.body.errors?.[0]?.message).toMatch(/over the cost limit/);
    expect(refused.bytes).toBeLessThan(10_000);

    // The most a visitor may ask for: one full page, then what the budget leaves.
    const page = (last: number) =>
      `visitorConversation(id: "${conversationId}") { messages(last: ${last}) { id seq body createdAt } }`;
    const largest = await post(`{ a: ${page(200)} b: ${page(60)} }`, visitor);
    expect(largest.body.errors).toBeUndefined();
    expect(largest.bytes).toBeGreaterThan(2_000_000);
    expect(largest.bytes).toBeLessThan(MAX_BYTES);
    const over = await post(`{ a: ${page(200)} b: ${page(100)} }`, visitor);
    expect(over.body.errors?.[0]?.message).toMatch(/over the cost limit/);
  });

  it("bounds an agent's largest answer the same way", async () => {
    const agent = `Bearer ${agentToken}`;
    const attack = aliased(
      () => `conversation(id: "${conversationId}") { messages(last: 200) { body } }`,
      5,
    );
    expect((await post(attack, agent)).body.errors?.[0]?.message).toMatch(/over the cost limit/);
    const page = (last: number) =>
      `conversation(id: "${conversationId}") { messages(last: ${last}) { id seq body senderAgent { name } createdAt } }`;
    const largest = await post(`{ a: ${page(200)} b: ${page(60)} }`, agent);
    expect(largest.body.errors).toBeUndefined();
    expect(largest.bytes).toBeLessThan(MAX_BYTES);
    const list = await post(
      '{ conversations(first: 100) { edges { node { id lastMessagePreview visitor { name tags { name } pageViews(last: 100) { url title } } messages(last: 10) { body } } } } }',
      agent,
    );
    expect(list.body.errors?.[0]?.message ?? '').toMatch(/^$|over the cost limit/);
    expect(list.bytes).toBeLessThan(MAX_BYTES);
  });
});
