// Who may change who has a conversation, and who may reply in it, over real
// GraphQL: reopening never takes a colleague's conversation, every assignee
// change passes the reassign rule, and a reply in someone else's conversation
// needs conversation.reply_others (a reply in a waiting or resolved one takes
// or reopens it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestServer, type TestServer } from '../testing/index.js';
import { createInboxFixture, type InboxFixture } from '../testing/inbox-fixtures.js';

let server: TestServer;
let f: InboxFixture;
let colleagueToken: string;
let colleagueId: string;

const TAKE = `mutation($id: ID!) { takeConversation(id: $id) { id } }`;
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

/** A conversation the fixture's agent has taken. */
async function agentsConversation(): Promise<string> {
  const { conversationId } = await f.visitorSays(await f.newVisitor(), 'hello');
  expect(errorCode(await f.call(TAKE, { id: conversationId }, { token: f.agentToken }))).toBe(
    undefined,
  );
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
