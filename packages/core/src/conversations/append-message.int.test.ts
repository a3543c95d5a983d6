// appendMessage builds its event payload in SQL; these tests pin that payload
// to the records the ordinary readers load, so the two cannot drift apart.
import { openTestDatabase, type TestDatabase } from '@parley/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import type { AgentActor, VisitorActor } from '../shared/actor.js';
import { appendVisitorMessages } from './append-message.js';

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

describe('appendVisitorMessages (many visitors, one statement)', () => {
  async function openFor(name: string) {
    const session = await core.startVisitorSession({ channelKey: 'append-web', name });
    const actor: VisitorActor = { ...visitor, visitorId: session.visitor.id };
    const first = await core.visitorSendMessage(actor, { body: `hi from ${name}` });
    return { actor, conversationId: first.conversationId };
  }

  it('writes each message as the one-row statement does, and skips what the sender may not write', async () => {
    const a = await openFor('Ada');
    const b = await openFor('Bo');
    const resolved = await openFor('Cy');
    await core.resolveConversation(owner, { id: resolved.conversationId });
    const draft = (who: typeof a, body: string, as = who.actor) => ({
      workspaceId: as.workspaceId,
      conversationId: who.conversationId,
      visitorId: as.visitorId,
      body,
    });

    const results = await appendVisitorMessages(database.db, [
      draft(a, 'from Ada'),
      draft(b, 'not yours', a.actor), // Ada writing into Bo's conversation
      draft(resolved, 'too late'), // resolved: the caller reopens it in a transaction
      draft(b, '  from\n Bo '),
    ]);

    expect(results[1]).toBeNull();
    expect(results[2]).toBeNull();
    const events = (await core.listWorkspaceEvents(owner, { first: 500 })).filter(
      (e) => e.type === 'MESSAGE_CREATED',
    );
    for (const [i, who] of [
      [0, a],
      [3, b],
    ] as const) {
      const result = results[i];
      const conversation = await core.getConversation(owner, { id: who.conversationId });
      const [message] = (await core.listMessages(conversation, { last: 1 })).slice(-1);
      expect(result).toEqual(message);
      expect(message?.seq).toBe(2);
      const event = events.find((e) => e.payload.message?.id === message?.id);
      expect(event?.payload.message).toEqual(message);
      const { unreadCount: _unread, ...shared } = conversation;
      expect(event?.payload.conversation).toEqual(shared);
      expect(event?.visitorId).toBe(who.actor.visitorId);
      expect(event?.actorId).toBe(who.actor.visitorId);
      expect(conversation.visitorLastReadSeq).toBe(2);
    }
    expect(events.filter((e) => e.payload.message?.body === 'not yours')).toHaveLength(0);
    expect(events.filter((e) => e.payload.message?.body === 'too late')).toHaveLength(0);
  });

  it('keeps every message of concurrent visitors, numbered without gaps and in order per conversation', async () => {
    const people = await Promise.all(['D', 'E', 'F'].map((n) => openFor(n)));
    // 3 visitors × 20 messages, all sent at once: most leave in shared batches.
    await Promise.all(
      people.flatMap((p) =>
        Array.from({ length: 20 }, (_, i) =>
          core.visitorSendMessage(p.actor, { conversationId: p.conversationId, body: `m${i}` }),
        ),
      ),
    );
    for (const p of people) {
      const conversation = await core.getConversation(owner, { id: p.conversationId });
      const messages = await core.listMessages(conversation, { last: 100 });
      expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
      expect(messages.slice(1).map((m) => m.body)).toEqual(
        Array.from({ length: 20 }, (_, i) => `m${i}`),
      );
      expect(conversation.lastMessageSeq).toBe(21);
      expect(conversation.lastMessagePreview).toBe('m19');
    }
  });
});
