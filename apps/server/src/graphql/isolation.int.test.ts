// Workspace isolation, systematically: the owner of workspace A (the most
// powerful role) and an API token of A try every operation on objects of
// workspace B by their ids. Each must answer NOT_FOUND or FORBIDDEN and leave
// B untouched; A's subscriptions never carry B's events.
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isInputObjectType,
  Kind,
  parse,
  type GraphQLInputType,
} from 'graphql';
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
let a: InboxFixture;
let b: InboxFixture;
let aToken: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ env: { PARLEY_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  a = await createInboxFixture(server);
  b = await createInboxFixture(server);
  aToken = (
    await a.call<{ createApiToken: { token: string } }>(
      `mutation { createApiToken(input: { name: "a" }) { token } }`,
    )
  ).data!.createApiToken.token;

  // Objects of workspace B.
  const visitor = await b.newVisitor();
  const said = await b.visitorSays(visitor, 'private to B');
  ids.conversation = said.conversationId;
  ids.message = said.id;
  const list = await b.call<{ conversation: { visitor: { id: string } } }>(
    `query($id: ID!) { conversation(id: $id) { visitor { id } } }`,
    { id: said.conversationId },
  );
  ids.visitor = list.data!.conversation.visitor.id;
  ids.agent = b.agentId;
  ids.channel = (
    await b.call<{ websiteChannels: { id: string }[] }>(`{ websiteChannels { id } }`)
  ).data!.websiteChannels[0]!.id;
  ids.tag = (
    await b.call<{ createTag: { id: string } }>(`mutation { createTag(name: "B tag") { id } }`)
  ).data!.createTag.id;
  ids.group = (
    await b.call<{ createAgentGroup: { id: string } }>(
      `mutation { createAgentGroup(name: "B group") { id } }`,
    )
  ).data!.createAgentGroup.id;
  ids.role = (
    await b.call<{ createCustomRole: { id: string } }>(
      `mutation { createCustomRole(input: { name: "B role", permissions: [] }) { id } }`,
    )
  ).data!.createCustomRole.id;
  ids.apiToken = (
    await b.call<{ createApiToken: { apiToken: { id: string } } }>(
      `mutation { createApiToken(input: { name: "b" }) { apiToken { id } } }`,
    )
  ).data!.createApiToken.apiToken.id;
  ids.webhook = (
    await b.call<{ createWebhook: { webhook: { id: string } } }>(
      `mutation { createWebhook(input: { url: "http://127.0.0.1:9/b", eventTypes: [MESSAGE_CREATED] }) { webhook { id } } }`,
    )
  ).data!.createWebhook.webhook.id;
  ids.session = (
    await b.call<{ sessions: { id: string }[] }>(`{ sessions { id } }`)
  ).data!.sessions[0]!.id;
  // A delivery of B's webhook (the receiver is down; a pending attempt suffices).
  await b.visitorSays(await b.newVisitor(), 'for the webhook');
  await server.core.drainWebhooks();
  ids.delivery = (
    await b.call<{ webhooks: { deliveries: { id: string }[] }[] }>(
      `{ webhooks { deliveries { id } } }`,
    )
  ).data!.webhooks[0]!.deliveries[0]!.id;
  ids.invitation = (
    await b.call<{ inviteMember: { invitation: { id: string } } }>(
      `mutation { inviteMember(input: { email: "someone@b.example", role: AGENT }) { invitation { id } } }`,
    )
  ).data!.inviteMember.invitation.id;
});
afterAll(() => server?.close());

/** Operations on B's objects, run as A. */
const ATTEMPTS: [string, string, () => Record<string, unknown>][] = [
  [
    'read a conversation',
    `query($id: ID!) { conversation(id: $id) { id } }`,
    () => ({ id: ids.conversation }),
  ],
  [
    'reply',
    `mutation($id: ID!) { sendMessage(input: { conversationId: $id, body: "x" }) { id } }`,
    () => ({ id: ids.conversation }),
  ],
  [
    'take',
    `mutation($id: ID!) { takeConversation(id: $id) { id } }`,
    () => ({ id: ids.conversation }),
  ],
  [
    'assign',
    `mutation($c: ID!, $a: ID) { assignConversation(input: { conversationId: $c, agentId: $a }) { id } }`,
    () => ({ c: ids.conversation, a: null }),
  ],
  [
    'resolve',
    `mutation($id: ID!) { resolveConversation(id: $id) { id } }`,
    () => ({ id: ids.conversation }),
  ],
  [
    'pin',
    `mutation($id: ID!) { pinConversation(id: $id, pinned: true) { id } }`,
    () => ({ id: ids.conversation }),
  ],
  [
    'mark read',
    `mutation($id: ID!) { markConversationRead(id: $id) { id } }`,
    () => ({ id: ids.conversation }),
  ],
  [
    'route',
    `mutation($c: ID!) { routeConversation(conversationId: $c, groupId: null) { id } }`,
    () => ({ c: ids.conversation }),
  ],
  ['recall', `mutation($id: ID!) { recallMessage(id: $id) { id } }`, () => ({ id: ids.message })],
  [
    'type',
    `mutation($id: ID!) { sendTyping(input: { conversationId: $id, typing: true }) }`,
    () => ({ id: ids.conversation }),
  ],
  [
    'edit a visitor',
    `mutation($v: ID!) { updateVisitor(input: { visitorId: $v, name: "pwned" }) { id } }`,
    () => ({ v: ids.visitor }),
  ],
  [
    'tag a visitor',
    `mutation($v: ID!, $t: ID!) { tagVisitor(visitorId: $v, tagId: $t) { id } }`,
    () => ({ v: ids.visitor, t: ids.tag }),
  ],
  [
    'set a reception limit',
    `mutation($a: ID!) { setReceptionLimit(agentId: $a, limit: 1) { id } }`,
    () => ({ a: ids.agent }),
  ],
  [
    'change a role',
    `mutation($a: ID!) { changeMemberRole(input: { agentId: $a, role: ADMIN }) { role } }`,
    () => ({ a: ids.agent }),
  ],
  [
    'deactivate',
    `mutation($a: ID!) { deactivateMember(agentId: $a) { active } }`,
    () => ({ a: ids.agent }),
  ],
  [
    'edit a custom role',
    `mutation($id: ID!) { updateCustomRole(id: $id, input: { name: "x", permissions: [] }) { id } }`,
    () => ({ id: ids.role }),
  ],
  [
    'delete a custom role',
    `mutation($id: ID!) { deleteCustomRole(id: $id) }`,
    () => ({ id: ids.role }),
  ],
  [
    'set group members',
    `mutation($g: ID!) { setAgentGroupMembers(groupId: $g, agentIds: []) { id } }`,
    () => ({ g: ids.group }),
  ],
  ['delete a group', `mutation($id: ID!) { deleteAgentGroup(id: $id) }`, () => ({ id: ids.group })],
  [
    'allow origins on a website channel',
    `mutation($c: ID!) { updateChannelAllowedOrigins(channelId: $c, allowedOrigins: ["https://evil.example"]) { id } }`,
    () => ({ c: ids.channel }),
  ],
  [
    'revoke an API token',
    `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`,
    () => ({ id: ids.apiToken }),
  ],
  [
    'delete a webhook',
    `mutation($id: ID!) { deleteWebhook(id: $id) }`,
    () => ({ id: ids.webhook }),
  ],
  [
    'revoke an invitation',
    `mutation($id: ID!) { revokeInvitation(id: $id) }`,
    () => ({ id: ids.invitation }),
  ],
  [
    'rename a tag',
    `mutation($t: ID!) { updateTag(id: $t, name: "pwned") { id } }`,
    () => ({ t: ids.tag }),
  ],
  ['delete a tag', `mutation($t: ID!) { deleteTag(id: $t) { id } }`, () => ({ t: ids.tag })],
  [
    'say they view a conversation',
    `mutation($c: ID!) { setViewing(conversationId: $c, viewing: true) }`,
    () => ({ c: ids.conversation }),
  ],
  [
    'make a password link for a member',
    `mutation($a: ID!) { createPasswordResetLink(agentId: $a) { link } }`,
    () => ({ a: ids.agent }),
  ],
  ['end a session', `mutation($id: ID!) { revokeSession(id: $id) }`, () => ({ id: ids.session })],
  [
    'untag a visitor',
    `mutation($v: ID!, $t: ID!) { untagVisitor(visitorId: $v, tagId: $t) { id } }`,
    () => ({ v: ids.visitor, t: ids.tag }),
  ],
  [
    'hand off',
    `mutation($id: ID!) { handOffConversation(id: $id) { id } }`,
    () => ({ id: ids.conversation }),
  ],
  [
    'reopen',
    `mutation($id: ID!) { reopenConversation(id: $id) { id } }`,
    () => ({ id: ids.conversation }),
  ],
  [
    'reactivate',
    `mutation($a: ID!) { reactivateMember(agentId: $a) { active } }`,
    () => ({ a: ids.agent }),
  ],
  [
    'replay a webhook delivery',
    `mutation($id: ID!) { replayWebhookDelivery(id: $id) { id } }`,
    () => ({ id: ids.delivery }),
  ],
  [
    'invite with a custom role',
    `mutation($r: ID!) { inviteMember(input: { email: "x@a.example", role: AGENT, customRoleId: $r }) { link } }`,
    () => ({ r: ids.role }),
  ],
];

/** Reads narrowed by B's ids: they answer, with nothing of B. */
const FILTERS: [string, string, () => Record<string, unknown>][] = [
  [
    "list conversations by B's tag",
    `query($t: ID!) { conversations(filter: { tagIds: [$t] }) { edges { node { id } } } }`,
    () => ({ t: ids.tag }),
  ],
  [
    "count conversations by B's tag",
    `query($t: ID!) { conversationCounts(filter: { tagIds: [$t] }) { mine robot unassigned unread all history } }`,
    () => ({ t: ids.tag }),
  ],
];

/**
 * Root fields that take an id but are covered elsewhere, with why. Every other
 * root field whose arguments hold an ID must have an attempt above.
 */
const COVERED_ELSEWHERE: Record<string, string> = {
  visitorConversation: "the visitor's own: visitor-isolation.int.test.ts",
  visitorSendMessage: "the visitor's own: visitor-isolation.int.test.ts",
  visitorRequestHuman: "the visitor's own: visitor-isolation.int.test.ts",
  visitorRecallMessage: "the visitor's own: visitor-isolation.int.test.ts",
  visitorMarkRead: "the visitor's own: visitor-isolation.int.test.ts",
  visitorSendTyping: "the visitor's own: visitor-isolation.int.test.ts",
  auditLog: "a filter on the caller's own log: never reads another workspace",
};

/** Whether a type (through lists, non-nulls and input objects) holds an ID. */
function holdsId(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named.name === 'ID') return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => holdsId(field.type, seen));
}

/** Root fields named in a document. */
function rootFields(query: string): string[] {
  const names: string[] = [];
  for (const definition of parse(query).definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const selection of definition.selectionSet.selections)
      if (selection.kind === Kind.FIELD) names.push(selection.name.value);
  }
  return names;
}

describe('workspace isolation', () => {
  it('every root field that takes an id is attempted here or covered elsewhere', () => {
    const schema = buildSchema(
      readFileSync(new URL('../../../../schema.graphql', import.meta.url), 'utf8'),
    );
    const attempted = new Set([...ATTEMPTS, ...FILTERS].flatMap(([, query]) => rootFields(query)));
    // Subscriptions taking an id are attempted in tests of their own below.
    attempted.add('agentActivity');
    const missing: string[] = [];
    for (const root of [
      schema.getQueryType(),
      schema.getMutationType(),
      schema.getSubscriptionType(),
    ]) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        if (!field.args.some((arg) => holdsId(arg.type))) continue;
        if (!attempted.has(field.name) && !(field.name in COVERED_ELSEWHERE))
          missing.push(field.name);
      }
    }
    expect(missing).toEqual([]);
  });

  for (const [what, query, variables] of ATTEMPTS) {
    it(`workspace A cannot ${what} in workspace B`, async () => {
      for (const token of [a.ownerToken, aToken]) {
        const response = await a.call(query, variables(), { token });
        expect(['NOT_FOUND', 'FORBIDDEN']).toContain(errorCode(response));
      }
    });
  }

  for (const [what, query, variables] of FILTERS) {
    it(`workspace A cannot ${what}`, async () => {
      for (const token of [a.ownerToken, aToken]) {
        const response = await a.call(query, variables(), { token });
        expect(response.errors).toBeUndefined();
        const text = JSON.stringify(response.data);
        for (const id of Object.values(ids)) expect(text).not.toContain(id);
        expect(text).not.toMatch(/[1-9]/);
      }
    });
  }

  it("B is untouched, and A's lists never show B's objects", async () => {
    const conversation = await b.call<{
      conversation: {
        status: string;
        pinned: boolean;
        visitor: { name: string };
        messages: { body: string }[];
      };
    }>(
      `query($id: ID!) { conversation(id: $id) { status pinned visitor { name } messages { body } } }`,
      { id: ids.conversation },
    );
    expect(conversation.data?.conversation).toMatchObject({
      status: 'UNASSIGNED',
      pinned: false,
      messages: [{ body: 'private to B' }],
    });
    expect(conversation.data?.conversation.visitor.name).not.toBe('pwned');
    const channels = await b.call<{ websiteChannels: { allowedOrigins: string[] }[] }>(
      `{ websiteChannels { allowedOrigins } }`,
    );
    expect(channels.data?.websiteChannels[0]?.allowedOrigins).toEqual([]);
    const lists = await a.call(
      `{ conversations(first: 100) { edges { node { id } } } tags { id } agentGroups { id } customRoles { id } webhooks { id } apiTokens { id } invitations { id } teamMembers { agent { id } } websiteChannels { id } }`,
    );
    const text = JSON.stringify(lists.data);
    for (const id of Object.values(ids)) expect(text).not.toContain(id);
  });

  it("A cannot follow agent activity in B's conversation", async () => {
    const client = wsClient(server.wsUrl, { token: a.ownerToken });
    const onB = collect<{ agentActivity: { conversationId: string } }>(
      client,
      `subscription($c: ID) { agentActivity(conversationId: $c) { conversationId } }`,
      { c: ids.conversation },
    );
    const anywhere = collect<{ agentActivity: { conversationId: string } }>(
      client,
      `subscription { agentActivity { conversationId } }`,
    );
    // Until both streams are live, B's signals could be missed for the wrong
    // reason: A's own agent views A's conversation until A hears of it.
    const own = await a.visitorSays(await a.newVisitor(), 'A only');
    for (let i = 0; i < 50 && anywhere.received.length === 0; i += 1) {
      await a.call(
        `mutation($c: ID!) { setViewing(conversationId: $c, viewing: true) }`,
        { c: own.conversationId },
        { token: a.agentToken },
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await b.call(`mutation($c: ID!) { setViewing(conversationId: $c, viewing: true) }`, {
      c: ids.conversation,
    });
    await b.call(`mutation($c: ID!) { sendTyping(input: { conversationId: $c, typing: true }) }`, {
      c: ids.conversation,
    });
    // A later signal of A's proves the streams were live after B's.
    const seen = anywhere.received.length;
    await a.call(
      `mutation($c: ID!) { setViewing(conversationId: $c, viewing: false) }`,
      { c: own.conversationId },
      { token: a.agentToken },
    );
    await anywhere.take(seen + 1);
    expect(onB.received).toEqual([]);
    expect(
      anywhere.received.every((e) => e.agentActivity.conversationId === own.conversationId),
    ).toBe(true);
    onB.dispose();
    anywhere.dispose();
    await client.dispose();
  });

  it("A's subscriptions never carry B's events", async () => {
    const after = await eventCursorNow(server.graphqlUrl, a.ownerToken);
    const client = wsClient(server.wsUrl, { token: aToken });
    const workspace = collect<{ workspaceEvents: { conversationId: string | null } }>(
      client,
      `subscription($a: String) { workspaceEvents(after: $a) { conversationId } }`,
      { a: after },
      (e) => e.workspaceEvents.conversationId !== null,
    );
    const sessions = collect<{ sessionEvents: { conversationId: string } }>(
      client,
      `subscription($a: String) { sessionEvents(after: $a) { conversationId } }`,
      { a: after },
    );
    await b.visitorSays(await b.newVisitor(), 'B only');
    const mine = await a.visitorSays(await a.newVisitor(), 'A only');
    const [first] = await workspace.take(1);
    expect(first?.workspaceEvents.conversationId).toBe(mine.conversationId);
    const [session] = await sessions.take(1);
    expect(session?.sessionEvents.conversationId).toBe(mine.conversationId);
    workspace.dispose();
    sessions.dispose();
    await client.dispose();
  });
});
