// Agent groups: routing respects them, and an agent without
// conversation.view_all sees only their own, their groups' and unassigned
// conversations — in lists, counts, reads, actions and event streams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  errorCode,
  eventCursorNow,
  startTestServer,
  wsClient,
  type TestServer,
} from '../testing/index.js';
import { createInboxFixture, type InboxFixture } from '../testing/inbox-fixtures.js';

let server: TestServer;
let f: InboxFixture;
let sales: string;
let support: string;

const ids = async (token: string, view = 'ALL') =>
  (
    await f.call<{ conversations: { edges: { node: { id: string } }[] } }>(
      `query($v: ConversationView) { conversations(view: $v, first: 100) { edges { node { id } } } }`,
      { v: view },
      { token },
    )
  ).data!.conversations.edges.map((e) => e.node.id);
const route = (conversationId: string, groupId: string | null) =>
  f.call(
    `mutation($c: ID!, $g: ID) { routeConversation(conversationId: $c, groupId: $g) { id group { name } } }`,
    { c: conversationId, g: groupId },
  );

beforeAll(async () => {
  server = await startTestServer();
  f = await createInboxFixture(server);
  const group = async (name: string) =>
    (
      await f.call<{ createAgentGroup: { id: string } }>(
        `mutation($n: String!) { createAgentGroup(name: $n) { id } }`,
        { n: name },
      )
    ).data!.createAgentGroup.id;
  sales = await group('Sales');
  support = await group('Support');
  await f.call(
    `mutation($g: ID!, $a: [ID!]!) { setAgentGroupMembers(groupId: $g, agentIds: $a) { members { id } } }`,
    { g: sales, a: [f.agentId] },
  );
  // The agent gets a role without conversation.view_all.
  const role = await f.call<{ createCustomRole: { id: string } }>(
    `mutation { createCustomRole(input: { name: "Restricted", permissions: [VISITOR_EDIT] }) { id } }`,
  );
  await f.call(`mutation($i: ChangeMemberRoleInput!) { changeMemberRole(input: $i) { role } }`, {
    i: { agentId: f.agentId, role: 'AGENT', customRoleId: role.data!.createCustomRole.id },
  });
});
afterAll(() => server?.close());

describe('groups and visibility', () => {
  it("an agent without view_all sees own, their groups' and unassigned conversations only", async () => {
    const free = (await f.visitorSays(await f.newVisitor(), 'free')).conversationId;
    const forSales = (await f.visitorSays(await f.newVisitor(), 'sales')).conversationId;
    const forSupport = (await f.visitorSays(await f.newVisitor(), 'support')).conversationId;
    const owners = (await f.visitorSays(await f.newVisitor(), 'owner')).conversationId;
    await route(forSales, sales);
    await route(forSupport, support);
    await f.call(`mutation($id: ID!) { takeConversation(id: $id) { id } }`, { id: owners });

    const seen = await ids(f.agentToken);
    expect(seen).toEqual(expect.arrayContaining([free, forSales]));
    expect(seen).not.toContain(forSupport);
    expect(seen).not.toContain(owners);
    expect((await ids(f.ownerToken)).length).toBeGreaterThanOrEqual(4);

    const counts = await f.call<{ conversationCounts: { all: number } }>(
      `{ conversationCounts { all } }`,
      {},
      { token: f.agentToken },
    );
    expect(counts.data?.conversationCounts.all).toBe(seen.length);

    // Guessing the id does not help: reading, taking, replying all say NOT_FOUND.
    expect(
      errorCode(
        await f.call(
          `query($id: ID!) { conversation(id: $id) { id } }`,
          { id: forSupport },
          { token: f.agentToken },
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(
        await f.call(
          `mutation($id: ID!) { takeConversation(id: $id) { id } }`,
          { id: forSupport },
          { token: f.agentToken },
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(
        await f.call(
          `mutation($id: ID!) { sendMessage(input: { conversationId: $id, body: "x" }) { id } }`,
          { id: owners },
          { token: f.agentToken },
        ),
      ),
    ).toBe('NOT_FOUND');
  });

  it('events of conversations they cannot see never reach their stream', async () => {
    const after = await eventCursorNow(server.graphqlUrl, f.ownerToken);
    await f.call(
      `mutation { setAgentStatus(status: AWAY) { status } }`,
      {},
      { token: f.agentToken },
    );
    const client = wsClient(server.wsUrl, { token: f.agentToken });
    type E = { workspaceEvents: { type: string; conversationId: string | null } };
    const events = collect<E>(
      client,
      `subscription($a: String) { workspaceEvents(after: $a) { type conversationId } }`,
      { a: after },
      (e) => e.workspaceEvents.type === 'MESSAGE_CREATED',
    );
    const hidden = (await f.visitorSays(await f.newVisitor(), 'for support only')).conversationId;
    await route(hidden, support);
    await f.visitorSays(await f.newVisitor(), 'x', hidden).catch(() => undefined);
    const visible = (await f.visitorSays(await f.newVisitor(), 'for everyone')).conversationId;
    const received = await events.take(2);
    // The first message of `hidden` was sent before routing, when it was unassigned and visible.
    expect(received.map((e) => e.workspaceEvents.conversationId)).toEqual([hidden, visible]);
    await f.call(
      `mutation($id: ID!, $b: String!) { sendMessage(input: { conversationId: $id, body: $b }) { id } }`,
      { id: hidden, b: 'internal reply' },
    );
    const lateVisible = (await f.visitorSays(await f.newVisitor(), 'again for everyone'))
      .conversationId;
    const more = await events.take(3);
    expect(more[2]?.workspaceEvents.conversationId).toBe(lateVisible);
    events.dispose();
    await client.dispose();
  });

  it('auto-assignment gives a routed conversation only to its group', async () => {
    const g = await createInboxFixture(server);
    const group = (
      await g.call<{ createAgentGroup: { id: string } }>(
        `mutation { createAgentGroup(name: "Billing") { id } }`,
      )
    ).data!.createAgentGroup.id;
    await g.call(
      `mutation($g: ID!, $a: [ID!]!) { setAgentGroupMembers(groupId: $g, agentIds: $a) { id } }`,
      { g: group, a: [g.agentId] },
    );
    await g.call(`mutation { setAgentStatus(status: ONLINE) { status } }`); // owner online, not in Billing
    await g.call(
      `mutation { setAgentStatus(status: AWAY) { status } }`,
      {},
      { token: g.agentToken },
    );
    await g.call(
      `mutation { updateWorkspaceSettings(input: { prioritizeBotReception: true }) { prioritizeBotReception } }`,
    );
    const { conversationId } = await g.visitorSays(await g.newVisitor(), 'billing question');
    await g.call(
      `mutation($c: ID!, $g: ID) { routeConversation(conversationId: $c, groupId: $g) { id } }`,
      { c: conversationId, g: group },
    );
    await g.call(`mutation($id: ID!) { handOffConversation(id: $id) { status } }`, {
      id: conversationId,
    });
    const waiting = async () =>
      (
        await g.call<{ conversation: { status: string; assignee: { id: string } | null } }>(
          `query($id: ID!) { conversation(id: $id) { status assignee { id } } }`,
          { id: conversationId },
        )
      ).data!.conversation;
    expect(await waiting()).toEqual({ status: 'UNASSIGNED', assignee: null }); // the owner is online but not in Billing
    await g.call(
      `mutation { setAgentStatus(status: ONLINE) { status } }`,
      {},
      { token: g.agentToken },
    );
    expect(await waiting()).toEqual({ status: 'ASSIGNED', assignee: { id: g.agentId } });
  });
});
