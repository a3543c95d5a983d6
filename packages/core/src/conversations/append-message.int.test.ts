// appendMessage builds its event payload in SQL; these tests pin that payload
// to the records the ordinary readers load, so the two cannot drift apart.
import { openTestDatabase, type TestDatabase } from '@parley/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import type { AgentActor, VisitorActor } from '../shared/actor.js';

let database: TestDatabase;
let core: Core;
let owner: AgentActor;
let visitor: VisitorActor;
let conversationId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  core = await createCore(database);
  const created = await core.createWorkspace({
    name: 'Append',
    owner: { email: 'owner@append.test', name: 'Owner', password: 'password-123' },
    websiteChannelKey: 'append-web',
  });
  owner = created.owner;
  const session = await core.startVisitorSession({ channelKey: 'append-web', name: 'Vera' });
  visitor = { kind: 'visitor', workspaceId: created.workspaceId, visitorId: session.visitor.id };
  const first = await core.visitorSendMessage(visitor, { body: 'first' });
  conversationId = first.conversationId;
});
afterAll(async () => {
  await core?.close();
  await database?.close();
});

async function lastEventPayload() {
  const events = await core.listWorkspaceEvents(owner, { first: 500 });
  const last = events.filter((e) => e.type === 'MESSAGE_CREATED').at(-1);
  if (!last) throw new Error('no MESSAGE_CREATED event');
  return last;
}

describe('appendMessage (one statement)', () => {
  it("returns and records exactly the readers' conversation and message", async () => {
    const sent = await core.visitorSendMessage(visitor, {
      conversationId,
      body: '  hello\n there ',
    });
    const event = await lastEventPayload();
    const conversation = await core.getConversation(owner, { id: conversationId });
    const [message] = (await core.listMessages(conversation, { last: 1 })).slice(-1);

    expect(sent).toEqual(message);
    expect(event.payload.message).toEqual(message);
    const { unreadCount: _unread, ...shared } = conversation;
    expect(event.payload.conversation).toEqual(shared);
    expect(event.payload.conversation?.lastMessagePreview).toBe('hello there');
    expect(event.visitorId).toBe(visitor.visitorId);
    expect(event.payload.firstAgentReply).toBeUndefined();
  });

  it('numbers messages without gaps and marks only the first agent reply', async () => {
    await core.takeConversation(owner, { id: conversationId });
    const reply = await core.sendMessage(owner, { conversationId, body: 'first reply' });
    const firstEvent = await lastEventPayload();
    expect(firstEvent.payload.firstAgentReply).toBe(true);
    expect(firstEvent.payload.message?.senderAgent).toEqual({
      id: owner.agentId,
      name: 'Owner',
      email: 'owner@append.test',
    });
    const again = await core.sendMessage(owner, { conversationId, body: 'second reply' });
    expect((await lastEventPayload()).payload.firstAgentReply).toBeUndefined();
    expect(again.seq).toBe(reply.seq + 1);

    const conversation = await core.getConversation(owner, { id: conversationId });
    expect(conversation.agentLastReadSeq).toBe(again.seq);
    expect(conversation.firstAgentReplyAt).not.toBeNull();
    const seqs = (await core.listMessages(conversation, { last: 200 })).map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  it('writes nothing for a conversation the sender may not write to', async () => {
    const before = await core.listWorkspaceEvents(owner, { first: 500 });
    const stranger = await core.startVisitorSession({ channelKey: 'append-web' });
    const other: VisitorActor = { ...visitor, visitorId: stranger.visitor.id };
    await expect(
      core.visitorSendMessage(other, { conversationId, body: 'sneaky' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const after = await core.listWorkspaceEvents(owner, { first: 500 });
    // Only the stranger's VISITOR_CREATED, no message.
    expect(after.filter((e) => e.type === 'MESSAGE_CREATED')).toHaveLength(
      before.filter((e) => e.type === 'MESSAGE_CREATED').length,
    );
  });

  it('reopens a resolved conversation before adding the message', async () => {
    await core.resolveConversation(owner, { id: conversationId });
    const sent = await core.visitorSendMessage(visitor, { conversationId, body: 'back again' });
    const conversation = await core.getConversation(owner, { id: conversationId });
    expect(conversation.status).not.toBe('RESOLVED');
    expect(sent.seq).toBe(conversation.lastMessageSeq);
  });
});
