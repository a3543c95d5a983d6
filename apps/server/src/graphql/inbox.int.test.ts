// The live inbox over real GraphQL: views, filters, counts, lifecycle,
// assignment and its permissions, pinning, read state, recall, typing,
// presence and auto-assignment.
import { conversations, eq, messages, sql } from '@parley/db';
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

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const LIST = /* GraphQL */ `
  query List($view: ConversationView, $filter: ConversationFilter, $first: Int, $after: String) {
    conversations(view: $view, filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          status
          pinned
          unreadCount
          lastMessagePreview
          assignee {
            id
          }
          visitor {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
const COUNTS = /* GraphQL */ `
  query Counts($filter: ConversationFilter) {
    conversationCounts(filter: $filter) {
      mine
      robot
      unassigned
      unread
      unreadForMe
      all
      history
    }
  }
`;
type Node = {
  id: string;
  status: string;
  pinned: boolean;
  unreadCount: number;
  lastMessagePreview: string | null;
  assignee: { id: string } | null;
  visitor: { id: string; name: string };
};
type List = {
  conversations: {
    edges: { node: Node }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};
type Counts = {
  conversationCounts: Record<
    'mine' | 'robot' | 'unassigned' | 'unread' | 'unreadForMe' | 'all' | 'history',
    number
  >;
};

async function ids(
  f: InboxFixture,
  view: string | null,
  filter: Record<string, unknown> | null = null,
  token = f.ownerToken,
) {
  const response = await f.call<List>(LIST, { view, filter, first: 100 }, { token });
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.conversations.edges.map((e) => e.node.id);
}

const TAKE = `mutation($id: ID!) { takeConversation(id: $id) { id status assignee { id } } }`;
const ASSIGN = `mutation($input: AssignConversationInput!) { assignConversation(input: $input) { id status assignee { id } } }`;
const RESOLVE = `mutation($id: ID!) { resolveConversation(id: $id) { id status resolvedAt } }`;
const REOPEN = `mutation($id: ID!) { reopenConversation(id: $id) { id status assignee { id } } }`;
const PIN = `mutation($id: ID!, $pinned: Boolean!) { pinConversation(id: $id, pinned: $pinned) { id pinned } }`;
const READ = `mutation($id: ID!, $seq: Int) { markConversationRead(id: $id, seq: $seq) { id unreadCount agentLastReadSeq } }`;

describe('views', () => {
  let f: InboxFixture;
  const c: Record<string, string> = {};

  beforeAll(async () => {
    f = await createInboxFixture(server);
    // Robot reception on for one conversation, then off again.
    await f.call(
      `mutation { updateWorkspaceSettings(input: { prioritizeBotReception: true }) { prioritizeBotReception } }`,
    );
    c.robot = (await f.visitorSays(await f.newVisitor('Rob Robot'), 'hello bot')).conversationId;
    await f.call(
      `mutation { updateWorkspaceSettings(input: { prioritizeBotReception: false }) { prioritizeBotReception } }`,
    );
    c.waiting = (
      await f.visitorSays(await f.newVisitor('Wendy Waiting'), 'anyone?')
    ).conversationId;
    c.mine = (await f.visitorSays(await f.newVisitor('Mia Mine'), 'help me')).conversationId;
    c.theirs = (await f.visitorSays(await f.newVisitor('Theo Theirs'), 'hi')).conversationId;
    c.done = (await f.visitorSays(await f.newVisitor('Dora Done'), 'thanks')).conversationId;
    await f.call(TAKE, { id: c.mine });
    await f.call(TAKE, { id: c.theirs }, { token: f.agentToken });
    await f.call(TAKE, { id: c.done });
    await f.call(RESOLVE, { id: c.done });
    // The owner has read everything in "mine"; "waiting" gets a second, unread message.
    await f.call(READ, { id: c.mine });
  });

  it('new conversations start in ROBOT when bot reception is prioritised, else UNASSIGNED', async () => {
    expect(await ids(f, 'ROBOT')).toEqual([c.robot]);
    expect(await ids(f, 'UNASSIGNED')).toEqual(expect.arrayContaining([c.waiting]));
  });

  it('Mine holds only my open assigned conversations', async () => {
    expect(await ids(f, 'MINE')).toEqual([c.mine]);
    expect(await ids(f, 'MINE', null, f.agentToken)).toEqual([c.theirs]);
  });

  it('All is every open conversation; History the resolved ones', async () => {
    expect((await ids(f, 'ALL')).sort()).toEqual([c.robot, c.waiting, c.mine, c.theirs].sort());
    expect(await ids(f, 'HISTORY')).toEqual([c.done]);
    expect((await ids(f, null)).length).toBe(5);
  });

  it('Unread holds open conversations with messages I have not read', async () => {
    const unread = await ids(f, 'UNREAD');
    expect(unread).not.toContain(c.mine);
    expect(unread).not.toContain(c.done);
    expect(unread).toEqual(expect.arrayContaining([c.robot, c.waiting, c.theirs]));
    const list = await f.call<List>(LIST, { view: 'UNREAD', first: 100 });
    for (const edge of list.data!.conversations.edges)
      expect(edge.node.unreadCount).toBeGreaterThan(0);
  });

  it('counts match the views, per agent', async () => {
    const counts = (await f.call<Counts>(COUNTS)).data!.conversationCounts;
    // Unread for me: my own and the waiting ones, not a colleague's nor the robot's.
    expect(counts).toEqual({
      mine: 1,
      robot: 1,
      unassigned: 1,
      unread: 3,
      unreadForMe: 1,
      all: 4,
      history: 1,
    });
    const theirs = (await f.call<Counts>(COUNTS, {}, { token: f.agentToken })).data!
      .conversationCounts;
    expect(theirs.mine).toBe(1);
    // Taking a conversation is not reading it: all four open ones are unread for them.
    expect(theirs.unread).toBe(4);
    // …but only their own and the waiting one are theirs to answer.
    expect(theirs.unreadForMe).toBe(2);
  });

  it('pinned conversations come first, then the most recent activity', async () => {
    await f.call(PIN, { id: c.mine, pinned: true });
    const all = await ids(f, 'ALL');
    expect(all[0]).toBe(c.mine);
    await f.call(PIN, { id: c.mine, pinned: false });
  });

  it('pages with a cursor without repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: List = (await f.call<List>(LIST, { view: 'ALL', first: 1, after })).data!;
      seen.push(...page.conversations.edges.map((e) => e.node.id));
      if (!page.conversations.pageInfo.hasNextPage) break;
      after = page.conversations.pageInfo.endCursor;
    }
    expect(seen.length).toBe(4);
    expect(new Set(seen).size).toBe(4);
  });

  it('API tokens cannot ask for Mine or Unread', async () => {
    const created = await f.call<{ createApiToken: { token: string } }>(
      `mutation { createApiToken(input: { name: "views" }) { token } }`,
    );
    const token = created.data!.createApiToken.token;
    expect(errorCode(await f.call(LIST, { view: 'MINE' }, { token }))).toBe('BAD_USER_INPUT');
    expect(
      (await f.call<List>(LIST, { view: 'ALL' }, { token })).data?.conversations.edges.length,
    ).toBe(4);
  });
});

describe('filters', () => {
  let f: InboxFixture;
  const c: Record<string, string> = {};
  let vip: string;

  beforeAll(async () => {
    f = await createInboxFixture(server);
    const alice = await f.newVisitor('Alice Adams');
    const bob = await f.newVisitor('Bob Brown');
    c.alice = (await f.visitorSays(alice, 'a')).conversationId;
    c.bob = (await f.visitorSays(bob, 'b')).conversationId;
    const list = await f.call<List>(LIST, { view: 'ALL', first: 10 });
    const visitorOf = (id: string) =>
      list.data!.conversations.edges.find((e) => e.node.id === id)!.node.visitor.id;
    await f.call(`mutation($input: UpdateVisitorInput!) { updateVisitor(input: $input) { id } }`, {
      input: {
        visitorId: visitorOf(c.alice),
        email: 'alice@shop.example',
        phone: '+43 660 123 4567',
      },
    });
    await f.call(`mutation($input: UpdateVisitorInput!) { updateVisitor(input: $input) { id } }`, {
      input: { visitorId: visitorOf(c.bob), email: 'bob@mail.example', phone: '+1 202 555 0100' },
    });
    vip = (
      await f.call<{ createTag: { id: string } }>(`mutation { createTag(name: "VIP") { id } }`)
    ).data!.createTag.id;
    await f.call(
      `mutation($v: ID!, $t: ID!) { tagVisitor(visitorId: $v, tagId: $t) { id tags { name } } }`,
      {
        v: visitorOf(c.bob),
        t: vip,
      },
    );
    // Make Alice's last activity an hour old.
    await server.database.db
      .update(conversations)
      .set({ lastActivityAt: sql`now() - interval '1 hour'` })
      .where(eq(conversations.id, c.alice!));
  });

  it('by visitor tag', async () => {
    expect(await ids(f, 'ALL', { tagIds: [vip] })).toEqual([c.bob]);
  });

  it('by phone and email (parts of them)', async () => {
    expect(await ids(f, 'ALL', { phone: '1234' })).toEqual([c.alice]);
    expect(await ids(f, 'ALL', { phone: 'no digits' })).toEqual([]);
    expect(await ids(f, 'ALL', { email: 'MAIL.example' })).toEqual([c.bob]);
  });

  it('by phone, the way the workbench matches it: digits of the E.164 form', async () => {
    // The example: "4366012" finds "+43 660 123 4567" (stored as +436601234567).
    expect(await ids(f, 'ALL', { phone: '4366012' })).toEqual([c.alice]);
    expect(await ids(f, 'ALL', { phone: '+43 (0)660 123 4567' })).toEqual([c.alice]);
    expect(await ids(f, 'ALL', { phone: '+43 660' })).toEqual([c.alice]);
    expect(await ids(f, 'ALL', { search: '4366012' })).toEqual([c.alice]);
    const profile = await f.call<{ conversation: { visitor: { phone: string | null } } }>(
      `query($id: ID!) { conversation(id: $id) { visitor { phone } } }`,
      { id: c.alice },
    );
    expect(profile.data!.conversation.visitor.phone).toBe('+436601234567');
  });

  it('refuses an invalid phone with a message saying how to write it', async () => {
    const alice = await f.call<List>(LIST, {
      view: 'ALL',
      first: 10,
      filter: { phone: '4366012' },
    });
    const visitorId = alice.data!.conversations.edges[0]!.node.visitor.id;
    for (const phone of ['0660 1234567', '+1 555 0100', 'call me']) {
      const response = await f.call(
        `mutation($input: UpdateVisitorInput!) { updateVisitor(input: $input) { id } }`,
        { input: { visitorId, phone } },
      );
      expect(errorCode(response), phone).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toMatch(/country code, e\.g\. \+43 660 1234567/);
    }
  });

  it('by last reply time range', async () => {
    const halfHourAgo = new Date(Date.now() - 30 * 60 * 1000).toISOString();
    expect(await ids(f, 'ALL', { lastReplyFrom: halfHourAgo })).toEqual([c.bob]);
    expect(await ids(f, 'ALL', { lastReplyTo: halfHourAgo })).toEqual([c.alice]);
  });

  it('by channel, and by a search over name, email and phone', async () => {
    expect((await ids(f, 'ALL', { channels: ['WEBSITE'] })).length).toBe(2);
    expect(await ids(f, 'ALL', { channels: ['TELEGRAM'] })).toEqual([]);
    expect(await ids(f, 'ALL', { search: 'adams' })).toEqual([c.alice]);
    expect(await ids(f, 'ALL', { search: '555' })).toEqual([c.bob]);
  });

  it('combines with views and counts', async () => {
    expect(await ids(f, 'UNASSIGNED', { tagIds: [vip], search: 'bob' })).toEqual([c.bob]);
    expect(await ids(f, 'HISTORY', { tagIds: [vip] })).toEqual([]);
    const counts = (await f.call<Counts>(COUNTS, { filter: { tagIds: [vip] } })).data!
      .conversationCounts;
    expect(counts.all).toBe(1);
    expect(counts.unassigned).toBe(1);
  });

  it('treats LIKE wildcards in the search literally', async () => {
    expect(await ids(f, 'ALL', { search: '%' })).toEqual([]);
    expect(await ids(f, 'ALL', { email: '_' })).toEqual([]);
  });

  it('rejects bad filter input', async () => {
    expect(errorCode(await f.call(LIST, { view: 'ALL', filter: { tagIds: ['nope'] } }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(await f.call(LIST, { view: 'ALL', filter: { lastReplyFrom: 'yesterday' } })),
    ).toBe('BAD_USER_INPUT');
  });
});

describe('lifecycle and assignment', () => {
  let f: InboxFixture;
  beforeAll(async () => {
    f = await createInboxFixture(server);
  });

  it('an agent takes a waiting conversation; another agent cannot take it from them', async () => {
    const { conversationId } = await f.visitorSays(await f.newVisitor(), 'hi');
    const taken = await f.call<{ takeConversation: { status: string; assignee: { id: string } } }>(
      TAKE,
      { id: conversationId },
      { token: f.agentToken },
    );
    expect(taken.data?.takeConversation).toMatchObject({
      status: 'ASSIGNED',
      assignee: { id: f.agentId },
    });
    expect(errorCode(await f.call(TAKE, { id: conversationId }))).toBe('CONFLICT');
  });

  it('an agent without conversation.reassign cannot reassign; an owner can, with a note agents see', async () => {
    const { conversationId } = await f.visitorSays(await f.newVisitor(), 'hi');
    await f.call(TAKE, { id: conversationId });
    const refused = await f.call(
      ASSIGN,
      { input: { conversationId, agentId: f.agentId } },
      { token: f.agentToken },
    );
    expect(errorCode(refused)).toBe('FORBIDDEN');

    const moved = await f.call<{ assignConversation: { assignee: { id: string } } }>(ASSIGN, {
      input: { conversationId, agentId: f.agentId, note: 'Billing question, over to you' },
    });
    expect(moved.data?.assignConversation.assignee.id).toBe(f.agentId);
    const transcript = await f.call<{
      conversation: { messages: { body: string; internal: boolean; senderType: string }[] };
    }>(`query($id: ID!) { conversation(id: $id) { messages { body internal senderType } } }`, {
      id: conversationId,
    });
    const note = transcript.data!.conversation.messages.find((m) => m.internal);
    expect(note?.body).toMatch(
      /assigned this conversation to Agent .*: Billing question, over to you/,
    );
  });

  it('an agent may hand their own conversation back to the queue', async () => {
    const { conversationId } = await f.visitorSays(await f.newVisitor(), 'hi');
    await f.call(TAKE, { id: conversationId }, { token: f.agentToken });
    const back = await f.call<{ assignConversation: { status: string; assignee: null } }>(
      ASSIGN,
      { input: { conversationId, agentId: null } },
      { token: f.agentToken },
    );
    expect(back.data?.assignConversation).toEqual({
      id: conversationId,
      status: 'UNASSIGNED',
      assignee: null,
    });
  });

  it('assigning to an agent of another workspace is NOT_FOUND', async () => {
    const other = await createInboxFixture(server);
    const { conversationId } = await f.visitorSays(await f.newVisitor(), 'hi');
    expect(
      errorCode(await f.call(ASSIGN, { input: { conversationId, agentId: other.agentId } })),
    ).toBe('NOT_FOUND');
  });

  it('resolve, then illegal moves are CONFLICT, and reopen assigns to the reopener', async () => {
    const { conversationId } = await f.visitorSays(await f.newVisitor(), 'hi');
    const resolved = await f.call<{ resolveConversation: { status: string; resolvedAt: string } }>(
      RESOLVE,
      { id: conversationId },
    );
    expect(resolved.data?.resolveConversation.status).toBe('RESOLVED');
    expect(resolved.data?.resolveConversation.resolvedAt).toBeTruthy();
    expect(errorCode(await f.call(RESOLVE, { id: conversationId }))).toBe('CONFLICT');
    expect(errorCode(await f.call(TAKE, { id: conversationId }))).toBe('CONFLICT');
    const reopened = await f.call<{
      reopenConversation: { status: string; assignee: { id: string } };
    }>(REOPEN, { id: conversationId }, { token: f.agentToken });
    expect(reopened.data?.reopenConversation).toMatchObject({
      status: 'ASSIGNED',
      assignee: { id: f.agentId },
    });
  });

  it('a visitor message on a resolved conversation reopens it into the queue', async () => {
    const visitor = await f.newVisitor();
    const { conversationId } = await f.visitorSays(visitor, 'hi');
    await f.call(RESOLVE, { id: conversationId });
    await f.visitorSays(visitor, 'one more thing', conversationId);
    const list = await ids(f, 'UNASSIGNED');
    expect(list).toContain(conversationId);
  });

  it('a robot conversation leaves ROBOT when the visitor asks for a human or an agent takes it over', async () => {
    await f.call(
      `mutation { updateWorkspaceSettings(input: { prioritizeBotReception: true }) { prioritizeBotReception } }`,
    );
    const visitor = await f.newVisitor();
    const first = await f.visitorSays(visitor, 'bot?');
    const human = await f.call<{ visitorRequestHuman: { status: string } }>(
      `mutation($id: ID!) { visitorRequestHuman(conversationId: $id) { status } }`,
      { id: first.conversationId },
      { visitor },
    );
    expect(human.data?.visitorRequestHuman.status).toBe('UNASSIGNED');
    expect(
      errorCode(
        await f.call(`mutation($id: ID!) { handOffConversation(id: $id) { status } }`, {
          id: first.conversationId,
        }),
      ),
    ).toBe('CONFLICT');

    const second = await f.visitorSays(await f.newVisitor(), 'bot again?');
    const taken = await f.call<{ takeConversation: { status: string } }>(TAKE, {
      id: second.conversationId,
    });
    expect(taken.data?.takeConversation.status).toBe('ASSIGNED');
    await f.call(
      `mutation { updateWorkspaceSettings(input: { prioritizeBotReception: false }) { prioritizeBotReception } }`,
    );
  });

  it("another visitor cannot ask for a human in someone else's conversation", async () => {
    const { conversationId } = await f.visitorSays(await f.newVisitor(), 'mine');
    const mallory = await f.newVisitor();
    const response = await f.call(
      `mutation($id: ID!) { visitorRequestHuman(conversationId: $id) { status } }`,
      { id: conversationId },
      { visitor: mallory },
    );
    expect(errorCode(response)).toBe('NOT_FOUND');
  });
});

describe('pinning', () => {
  it("an agent pins their own conversation, not another agent's; an owner pins anyone's", async () => {
    const f = await createInboxFixture(server);
    const own = (await f.visitorSays(await f.newVisitor(), 'a')).conversationId;
    const ownersOwn = (await f.visitorSays(await f.newVisitor(), 'b')).conversationId;
    await f.call(TAKE, { id: own }, { token: f.agentToken });
    await f.call(TAKE, { id: ownersOwn });

    const pinned = await f.call<{ pinConversation: { pinned: boolean } }>(
      PIN,
      { id: own, pinned: true },
      { token: f.agentToken },
    );
    expect(pinned.data?.pinConversation.pinned).toBe(true);
    expect(
      errorCode(await f.call(PIN, { id: ownersOwn, pinned: true }, { token: f.agentToken })),
    ).toBe('FORBIDDEN');
    const byOwner = await f.call<{ pinConversation: { pinned: boolean } }>(PIN, {
      id: own,
      pinned: false,
    });
    expect(byOwner.data?.pinConversation.pinned).toBe(false);
  });
});

describe('read state', () => {
  it("opening marks read; the visitor sees the receipt; the agent sees the visitor's", async () => {
    const f = await createInboxFixture(server);
    const visitor = await f.newVisitor();
    const { conversationId } = await f.visitorSays(visitor, 'one');
    await f.visitorSays(visitor, 'two', conversationId);
    const before = await f.call<List>(LIST, { view: 'UNREAD', first: 10 });
    expect(before.data!.conversations.edges[0]?.node.unreadCount).toBe(2);

    const read = await f.call<{
      markConversationRead: { unreadCount: number; agentLastReadSeq: number };
    }>(READ, { id: conversationId });
    expect(read.data?.markConversationRead).toEqual({
      id: conversationId,
      unreadCount: 0,
      agentLastReadSeq: 2,
    });
    expect(await ids(f, 'UNREAD')).toEqual([]);

    const seen = await f.call<{ visitorConversation: { agentLastReadSeq: number } }>(
      `query($id: ID!) { visitorConversation(id: $id) { agentLastReadSeq } }`,
      { id: conversationId },
      { visitor },
    );
    expect(seen.data?.visitorConversation.agentLastReadSeq).toBe(2);

    await f.call(
      `mutation($id: ID!, $body: String!) { sendMessage(input: { conversationId: $id, body: $body }) { seq } }`,
      { id: conversationId, body: 'hello!' },
    );
    await f.call(
      `mutation($id: ID!) { visitorMarkRead(conversationId: $id) { visitorLastReadSeq } }`,
      { id: conversationId },
      { visitor },
    );
    const receipt = await f.call<{ conversation: { visitorLastReadSeq: number } }>(
      `query($id: ID!) { conversation(id: $id) { visitorLastReadSeq } }`,
      { id: conversationId },
    );
    expect(receipt.data?.conversation.visitorLastReadSeq).toBe(3);
  });
});

describe('message recall', () => {
  const RECALL = `mutation($id: ID!) { recallMessage(id: $id) { id body recalledAt } }`;
  const VISITOR_RECALL = `mutation($id: ID!) { visitorRecallMessage(id: $id) { id body recalledAt } }`;

  it('the sender recalls within 2 minutes; both sides then see it recalled; the text stays stored', async () => {
    const f = await createInboxFixture(server);
    const visitor = await f.newVisitor();
    const said = await f.visitorSays(visitor, 'my card number is 4111');
    const recalled = await f.call<{ visitorRecallMessage: { body: string; recalledAt: string } }>(
      VISITOR_RECALL,
      { id: said.id },
      { visitor },
    );
    expect(recalled.data?.visitorRecallMessage.body).toBe('');
    expect(recalled.data?.visitorRecallMessage.recalledAt).toBeTruthy();

    const agentView = await f.call<{
      conversation: {
        lastMessagePreview: string;
        messages: { body: string; recalledAt: string | null }[];
      };
    }>(
      `query($id: ID!) { conversation(id: $id) { lastMessagePreview messages { body recalledAt } } }`,
      { id: said.conversationId },
    );
    expect(agentView.data?.conversation.messages[0]).toMatchObject({ body: '' });
    expect(agentView.data?.conversation.lastMessagePreview).toBe('Message recalled');
    expect(JSON.stringify(agentView)).not.toContain('4111');

    // Replaying the log from the start must not resurrect the text either.
    const log = await f.call(
      `{ workspaceEvents(after: "0", first: 500) { type message { body } conversation { lastMessagePreview } } }`,
    );
    expect(JSON.stringify(log)).not.toContain('4111');

    const [stored] = await server.database.db
      .select({ body: messages.body })
      .from(messages)
      .where(eq(messages.id, said.id));
    expect(stored?.body).toBe('my card number is 4111');
    expect(errorCode(await f.call(VISITOR_RECALL, { id: said.id }, { visitor }))).toBe('CONFLICT');
  });

  it('only the sender may recall, and only within the window', async () => {
    const f = await createInboxFixture(server);
    const visitor = await f.newVisitor();
    const said = await f.visitorSays(visitor, 'hello');
    await f.call(TAKE, { id: said.conversationId });
    const reply = await f.call<{ sendMessage: { id: string } }>(
      `mutation($id: ID!) { sendMessage(input: { conversationId: $id, body: "hi there" }) { id } }`,
      { id: said.conversationId },
    );
    const replyId = reply.data!.sendMessage.id;
    // Not the sender: another agent, the visitor (agent's message), the agent (visitor's message).
    expect(errorCode(await f.call(RECALL, { id: replyId }, { token: f.agentToken }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await f.call(VISITOR_RECALL, { id: replyId }, { visitor }))).toBe('FORBIDDEN');
    expect(errorCode(await f.call(RECALL, { id: said.id }))).toBe('FORBIDDEN');
    // Another visitor cannot even see that the message exists.
    expect(
      errorCode(await f.call(VISITOR_RECALL, { id: said.id }, { visitor: await f.newVisitor() })),
    ).toBe('NOT_FOUND');

    await server.database.db
      .update(messages)
      .set({ createdAt: new Date(Date.now() - 2 * 60 * 1000 - 1_000) })
      .where(eq(messages.id, replyId));
    const late = await f.call(RECALL, { id: replyId });
    expect(errorCode(late)).toBe('CONFLICT');
    expect(late.errors?.[0]?.extensions?.reason).toBe('RECALL_WINDOW_EXPIRED');
    const own = await f.call<{ recallMessage: { body: string } }>(
      RECALL,
      { id: replyId },
      { token: f.ownerToken },
    );
    expect(own.data).toBeNull();
  });
});

describe('presence and auto-assignment', () => {
  it('a new conversation goes to an online agent under their limit, least busy first, and waits when nobody is free', async () => {
    const f = await createInboxFixture(server);
    await f.call(
      `mutation($id: ID!) { setReceptionLimit(agentId: $id, limit: 1) { receptionLimit } }`,
      { id: f.agentId },
    );
    await f.call(
      `mutation($id: ID!) { setReceptionLimit(agentId: $id, limit: 1) { receptionLimit } }`,
      { id: f.ownerId },
    );
    await f.call(
      `mutation { setAgentStatus(status: ONLINE) { status } }`,
      {},
      { token: f.agentToken },
    );

    const first = await f.visitorSays(await f.newVisitor(), 'first');
    const second = await f.visitorSays(await f.newVisitor(), 'second');
    expect(await ids(f, 'MINE', null, f.agentToken)).toEqual([first.conversationId]);
    expect(await ids(f, 'UNASSIGNED')).toEqual([second.conversationId]);

    // The owner comes online: the waiting conversation is theirs.
    await f.call(`mutation { setAgentStatus(status: ONLINE) { status } }`);
    expect(await ids(f, 'MINE')).toEqual([second.conversationId]);

    // Both full; a third waits until capacity frees.
    const third = await f.visitorSays(await f.newVisitor(), 'third');
    expect(await ids(f, 'UNASSIGNED')).toEqual([third.conversationId]);
    await f.call(RESOLVE, { id: first.conversationId }, { token: f.agentToken });
    expect(await ids(f, 'MINE', null, f.agentToken)).toEqual([third.conversationId]);

    // Away agents get nothing new.
    await f.call(
      `mutation { setAgentStatus(status: AWAY) { status } }`,
      {},
      { token: f.agentToken },
    );
    await f.call(RESOLVE, { id: third.conversationId }, { token: f.agentToken });
    const fourth = await f.visitorSays(await f.newVisitor(), 'fourth');
    expect(await ids(f, 'UNASSIGNED')).toEqual([fourth.conversationId]);

    const agents = await f.call<{
      agents: {
        id: string;
        status: string;
        activeConversationCount: number;
        receptionLimit: number;
      }[];
    }>(`{ agents { id status activeConversationCount receptionLimit } }`);
    expect(agents.data?.agents.find((a) => a.id === f.agentId)).toMatchObject({
      status: 'AWAY',
      activeConversationCount: 0,
      receptionLimit: 1,
    });
    expect(agents.data?.agents.find((a) => a.id === f.ownerId)).toMatchObject({
      status: 'ONLINE',
      activeConversationCount: 1,
    });
  });

  it('an agent goes offline when their last connection closes, and back to their choice on connect', async () => {
    const f = await createInboxFixture(server);
    const status = async () =>
      (
        await f.call<{ agents: { id: string; status: string }[] }>(`{ agents { id status } }`)
      ).data!.agents.find((a) => a.id === f.agentId)?.status;
    expect(await status()).toBe('OFFLINE');
    const one = wsClient(server.wsUrl, { token: f.agentToken });
    const two = wsClient(server.wsUrl, { token: f.agentToken });
    const s1 = collect(one, 'subscription { typing { conversationId } }');
    const s2 = collect(two, 'subscription { typing { conversationId } }');
    await waitFor(async () => (await status()) === 'ONLINE');
    s1.dispose();
    await one.dispose();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await status()).toBe('ONLINE'); // one socket still open
    s2.dispose();
    await two.dispose();
    await waitFor(async () => (await status()) === 'OFFLINE');
  });

  it('presence events keep the status of their moment when replayed', async () => {
    const f = await createInboxFixture(server);
    const after = await eventCursorNow(server.graphqlUrl, f.ownerToken);
    for (const status of ['ONLINE', 'AWAY', 'OFFLINE']) {
      await f.call(
        `mutation($s: AgentStatus!) { setAgentStatus(status: $s) { status } }`,
        { s: status },
        { token: f.agentToken },
      );
    }
    const log = await f.call<{
      workspaceEvents: { type: string; agent: { id: string; status: string } | null }[];
    }>(`query($after: String) { workspaceEvents(after: $after) { type agent { id status } } }`, {
      after,
    });
    const presence = log.data!.workspaceEvents.filter((e) => e.type === 'AGENT_STATUS_CHANGED');
    expect(presence.map((e) => e.agent?.status)).toEqual(['ONLINE', 'AWAY', 'OFFLINE']);
  });

  it('non-admins cannot change settings or limits', async () => {
    const f = await createInboxFixture(server);
    expect(
      errorCode(
        await f.call(
          `mutation { updateWorkspaceSettings(input: { prioritizeBotReception: true }) { prioritizeBotReception } }`,
          {},
          { token: f.agentToken },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await f.call(
          `mutation($id: ID!) { setReceptionLimit(agentId: $id, limit: 50) { receptionLimit } }`,
          { id: f.agentId },
          { token: f.agentToken },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await f.call(
          `mutation($id: ID!) { setReceptionLimit(agentId: $id, limit: -1) { receptionLimit } }`,
          { id: f.agentId },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});

describe('typing indicators', () => {
  it('travel both ways, live, and only to the right visitor', async () => {
    const f = await createInboxFixture(server);
    const visitor = await f.newVisitor();
    const other = await f.newVisitor();
    const { conversationId } = await f.visitorSays(visitor, 'hi');
    const theirs = await f.visitorSays(other, 'hello');

    const agentSocket = wsClient(server.wsUrl, { token: f.ownerToken });
    const agentSees = collect<{
      typing: { conversationId: string; sender: string; typing: boolean };
    }>(agentSocket, 'subscription { typing { conversationId sender typing } }');
    const visitorSocket = wsClient(server.wsUrl, { visitorToken: visitor });
    const visitorSees = collect<{
      visitorTyping: { conversationId: string; name: string | null; typing: boolean };
    }>(visitorSocket, 'subscription { visitorTyping { conversationId name typing } }');
    await new Promise((resolve) => setTimeout(resolve, 300));

    await f.call(
      `mutation($id: ID!) { visitorSendTyping(input: { conversationId: $id, typing: true }) }`,
      { id: conversationId },
      { visitor },
    );
    expect((await agentSees.take(1))[0]?.typing).toEqual({
      conversationId,
      sender: 'VISITOR',
      typing: true,
    });

    await f.call(
      `mutation($id: ID!) { sendTyping(input: { conversationId: $id, typing: true }) }`,
      { id: theirs.conversationId },
    );
    await f.call(
      `mutation($id: ID!) { sendTyping(input: { conversationId: $id, typing: true }) }`,
      { id: conversationId },
    );
    const [typing] = await visitorSees.take(1);
    expect(typing?.visitorTyping).toMatchObject({ conversationId, typing: true });
    expect(typing?.visitorTyping.name).toMatch(/^Owner /);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(visitorSees.received).toHaveLength(1);

    expect(
      errorCode(
        await f.call(
          `mutation($id: ID!) { visitorSendTyping(input: { conversationId: $id, typing: true }) }`,
          { id: theirs.conversationId },
          { visitor },
        ),
      ),
    ).toBe('NOT_FOUND');
    agentSees.dispose();
    visitorSees.dispose();
    await agentSocket.dispose();
    await visitorSocket.dispose();
  });
});

describe('realtime list membership', () => {
  it('status, assignment, pin and read changes arrive as events with the conversation as it now is', async () => {
    const f = await createInboxFixture(server);
    // AWAY is remembered, so connecting does not make this agent a candidate
    // for auto-assignment (that is tested above).
    await f.call(
      `mutation { setAgentStatus(status: AWAY) { status } }`,
      {},
      { token: f.agentToken },
    );
    const client = wsClient(server.wsUrl, { token: f.agentToken });
    const after = await eventCursorNow(server.graphqlUrl, f.ownerToken);
    type E = {
      workspaceEvents: {
        type: string;
        conversation: {
          id: string;
          status: string;
          pinned: boolean;
          assignee: { id: string } | null;
        } | null;
        assignment: { to: { id: string } | null } | null;
        readReceipt: { reader: string; seq: number } | null;
      };
    };
    const wanted = new Set([
      'CONVERSATION_CREATED',
      'CONVERSATION_ASSIGNED',
      'CONVERSATION_PINNED',
      'CONVERSATION_READ',
      'CONVERSATION_STATUS_CHANGED',
    ]);
    const events = collect<E>(
      client,
      `subscription($after: String) { workspaceEvents(after: $after) { type conversation { id status pinned assignee { id } } assignment { to { id } } readReceipt { reader seq } } }`,
      { after },
      (e) => wanted.has(e.workspaceEvents.type),
    );
    const { conversationId } = await f.visitorSays(await f.newVisitor(), 'hi');
    await f.call(TAKE, { id: conversationId });
    await f.call(PIN, { id: conversationId, pinned: true });
    await f.call(READ, { id: conversationId });
    await f.call(RESOLVE, { id: conversationId });
    const got = (await events.take(5)).map((e) => e.workspaceEvents);
    expect(got.map((e) => e.type)).toEqual([
      'CONVERSATION_CREATED',
      'CONVERSATION_ASSIGNED',
      'CONVERSATION_PINNED',
      'CONVERSATION_READ',
      'CONVERSATION_STATUS_CHANGED',
    ]);
    expect(got[1]).toMatchObject({
      conversation: { status: 'ASSIGNED', assignee: { id: f.ownerId } },
      assignment: { to: { id: f.ownerId } },
    });
    expect(got[2]?.conversation?.pinned).toBe(true);
    expect(got[3]?.readReceipt).toEqual({ reader: 'AGENT', seq: 1 });
    expect(got[4]?.conversation?.status).toBe('RESOLVED');
    events.dispose();
    await client.dispose();
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met in time');
}
