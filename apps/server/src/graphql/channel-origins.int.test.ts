// Which websites may frame a website channel's widget: the allowedOrigins
// setting over real GraphQL (validation, permission, workspace scoping, audit
// and event) and the anonymous widgetFramePolicy lookup the workbench reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, startTestServer, type TestServer } from '../testing/index.js';
import { createInboxFixture, type InboxFixture } from '../testing/inbox-fixtures.js';

let server: TestServer;
let f: InboxFixture;
let other: InboxFixture;

beforeAll(async () => {
  server = await startTestServer();
  f = await createInboxFixture(server);
  other = await createInboxFixture(server);
});
afterAll(() => server?.close());

type Channel = { id: string; name: string; key: string; allowedOrigins: string[] };
const CHANNELS = '{ websiteChannels { id name key allowedOrigins } }';
const UPDATE =
  'mutation($id: ID!, $origins: [String!]!) { updateChannelAllowedOrigins(channelId: $id, allowedOrigins: $origins) { id key allowedOrigins } }';
const POLICY = 'query($key: String!) { widgetFramePolicy(channelKey: $key) }';

async function channelOf(fixture: InboxFixture): Promise<Channel> {
  const response = await fixture.call<{ websiteChannels: Channel[] }>(CHANNELS);
  const channel = response.data?.websiteChannels[0];
  if (!channel) throw new Error(JSON.stringify(response.errors));
  return channel;
}

const policy = async (key: string) =>
  (await gql<{ widgetFramePolicy: string[] }>(server.graphqlUrl, POLICY, { key })).data
    ?.widgetFramePolicy;

describe('website channel allowed origins', () => {
  it('lists the channel with no origins by default; the anonymous policy is empty', async () => {
    const channel = await channelOf(f);
    expect(channel.key).toBe(f.ws.websiteChannelKey);
    expect(channel.allowedOrigins).toEqual([]);
    expect(await policy(channel.key)).toEqual([]);
  });

  it('normalizes and saves origins, audits the change and writes an event', async () => {
    const channel = await channelOf(f);
    const saved = await f.call<{ updateChannelAllowedOrigins: Channel }>(UPDATE, {
      id: channel.id,
      origins: [
        'https://Shop.Example.com/cart?x=1',
        ' http://localhost:3001 ',
        'https://shop.example.com',
      ],
    });
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.updateChannelAllowedOrigins.allowedOrigins).toEqual([
      'https://shop.example.com',
      'http://localhost:3001',
    ]);
    expect(await policy(channel.key)).toEqual([
      'https://shop.example.com',
      'http://localhost:3001',
    ]);

    const log = await f.call<{
      auditLog: { action: string; targetName: string | null; before: unknown; after: unknown }[];
    }>('{ auditLog(first: 1) { action targetName before after } }');
    expect(log.data?.auditLog[0]).toEqual({
      action: 'channel.origins_changed',
      targetName: channel.name,
      before: { allowedOrigins: [] },
      after: { allowedOrigins: ['https://shop.example.com', 'http://localhost:3001'] },
    });
    const events = await f.call<{ workspaceEvents: { type: string }[] }>(
      '{ workspaceEvents(first: 100) { type } }',
    );
    expect(events.data?.workspaceEvents.map((e) => e.type)).toContain('WORKSPACE_SETTINGS_CHANGED');

    const cleared = await f.call<{ updateChannelAllowedOrigins: Channel }>(UPDATE, {
      id: channel.id,
      origins: [],
    });
    expect(cleared.data?.updateChannelAllowedOrigins.allowedOrigins).toEqual([]);
    expect(await policy(channel.key)).toEqual([]);
  });

  it('refuses junk, scripts, wildcards, NUL and huge lists as BAD_USER_INPUT, saving nothing', async () => {
    const channel = await channelOf(f);
    const refused = [
      ['not a url'],
      ['javascript:alert(1)'],
      ['data:text/html,hi'],
      ['ftp://files.example.com'],
      ['https://*.example.com'],
      ['https://user:pw@example.com'],
      ['https://exa\u0000mple.com'],
      [''],
      [`https://${'a'.repeat(400)}.com`],
      Array.from({ length: 21 }, (_, i) => `https://s${i}.example.com`),
    ];
    for (const origins of refused) {
      const response = await f.call(UPDATE, { id: channel.id, origins });
      expect(errorCode(response), JSON.stringify(origins).slice(0, 80)).toBe('BAD_USER_INPUT');
    }
    expect(errorCode(await f.call(UPDATE, { id: 'nope', origins: [] }))).toBe('BAD_USER_INPUT');
    expect((await channelOf(f)).allowedOrigins).toEqual([]);
  });

  it('is FORBIDDEN for a plain agent and NOT_FOUND for another workspace’s channel', async () => {
    const mine = await channelOf(f);
    const theirs = await channelOf(other);
    const asAgent = { token: f.agentToken };
    expect(errorCode(await f.call(CHANNELS, {}, asAgent))).toBe('FORBIDDEN');
    expect(
      errorCode(await f.call(UPDATE, { id: mine.id, origins: ['https://a.example'] }, asAgent)),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await f.call(UPDATE, { id: theirs.id, origins: ['https://evil.example'] })),
    ).toBe('NOT_FOUND');
    expect((await channelOf(other)).allowedOrigins).toEqual([]);
    expect(errorCode(await gql(server.graphqlUrl, CHANNELS))).toBe('UNAUTHENTICATED');
  });

  it('the anonymous policy answers an empty list for unknown or odd keys', async () => {
    expect(await policy('web_does_not_exist')).toEqual([]);
    expect(await policy('')).toEqual([]);
    expect(await policy('k\u0000ey')).toEqual([]);
    expect(await policy('x'.repeat(5000))).toEqual([]);
  });
});
