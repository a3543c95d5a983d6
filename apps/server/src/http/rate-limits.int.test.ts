// Rate limits: per client address at the HTTP edge and per operation on a
// socket (one budget), and per email/address on sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorkspaceFixture,
  errorCode,
  gql,
  startTestServer,
  wsClient,
  type TestServer,
} from '../testing/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { PARLEY_RATE_LIMIT_PER_MINUTE: '30' } });
});
afterAll(() => server?.close());

describe('rate limits', () => {
  it('sign-in failures for one email from one address are limited, with a clear code and wait time', async () => {
    const ws = await createWorkspaceFixture(server);
    const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }`;
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 5; i += 1)
      codes.push(
        errorCode(await gql(server.graphqlUrl, SIGN_IN, { e: ws.email, p: 'wrong-password' })),
      );
    expect(codes.every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    const limited = await gql(server.graphqlUrl, SIGN_IN, { e: ws.email, p: ws.password });
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('a client over its request budget gets 429 with Retry-After', async () => {
    let response: Response | null = null;
    for (let i = 0; i < 40; i += 1) {
      response = await fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      if (response.status === 429) break;
    }
    expect(response?.status).toBe(429);
    expect(Number(response?.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await response!.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
  });

  it('operations over a WebSocket spend the same budget and are refused with RATE_LIMITED', async () => {
    const ws = await createWorkspaceFixture(server);
    const visitor = await server.core.startVisitorSession({ channelKey: ws.websiteChannelKey });
    const client = wsClient(server.wsUrl, { visitorToken: visitor.token });
    try {
      const run = () =>
        new Promise<string>((resolve) => {
          client.subscribe(
            { query: '{ __typename }' },
            {
              next: () => resolve('ok'),
              error: (error) => {
                const first = Array.isArray(error) ? (error[0] as unknown) : error;
                const code =
                  typeof first === 'object' && first !== null && 'extensions' in first
                    ? (first.extensions as { code?: string }).code
                    : undefined;
                resolve(code ?? 'unknown error');
              },
              complete: () => undefined,
            },
          );
        });
      const outcomes: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        const outcome = await run();
        outcomes.push(outcome);
        if (outcome !== 'ok') break;
      }
      expect(outcomes.at(-1)).toBe('RATE_LIMITED');
    } finally {
      await client.dispose();
    }
  });
});
