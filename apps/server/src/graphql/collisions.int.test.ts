// Who may change who has a conversation, and who may reply in it, over real
// GraphQL: reopening never takes a colleague's conversation, every assignee
// change passes the reassign rule, and a reply in someone else's conversation
// needs conversation.reply_others (a reply in a waiting or resolved one takes
// or reopens it).
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
let colleagueToken: string;
let colleagueId: string;

const RESOLVE = `mutation($id: ID!) { resolveConversation(id: $id) { id status } }`;
const REOPEN = `mutation($id: ID!, $takeOver: Boolean) { reopenConversation(id: $id, takeOver: $takeOver) { id status assignee { id } } }`;
const REPLY = `mutation($id: ID!, $body: String!) { sendMessage(input: { conversationId: $id, body: $body }) { id seq } }`;
const CONVERSATION = `query($id: ID!) { conversation(id: $id) { status assignee { id } } }`;

beforeAll(async () => {
  server = await startTestServer();
  f = await createInboxFixture(server);
  const owner = await server.core.authenticate({ bearer: f.ownerToken });
  const email = `colleague-${Date.now()}@example.test`;
  colleagueId = (
    await server.core.addTeamMember(owner, {
      email,
      name: 'Lee Colleague',
      password: 'colleague-password',
      role: 'AGENT',
    })
  ).id;
  colleagueToken = (await server.core.signIn({ email, password: 'colleague-password' })).token;
});
afterAll(async () => {
  await server?.close();
});

async function conversationOf(id: string) {
  const r = await f.call<{ conversation: { status: string; assignee: { id: string } | null } }>(
    CONVERSATION,
    { id },
  );
  return r.data!.conversation;
}

/** A conversation assigned to the fixture's agent. */
async function agentsConversation(): Promise<string> {
  const { conversationId } = await f.visitorSays(await f.newVisitor(), 'hello');
  // The owner gives it (an online agent may have been auto-assigned it meanwhile).
  const given = await f.call(
    `mutation($id: ID!, $to: ID!) { assignConversation(input: { conversationId: $id, agentId: $to }) { id } }`,
    { id: conversationId, to: f.agentId },
  );
  expect(errorCode(given)).toBeUndefined();
  return conversationId;
}

describe('reopen', () => {
  it("keeps the previous assignee: a plain agent cannot take a colleague's conversation by resolve then reopen", async () => {
    const id = await agentsConversation();
    await f.call(RESOLVE, { id }, { token: colleagueToken });
    const reopened = await f.call<{
      reopenConversation: { status: string; assignee: { id: string } };
    }>(REOPEN, { id }, { token: colleagueToken });
    expect(reopened.data?.reopenConversation).toMatchObject({
      status: 'ASSIGNED',
      assignee: { id: f.agentId },
    });

    await f.call(RESOLVE, { id }, { token: colleagueToken });
    const takeOver = await f.call(REOPEN, { id, takeOver: true }, { token: colleagueToken });
    expect(errorCode(takeOver)).toBe('FORBIDDEN');
    expect(await conversationOf(id)).toMatchObject({ status: 'RESOLVED' });
  });

  it('gives it to the reopener who may reassign and asks, and the event says who did what', async () => {
    const id = await agentsConversation();
    await f.call(RESOLVE, { id });
    const before = await f.call<{ conversations: { eventCursor: string } }>(
      `{ conversations(first: 1) { eventCursor } }`,
    );
    const reopened = await f.call<{ reopenConversation: { assignee: { id: string } } }>(REOPEN, {
      id,
      takeOver: true,
    });
    expect(reopened.data?.reopenConversation.assignee.id).toBe(f.ownerId);
    const events = await f.call<{
      workspaceEvents: {
        type: string;
        conversationId: string | null;
        assignment: { from: { id: string } | null; to: { id: string }; by: { id: string } } | null;
      }[];
    }>(
      `query($after: String) { workspaceEvents(after: $after, first: 20) { type conversationId assignment { from { id } to { id } by { id } } } }`,
      { after: before.data!.conversations.eventCursor },
    );
    expect(events.errors).toBeUndefined();
    const reopenEvent = events.data!.workspaceEvents.filter(
      (e) => e.conversationId === id && e.type === 'CONVERSATION_STATUS_CHANGED',
    );
    expect(reopenEvent.at(-1)?.assignment).toEqual({
      from: { id: f.agentId },
      to: { id: f.ownerId },
      by: { id: f.ownerId },
    });
  });
});

describe('replies', () => {
  it("in a colleague's conversation need conversation.reply_others and do not take it", async () => {
    const id = await agentsConversation();
    const refused = await f.call(
      REPLY,
      { id, body: 'I will handle this' },
      { token: colleagueToken },
    );
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain('conversation.reply_others');
    // Owners have it: the reply lands and the conversation stays the agent's.
    expect(errorCode(await f.call(REPLY, { id, body: 'Owner here' }))).toBeUndefined();
    expect(await conversationOf(id)).toEqual({ status: 'ASSIGNED', assignee: { id: f.agentId } });
    // The assignee replies on the fast path as always.
    expect(errorCode(await f.call(REPLY, { id, body: 'Mine' }, { token: f.agentToken }))).toBe(
      undefined,
    );
  });

  it('in a waiting conversation take it', async () => {
    const { conversationId: id } = await f.visitorSays(await f.newVisitor(), 'anyone?');
    expect(errorCode(await f.call(REPLY, { id, body: 'Me!' }, { token: colleagueToken }))).toBe(
      undefined,
    );
    expect(await conversationOf(id)).toEqual({ status: 'ASSIGNED', assignee: { id: colleagueId } });
  });

  it('in a resolved conversation reopen it under the reopen rules', async () => {
    const { conversationId: free } = await f.visitorSays(await f.newVisitor(), 'thanks');
    await f.call(RESOLVE, { id: free });
    expect(
      errorCode(
        await f.call(REPLY, { id: free, body: 'One more thing' }, { token: colleagueToken }),
      ),
    ).toBeUndefined();
    expect(await conversationOf(free)).toEqual({
      status: 'ASSIGNED',
      assignee: { id: colleagueId },
    });

    const taken = await agentsConversation();
    await f.call(RESOLVE, { id: taken });
    const refused = await f.call(REPLY, { id: taken, body: 'Mine now' }, { token: colleagueToken });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    // Nothing half-written: still resolved, still the agent's.
    expect(await conversationOf(taken)).toEqual({
      status: 'RESOLVED',
      assignee: { id: f.agentId },
    });
  });
});

describe('live signals', () => {
  const TYPING = `subscription { typing { conversationId typing } }`;
  const VISITOR_TYPES = `mutation($id: ID!) { visitorSendTyping(input: { conversationId: $id, typing: true }) }`;
  const AGENT_TYPES = `mutation($id: ID!) { sendTyping(input: { conversationId: $id, typing: true }) }`;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  /** A member who sees only their own, their groups' and unassigned conversations. */
  async function restrictedAgent(): Promise<string> {
    const owner = await server.core.authenticate({ bearer: f.ownerToken });
    const role = await server.core.createCustomRole(owner, {
      name: `Restricted ${Date.now()}`,
      permissions: ['visitor.edit'],
    });
    const email = `restricted-${Date.now()}@example.test`;
    const member = await server.core.addTeamMember(owner, {
      email,
      name: 'Rae Restricted',
      password: 'restricted-password',
      role: 'AGENT',
    });
    await server.core.changeMemberRole(owner, {
      agentId: member.id,
      role: 'AGENT',
      customRoleId: role.id,
    });
    return (await server.core.signIn({ email, password: 'restricted-password' })).token;
  }

  it('typing reaches only agents who may see the conversation, re-checked on every signal', async () => {
    const restricted = await restrictedAgent();
    const hidden = await agentsConversation();
    const visitor = await f.newVisitor();
    const { conversationId: open } = await f.visitorSays(visitor, 'waiting');
    const { conversationId: later } = await f.visitorSays(await f.newVisitor(), 'also waiting');

    const socket = wsClient(server.wsUrl, { token: restricted });
    const typing = collect<{ typing: { conversationId: string } }>(socket, TYPING);
    await settle();

    await f.call(AGENT_TYPES, { id: hidden }, { token: f.agentToken });
    await f.call(VISITOR_TYPES, { id: open }, { visitor });
    await typing.take(1);
    // Now the waiting conversation goes to a colleague: its typing stops showing.
    await f.call(
      `mutation($id: ID!, $to: ID!) { assignConversation(input: { conversationId: $id, agentId: $to }) { id } }`,
      { id: open, to: f.agentId },
    );
    await f.call(VISITOR_TYPES, { id: open }, { visitor });
    await f.call(AGENT_TYPES, { id: later }, { token: colleagueToken });
    await typing.take(2);
    await settle();
    expect(typing.received.map((r) => r.typing.conversationId)).toEqual([open, later]);
    typing.dispose();
    await socket.dispose();
  });

  it('other agents see who is viewing and typing in the open conversation', async () => {
    const id = await agentsConversation();
    const socket = wsClient(server.wsUrl, { token: colleagueToken });
    const activity = collect<{
      agentActivity: { agentId: string; name: string; kind: string; active: boolean };
    }>(
      socket,
      `subscription($id: ID) { agentActivity(conversationId: $id) { agentId name kind active } }`,
      {
        id,
      },
    );
    await settle();
    const viewing = await f.call(
      `mutation($id: ID!) { setViewing(conversationId: $id, viewing: true) }`,
      { id },
      { token: f.agentToken },
    );
    expect(viewing.errors).toBeUndefined();
    await f.call(AGENT_TYPES, { id }, { token: f.agentToken });
    const [seen, typed] = await activity.take(2);
    expect(seen?.agentActivity).toMatchObject({
      agentId: f.agentId,
      kind: 'VIEWING',
      active: true,
    });
    expect(typed?.agentActivity).toMatchObject({
      agentId: f.agentId,
      kind: 'TYPING',
      active: true,
    });
    activity.dispose();
    await socket.dispose();
  });
});
