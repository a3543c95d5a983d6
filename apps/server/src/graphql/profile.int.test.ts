// The agent profile over real GraphQL and HTTP: name, language and
// notification preferences, the avatar upload (type sniffing, SVG, size and
// pixel limits) and the /avatars endpoint, workspace rename, and the live
// events colleagues' workbenches follow (AGENT_UPDATED, WORKSPACE_UPDATED).
import sharp from 'sharp';
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
let other: InboxFixture;

beforeAll(async () => {
  server = await startTestServer();
  f = await createInboxFixture(server);
  other = await createInboxFixture(server);
});
afterAll(() => server?.close());

type Me = {
  id: string;
  name: string;
  language: string;
  avatarUrl: string | null;
  notificationPreferences: Record<string, boolean> | null;
};
const ME_FIELDS =
  'id name language avatarUrl notificationPreferences { sound desktopNewConversation desktopMyConversationMessage desktopAssignedToMe }';
const UPDATE = `mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { ${ME_FIELDS} } }`;
const SET_AVATAR = `mutation($image: String!) { setMyAvatar(input: { image: $image }) { ${ME_FIELDS} } }`;

async function me(token: string): Promise<Me> {
  const response = await f.call<{ viewer: { agent: Me } }>(
    `{ viewer { agent { ${ME_FIELDS} } } }`,
    {},
    { token },
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.viewer.agent;
}

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();

describe('updateMyProfile', () => {
  it('changes name, language and preferences; unknown keys and languages are refused', async () => {
    const before = await me(f.agentToken);
    expect(before.language).toBe('en');
    expect(before.notificationPreferences).toEqual({
      sound: true,
      desktopNewConversation: true,
      desktopMyConversationMessage: true,
      desktopAssignedToMe: true,
    });
    const updated = await f.call<{ updateMyProfile: Me }>(
      UPDATE,
      {
        input: {
          name: '  Zoë Agent ',
          language: 'zh-CN',
          notificationPreferences: { sound: false },
        },
      },
      { token: f.agentToken },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateMyProfile).toMatchObject({
      name: 'Zoë Agent',
      language: 'zh-CN',
      notificationPreferences: { sound: false, desktopNewConversation: true },
    });
    expect(await me(f.agentToken)).toEqual(updated.data?.updateMyProfile);

    for (const input of [
      { name: '' },
      { name: 'x'.repeat(101) },
      { language: 'xx-INVALID' },
      { language: '<script>' },
    ]) {
      expect(
        errorCode(await f.call(UPDATE, { input }, { token: f.agentToken })),
        JSON.stringify(input),
      ).toBe('BAD_USER_INPUT');
    }
    // An unknown preference is refused by the schema itself.
    expect(
      errorCode(
        await f.call(
          UPDATE,
          { input: { notificationPreferences: { bogus: true } } },
          { token: f.agentToken },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('keeps HTML in a name as text', async () => {
    const html = '<b onmouseover=alert(1)>Bob</b>';
    const updated = await f.call<{ updateMyProfile: Me }>(
      UPDATE,
      { input: { name: html } },
      { token: f.agentToken },
    );
    expect(updated.data?.updateMyProfile.name).toBe(html);
  });

  it("shows a colleague's language and avatar but never their preferences", async () => {
    const team = await f.call<{ agents: Me[] }>(
      `{ agents { ${ME_FIELDS} } }`,
      {},
      { token: f.ownerToken },
    );
    const colleague = team.data?.agents.find((a) => a.id === f.agentId);
    expect(colleague?.language).toBe('zh-CN');
    expect(colleague?.notificationPreferences).toBeNull();
  });

  it('is refused for an API token (it has no profile)', async () => {
    const owner = await server.core.authenticate({ bearer: f.ownerToken });
    const { token } = await server.core.createApiToken(owner, { name: 'integration' });
    expect(errorCode(await f.call(UPDATE, { input: { name: 'Bot' } }, { token }))).toBe(
      'FORBIDDEN',
    );
  });

  it("reaches a colleague's open workbench live as AGENT_UPDATED", async () => {
    const after = await eventCursorNow(server.graphqlUrl, f.ownerToken);
    const client = wsClient(server.wsUrl, { token: f.ownerToken });
    type E = {
      workspaceEvents: {
        type: string;
        agent: { id: string; name: string; avatarUrl: string | null } | null;
      };
    };
    const events = collect<E>(
      client,
      'subscription($after: String) { workspaceEvents(after: $after) { type agent { id name avatarUrl } } }',
      { after },
      (e) => e.workspaceEvents.type === 'AGENT_UPDATED',
    );
    try {
      await f.call(UPDATE, { input: { name: 'Renamed Agent' } }, { token: f.agentToken });
      const [event] = await events.take(1);
      expect(event?.workspaceEvents.agent).toEqual({
        id: f.agentId,
        name: 'Renamed Agent',
        avatarUrl: null,
      });
    } finally {
      events.dispose();
      await client.dispose();
    }
  });
});

describe('avatars', () => {
  it('re-encodes an upload to a 256×256 WebP served with its type, nosniff and a long cache', async () => {
    const image = (await png(600, 400)).toString('base64');
    const set = await f.call<{ setMyAvatar: Me }>(SET_AVATAR, { image }, { token: f.agentToken });
    expect(set.errors).toBeUndefined();
    const url = set.data!.setMyAvatar.avatarUrl!;
    expect(url).toMatch(new RegExp(`^/avatars/${f.agentId}\\.webp\\?v=[0-9a-f]{16}$`));

    const response = await fetch(`${server.url}${url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toContain('immutable');
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });

    // A colleague sees the same URL; an old or missing version is cached only briefly.
    const team = await f.call<{ agents: Me[] }>(
      '{ agents { id avatarUrl } }',
      {},
      { token: f.ownerToken },
    );
    expect(team.data?.agents.find((a) => a.id === f.agentId)?.avatarUrl).toBe(url);
    const stale = await fetch(`${server.url}/avatars/${f.agentId}.webp?v=0000000000000000`);
    expect(stale.headers.get('cache-control')).not.toContain('immutable');
  });

  it('accepts a data: URL and a JPEG; the URL version changes with the image', async () => {
    const before = (await me(f.agentToken)).avatarUrl;
    const jpeg = await sharp({
      create: { width: 64, height: 64, channels: 3, background: '#cc3300' },
    })
      .jpeg()
      .toBuffer();
    const set = await f.call<{ setMyAvatar: Me }>(
      SET_AVATAR,
      { image: `data:image/jpeg;base64,${jpeg.toString('base64')}` },
      { token: f.agentToken },
    );
    expect(set.errors).toBeUndefined();
    expect(set.data?.setMyAvatar.avatarUrl).not.toBe(before);
  });

  it('refuses non-images, SVG, oversized files and pixel bombs with coded errors', async () => {
    const reasonOf = async (image: string) => {
      const response = await f.call(SET_AVATAR, { image }, { token: f.agentToken });
      return [errorCode(response), response.errors?.[0]?.extensions?.reason];
    };
    expect(await reasonOf(Buffer.from('just some text, not an image').toString('base64'))).toEqual([
      'BAD_USER_INPUT',
      'AVATAR_NOT_AN_IMAGE',
    ]);
    const svg =
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    expect(await reasonOf(Buffer.from(svg).toString('base64'))).toEqual([
      'BAD_USER_INPUT',
      'AVATAR_UNSUPPORTED_TYPE',
    ]);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64)]);
    expect(await reasonOf(pdf.toString('base64'))).toEqual([
      'BAD_USER_INPUT',
      'AVATAR_UNSUPPORTED_TYPE',
    ]);
    // A PNG header on garbage.
    const broken = Buffer.concat([(await png(8, 8)).subarray(0, 40), Buffer.alloc(200, 7)]);
    expect(await reasonOf(broken.toString('base64'))).toEqual([
      'BAD_USER_INPUT',
      'AVATAR_UNREADABLE',
    ]);
    // 5000×5000 of one colour compresses to a small file but would decode to 75 MB.
    const bomb = await sharp({
      create: { width: 5000, height: 5000, channels: 3, background: '#000' },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(await reasonOf(bomb.toString('base64'))).toEqual([
      'BAD_USER_INPUT',
      'AVATAR_TOO_MANY_PIXELS',
    ]);
    // Over 2 MB (but under the request body limit).
    const big = Buffer.concat([await png(8, 8), Buffer.alloc(2 * 1024 * 1024)]);
    expect(await reasonOf(big.toString('base64'))).toEqual(['BAD_USER_INPUT', 'AVATAR_TOO_LARGE']);
    const bigger = Buffer.concat([await png(8, 8), Buffer.alloc(2 * 1024 * 1024 + 300)]);
    expect(await reasonOf(bigger.toString('base64'))).toEqual([
      'BAD_USER_INPUT',
      'AVATAR_TOO_LARGE',
    ]);
    // The stored avatar is untouched by the refusals.
    expect((await me(f.agentToken)).avatarUrl).not.toBeNull();
  });

  it('refuses a body over the limit with 413, and anonymous bodies over 1 MB', async () => {
    const huge = 'A'.repeat(3_100_000);
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${f.agentToken}` },
      body: JSON.stringify({ query: SET_AVATAR, variables: { image: huge } }),
    });
    expect(response.status).toBe(413);
    const anonymous = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SET_AVATAR, variables: { image: 'A'.repeat(1_500_000) } }),
    });
    expect(anonymous.status).toBe(413);
  });

  it('404s unknown, malformed and wrong-extension avatar URLs; removing works', async () => {
    expect((await fetch(`${server.url}/avatars/${crypto.randomUUID()}.webp`)).status).toBe(404);
    expect((await fetch(`${server.url}/avatars/../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${server.url}/avatars/${f.agentId}.png`)).status).toBe(404);
    expect(
      (await fetch(`${server.url}/avatars/${f.agentId}.webp`, { method: 'POST' })).status,
    ).toBe(405);
    // Another workspace's member has none: nothing of ours leaks into their lists.
    const theirs = await other.call<{ agents: Me[] }>('{ agents { id avatarUrl } }');
    expect(theirs.data?.agents.some((a) => a.id === f.agentId)).toBe(false);

    const removed = await f.call<{ removeMyAvatar: Me }>(
      `mutation { removeMyAvatar { ${ME_FIELDS} } }`,
      {},
      { token: f.agentToken },
    );
    expect(removed.data?.removeMyAvatar.avatarUrl).toBeNull();
    expect((await fetch(`${server.url}/avatars/${f.agentId}.webp`)).status).toBe(404);
  });
});

describe('renameWorkspace', () => {
  it('renames for settings.manage, audits it and tells open workbenches live', async () => {
    const after = await eventCursorNow(server.graphqlUrl, f.ownerToken);
    const client = wsClient(server.wsUrl, { token: f.agentToken });
    type E = { workspaceEvents: { type: string; workspace: { id: string; name: string } | null } };
    const events = collect<E>(
      client,
      'subscription($after: String) { workspaceEvents(after: $after) { type workspace { id name } } }',
      { after },
      (e) => e.workspaceEvents.type === 'WORKSPACE_UPDATED',
    );
    try {
      const renamed = await f.call<{ renameWorkspace: { id: string; name: string } }>(
        'mutation($name: String!) { renameWorkspace(name: $name) { id name } }',
        { name: '  Acme <Support> ' },
      );
      expect(renamed.data?.renameWorkspace.name).toBe('Acme <Support>');
      const [event] = await events.take(1);
      expect(event?.workspaceEvents.workspace).toEqual({
        id: f.ws.workspaceId,
        name: 'Acme <Support>',
      });
    } finally {
      events.dispose();
      await client.dispose();
    }
    const log = await f.call<{ auditLog: { action: string; before: unknown; after: unknown }[] }>(
      '{ auditLog(first: 5) { action before after } }',
    );
    expect(log.data?.auditLog[0]).toEqual({
      action: 'workspace.renamed',
      before: { name: expect.any(String) },
      after: { name: 'Acme <Support>' },
    });
    // The other workspace keeps its name.
    const theirs = await other.call<{ viewer: { workspace: { name: string } } }>(
      '{ viewer { workspace { name } } }',
    );
    expect(theirs.data?.viewer.workspace.name).not.toBe('Acme <Support>');
  });

  it('is FORBIDDEN without settings.manage and BAD_USER_INPUT for empty or long names', async () => {
    const rename = 'mutation($name: String!) { renameWorkspace(name: $name) { name } }';
    expect(errorCode(await f.call(rename, { name: 'Mine' }, { token: f.agentToken }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await f.call(rename, { name: '   ' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await f.call(rename, { name: 'w'.repeat(101) }))).toBe('BAD_USER_INPUT');
  });
});
