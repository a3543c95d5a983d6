// The client address (visitor profiles, sign-in and request limits) comes
// from X-Forwarded-For only through trusted proxies, and only when it is an
// IP address: a forged header can neither rotate past the limits nor store
// arbitrary text as a visitor's IP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceFixture, startTestServer, type TestServer } from '../testing/index.js';

import type { Actor } from '@parley/core';

const START = `mutation($key: String!) { startVisitorSession(input: { channelKey: $key }) { visitor { id } } }`;

/** Starts a visitor session over HTTP and reads back the IP stored on the visitor's profile. */
async function visitorIp(
  server: TestServer,
  { channelKey, owner }: { channelKey: string; owner: Actor },
  forwardedFor?: string,
) {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }),
    },
    body: JSON.stringify({ query: START, variables: { key: channelKey } }),
  });
  const body = (await response.json()) as {
    data?: { startVisitorSession: { visitor: { id: string } } };
  };
  const id = body.data?.startVisitorSession.visitor.id;
  const [profile] = id ? await server.core.loadVisitorProfiles(owner, [id]) : [];
  return { status: response.status, ip: profile?.ip };
}

async function workspace(server: TestServer) {
  const ws = await createWorkspaceFixture(server);
  const { token } = await server.core.signIn({ email: ws.email, password: ws.password });
  return {
    channelKey: ws.websiteChannelKey,
    owner: (await server.core.authenticate({ bearer: token }))!,
  };
}

describe('behind the workbench (default: the loopback hop is trusted)', () => {
  let server: TestServer;
  let ws: Awaited<ReturnType<typeof workspace>>;
  beforeAll(async () => {
    server = await startTestServer();
    ws = await workspace(server);
  });
  afterAll(() => server?.close());

  it('takes the address the trusted hop saw, not one the client prepended', async () => {
    expect((await visitorIp(server, ws, '203.0.113.9')).ip).toBe('203.0.113.9');
    expect((await visitorIp(server, ws, '198.51.100.1, 203.0.113.9')).ip).toBe('203.0.113.9');
  });

  it('never stores text that is not an IP address', async () => {
    for (const forged of ['<img src=x onerror=alert(1)>', 'unknown', '999.1.1.1', '']) {
      const { status, ip } = await visitorIp(server, ws, forged);
      expect(status).toBe(200);
      expect(ip === null || ip === '127.0.0.1', `${forged} → ${ip}`).toBe(true);
    }
  });
});

describe('without a trusted proxy (PARLEY_TRUST_PROXY=false)', () => {
  let server: TestServer;
  let ws: Awaited<ReturnType<typeof workspace>>;
  beforeAll(async () => {
    server = await startTestServer({
      env: { PARLEY_TRUST_PROXY: 'false', PARLEY_RATE_LIMIT_PER_MINUTE: '5' },
    });
    ws = await workspace(server);
  });
  afterAll(() => server?.close());

  it('ignores X-Forwarded-For, so rotating it does not escape the request limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      statuses.push((await visitorIp(server, ws, `203.0.113.${i + 1}`)).status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });
});
