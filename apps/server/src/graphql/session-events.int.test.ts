// Reporting dashboards: conversation milestones with the times they need,
// as a paginated query and a resumable subscription.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  errorCode,
  startTestServer,
  wsClient,
  type TestServer,
} from '../testing/index.js';
import { createInboxFixture, type InboxFixture } from '../testing/inbox-fixtures.js';

let server: TestServer;
let f: InboxFixture;
let conversationId: string;

const FIELDS =
  'cursor type conversationId status agent { id } fromAgent { id } secondsSinceCreated conversationCreatedAt occurredAt';
type SessionEvent = {
  cursor: string;
  type: string;
  conversationId: string;
  status: string;
  agent: { id: string } | null;
  fromAgent: { id: string } | null;
  secondsSinceCreated: number;
};

beforeAll(async () => {
  server = await startTestServer();
  f = await createInboxFixture(server);
  const visitor = await f.newVisitor();
  ({ conversationId } = await f.visitorSays(visitor, 'Where is my order?'));
  await f.call(`mutation($id: ID!) { takeConversation(id: $id) { id } }`, { id: conversationId });
  await f.call(
    `mutation($id: ID!) { sendMessage(input: { conversationId: $id, body: "Checking!" }) { id } }`,
    { id: conversationId },
  );
  await f.call(
    `mutation($id: ID!) { sendMessage(input: { conversationId: $id, body: "Found it." }) { id } }`,
    { id: conversationId },
  );
  await f.call(
    `mutation($input: AssignConversationInput!) { assignConversation(input: $input) { id } }`,
    {
      input: { conversationId, agentId: f.agentId, note: 'Shipping team' },
    },
  );
  await f.call(
    `mutation($id: ID!) { resolveConversation(id: $id) { id } }`,
    { id: conversationId },
    { token: f.agentToken },
  );
  await f.visitorSays(visitor, 'It has not arrived', conversationId);
});
afterAll(() => server?.close());

describe('session events', () => {
  it('list the milestones in order, with the agent concerned and the time since the conversation began', async () => {
    const page = await f.call<{ sessionEvents: SessionEvent[] }>(
      `{ sessionEvents(first: 100) { ${FIELDS} } }`,
    );
    const events = page.data!.sessionEvents.filter((e) => e.conversationId === conversationId);
    expect(events.map((e) => e.type)).toEqual([
      'CONVERSATION_CREATED',
      'ASSIGNED',
      'FIRST_AGENT_REPLY',
      'TRANSFERRED',
      'RESOLVED',
      'REOPENED',
    ]);
    const byType = Object.fromEntries(events.map((e) => [e.type, e]));
    expect(byType.ASSIGNED?.agent?.id).toBe(f.ownerId);
    expect(byType.FIRST_AGENT_REPLY?.agent?.id).toBe(f.ownerId);
    expect(byType.TRANSFERRED).toMatchObject({
      agent: { id: f.agentId },
      fromAgent: { id: f.ownerId },
    });
    expect(byType.RESOLVED).toMatchObject({ status: 'RESOLVED', agent: { id: f.agentId } });
    expect(byType.REOPENED?.status).toBe('UNASSIGNED');
    expect(byType.CONVERSATION_CREATED?.secondsSinceCreated).toBe(0);
    const times = events.map((e) => e.secondsSinceCreated);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('filter by type and page with a cursor', async () => {
    const first = await f.call<{ sessionEvents: SessionEvent[] }>(
      `{ sessionEvents(types: [RESOLVED, REOPENED], first: 1) { ${FIELDS} } }`,
    );
    expect(first.data!.sessionEvents.map((e) => e.type)).toEqual(['RESOLVED']);
    const next = await f.call<{ sessionEvents: SessionEvent[] }>(
      `query($after: String) { sessionEvents(types: [RESOLVED, REOPENED], after: $after) { ${FIELDS} } }`,
      { after: first.data!.sessionEvents[0]!.cursor },
    );
    expect(next.data!.sessionEvents.map((e) => e.type)).toEqual(['REOPENED']);
  });

  it('replay from a cursor over a subscription, then stream live ones', async () => {
    // AWAY is remembered, so connecting does not start auto-assignment here.
    await f.call(`mutation { setAgentStatus(status: AWAY) { status } }`);
    const client = wsClient(server.wsUrl, { token: f.ownerToken });
    const stream = collect<{ sessionEvents: SessionEvent }>(
      client,
      `subscription($after: String) { sessionEvents(after: $after, types: [ASSIGNED, RESOLVED]) { ${FIELDS} } }`,
      { after: '0' },
    );
    const replayed = await stream.take(2);
    expect(replayed.map((e) => e.sessionEvents.type)).toEqual(['ASSIGNED', 'RESOLVED']);
    const { conversationId: next } = await f.visitorSays(await f.newVisitor(), 'another one');
    await f.call(`mutation($id: ID!) { resolveConversation(id: $id) { id } }`, { id: next });
    const live = await stream.take(3);
    expect(live[2]?.sessionEvents).toMatchObject({ type: 'RESOLVED', conversationId: next });
    stream.dispose();
    await client.dispose();
  });

  it('need reports.view: a plain agent is refused', async () => {
    expect(
      errorCode(await f.call(`{ sessionEvents { cursor } }`, {}, { token: f.agentToken })),
    ).toBe('FORBIDDEN');
  });
});
