// Managing tags over real GraphQL: rename, recolour, delete, their validation
// and permission, isolation between workspaces, and the live events open
// workbenches follow (TAG_UPDATED, TAG_DELETED).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  createWorkspaceFixture,
  errorCode,
  eventCursorNow,
  gql,
  startTestServer,
  wsClient,
  type TestServer,
} from '../testing/index.js';
import { createInboxFixture, type InboxFixture } from '../testing/inbox-fixtures.js';

let server: TestServer;
let f: InboxFixture;
let readOnlyToken: string;
let otherOwnerToken: string;

type TagData = { id: string; name: string; color: string };

beforeAll(async () => {
  server = await startTestServer();
  f = await createInboxFixture(server);
  const owner = await server.core.authenticate({ bearer: f.ownerToken });
  readOnlyToken = (await server.core.createApiToken(owner, { name: 'reader', scopes: ['READ'] }))
    .token;
  const other = await createWorkspaceFixture(server);
  otherOwnerToken = (await server.core.signIn({ email: other.email, password: other.password }))
    .token;
});
afterAll(() => server?.close());

async function createTag(name: string, color?: string, token = f.ownerToken): Promise<TagData> {
  const response = await f.call<{ createTag: TagData }>(
    'mutation($name: String!, $color: String) { createTag(name: $name, color: $color) { id name color } }',
    { name, color: color ?? null },
    { token },
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.createTag;
}

const UPDATE =
  'mutation($id: ID!, $name: String, $color: String) { updateTag(id: $id, name: $name, color: $color) { id name color } }';
const DELETE = 'mutation($id: ID!) { deleteTag(id: $id) { id name } }';
const TAGS = '{ tags { id name color } }';

describe('updateTag', () => {
  it('renames and recolours a tag; the list shows it', async () => {
    const tag = await createTag(`Billing ${Date.now()}`);
    const renamed = await f.call<{ updateTag: TagData }>(UPDATE, {
      id: tag.id,
      name: '  Invoices  ',
      color: '#AABBCC',
    });
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data?.updateTag).toEqual({ id: tag.id, name: 'Invoices', color: '#aabbcc' });
    const list = await f.call<{ tags: TagData[] }>(TAGS);
    expect(list.data?.tags).toContainEqual({ id: tag.id, name: 'Invoices', color: '#aabbcc' });
  });

  it('refuses a name another tag has, ignoring case (CONFLICT), but allows changing only case', async () => {
    const a = await createTag('Refund');
    const b = await createTag('Shipping');
    const clash = await f.call(UPDATE, { id: b.id, name: 'REFUND' });
    expect(errorCode(clash)).toBe('CONFLICT');
    expect(clash.errors?.[0]?.message).toContain('already exists');
    const recased = await f.call<{ updateTag: TagData }>(UPDATE, { id: a.id, name: 'REFUND' });
    expect(recased.data?.updateTag.name).toBe('REFUND');
    // createTag follows the same rule.
    expect(errorCode(await f.call('mutation { createTag(name: "shipping") { id } }'))).toBe(
      'CONFLICT',
    );
  });

  it('refuses empty, whitespace-only and over-long names and malformed colours', async () => {
    const tag = await createTag('Valid');
    for (const variables of [
      { id: tag.id, name: '' },
      { id: tag.id, name: '    ' },
      { id: tag.id, name: 'x'.repeat(51) },
      { id: tag.id, name: 'y'.repeat(100_000) },
      { id: tag.id, color: 'red' },
      { id: tag.id, color: '#abc' },
      { id: tag.id, color: '#abcdef; background:url(x)' },
      { id: 'not-a-uuid', name: 'x' },
    ]) {
      expect(errorCode(await f.call(UPDATE, variables)), JSON.stringify(variables)).toBe(
        'BAD_USER_INPUT',
      );
    }
    const list = await f.call<{ tags: TagData[] }>(TAGS);
    expect(list.data?.tags.find((t) => t.id === tag.id)?.name).toBe('Valid');
  });

  it('stores HTML in a name as text, unchanged', async () => {
    const html = '<img src=x onerror=alert(1)>';
    const tag = await createTag('Plain');
    const renamed = await f.call<{ updateTag: TagData }>(UPDATE, { id: tag.id, name: html });
    expect(renamed.data?.updateTag.name).toBe(html);
  });

  it("is NOT_FOUND for another workspace's tag, and changes nothing there", async () => {
    const theirs = await createTag('Theirs', undefined, otherOwnerToken);
    expect(errorCode(await f.call(UPDATE, { id: theirs.id, name: 'Mine now' }))).toBe('NOT_FOUND');
    expect(errorCode(await f.call(DELETE, { id: theirs.id }))).toBe('NOT_FOUND');
    const list = await gql<{ tags: TagData[] }>(
      server.graphqlUrl,
      TAGS,
      {},
      { token: otherOwnerToken },
    );
    expect(list.data?.tags).toContainEqual(theirs);
  });

  it('is FORBIDDEN without tag.manage (a read-only API token) and for visitors', async () => {
    const tag = await createTag('Guarded');
    expect(
      errorCode(await f.call(UPDATE, { id: tag.id, name: 'x' }, { token: readOnlyToken })),
    ).toBe('FORBIDDEN');
    expect(errorCode(await f.call(DELETE, { id: tag.id }, { token: readOnlyToken }))).toBe(
      'FORBIDDEN',
    );
    const visitor = await f.newVisitor();
    expect(errorCode(await f.call(DELETE, { id: tag.id }, { visitor }))).toBe('FORBIDDEN');
    expect(errorCode(await f.call(DELETE, { id: tag.id }, {}))).toBe('UNAUTHENTICATED');
  });
});

describe('deleteTag', () => {
  it('removes the tag from every visitor and from the tag list', async () => {
    const tag = await createTag('Doomed');
    const { conversationId } = await f.visitorSays(await f.newVisitor('Vera'), 'hello');
    const conversation = await f.call<{ conversation: { visitor: { id: string } } }>(
      'query($id: ID!) { conversation(id: $id) { visitor { id } } }',
      { id: conversationId },
    );
    const visitorId = conversation.data!.conversation.visitor.id;
    await f.call('mutation($v: ID!, $t: ID!) { tagVisitor(visitorId: $v, tagId: $t) { id } }', {
      v: visitorId,
      t: tag.id,
    });
    const deleted = await f.call<{ deleteTag: TagData }>(DELETE, { id: tag.id });
    expect(deleted.data?.deleteTag).toMatchObject({ id: tag.id, name: 'Doomed' });
    const after = await f.call<{ conversation: { visitor: { tags: TagData[] } } }>(
      'query($id: ID!) { conversation(id: $id) { visitor { tags { id } } } }',
      { id: conversationId },
    );
    expect(after.data?.conversation.visitor.tags).toEqual([]);
    expect(errorCode(await f.call(DELETE, { id: tag.id }))).toBe('NOT_FOUND');
  });

  it('reaches a subscribed agent live as TAG_UPDATED then TAG_DELETED', async () => {
    const tag = await createTag('Live');
    const after = await eventCursorNow(server.graphqlUrl, f.ownerToken);
    const client = wsClient(server.wsUrl, { token: f.agentToken });
    type E = { workspaceEvents: { type: string; tag: TagData | null } };
    const events = collect<E>(
      client,
      'subscription($after: String) { workspaceEvents(after: $after) { type tag { id name color } } }',
      { after },
      (e) => e.workspaceEvents.type.startsWith('TAG_'),
    );
    try {
      await f.call(UPDATE, { id: tag.id, name: 'Live renamed' });
      await f.call(DELETE, { id: tag.id });
      const [updated, deleted] = await events.take(2);
      expect(updated?.workspaceEvents).toEqual({
        type: 'TAG_UPDATED',
        tag: { id: tag.id, name: 'Live renamed', color: tag.color },
      });
      expect(deleted?.workspaceEvents).toEqual({
        type: 'TAG_DELETED',
        tag: { id: tag.id, name: 'Live renamed', color: tag.color },
      });
    } finally {
      events.dispose();
      await client.dispose();
    }
  });
});
