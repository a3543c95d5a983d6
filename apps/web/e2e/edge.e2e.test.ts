// The workbench's edge, over plain HTTP (no browser): its security headers,
// and the client address it passes to the API. Next's /graphql proxy forwards
// whatever X-Forwarded-For the browser sent; serve.ts overwrites it with the
// address the workbench saw, which is what the API (trusting this hop) stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

type Body<T> = { data?: T; errors?: { message: string }[] };

async function post<T>(url: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as Body<T>;
}

describe('the workbench edge', () => {
  it('pages send a CSP that only the workbench may frame, nosniff and a Referrer-Policy', async () => {
    const response = await fetch(`${stack.webUrl}/login`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(response.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it("the widget page may be framed only by the workbench and its channel's allowed origins", async () => {
    const frameAncestors = async () => {
      const response = await fetch(`${stack.webUrl}/widget?channel=demo-website`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      return /frame-ancestors ([^;]*)/.exec(
        response.headers.get('content-security-policy') ?? '',
      )?.[1];
    };
    // Safe by default: no origins listed, only the workbench (/demo) may frame it.
    expect(await frameAncestors()).toBe("'self'");

    const signIn = await post<{ signIn: { token: string } }>(
      stack.apiGraphqlUrl,
      `mutation { signIn(input: { email: "demo@parley.dev", password: "parley-demo" }) { token } }`,
    );
    const auth = { authorization: `Bearer ${signIn.data!.signIn.token}` };
    const channels = await post<{ websiteChannels: { id: string; key: string }[] }>(
      stack.apiGraphqlUrl,
      '{ websiteChannels { id key } }',
      auth,
    );
    const demo = channels.data!.websiteChannels.find((c) => c.key === 'demo-website')!;
    const saved = await post<{ updateChannelAllowedOrigins: { allowedOrigins: string[] } }>(
      stack.apiGraphqlUrl,
      `mutation { updateChannelAllowedOrigins(channelId: "${demo.id}", allowedOrigins: ["https://shop.example.com"]) { allowedOrigins } }`,
      auth,
    );
    expect(saved.data?.updateChannelAllowedOrigins.allowedOrigins).toEqual([
      'https://shop.example.com',
    ]);
    // The workbench caches each channel's policy for 30 seconds.
    await expect
      .poll(frameAncestors, { timeout: 40_000, interval: 2_000 })
      .toBe("'self' https://shop.example.com");
  });

  it('a forged X-Forwarded-For does not reach the API: the visitor gets the address the workbench saw', async () => {
    const session = await post<{ startVisitorSession: { token: string; visitor: { id: string } } }>(
      `${stack.webUrl}/graphql`,
      `mutation { startVisitorSession(input: { channelKey: "demo-website" }) { token visitor { id } } }`,
      { 'x-forwarded-for': '203.0.113.77' },
    );
    const { token, visitor } = session.data!.startVisitorSession;
    await post(
      `${stack.webUrl}/graphql`,
      `mutation { visitorSendMessage(input: { body: "where am I?" }) { id } }`,
      { authorization: `Visitor ${token}`, 'x-forwarded-for': '<b>html</b>' },
    );
    const signIn = await post<{ signIn: { token: string } }>(
      stack.apiGraphqlUrl,
      `mutation { signIn(input: { email: "demo@parley.dev", password: "parley-demo" }) { token } }`,
    );
    const list = await post<{
      conversations: { edges: { node: { visitor: { id: string; ip: string | null } } }[] };
    }>(
      stack.apiGraphqlUrl,
      '{ conversations(first: 50) { edges { node { visitor { id ip } } } } }',
      {
        authorization: `Bearer ${signIn.data!.signIn.token}`,
      },
    );
    const found = list.data!.conversations.edges.find((e) => e.node.visitor.id === visitor.id);
    expect(found?.node.visitor.ip).toBe('127.0.0.1');
  });
});
