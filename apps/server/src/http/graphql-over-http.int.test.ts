// GraphQL over HTTP: methods, status codes and media types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('GraphQL over HTTP', () => {
  it('answers a query over GET', async () => {
    const response = await fetch(
      `${server.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    // Per-viewer answers: never stored by a shared cache, even for GET.
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a mutation over GET with 405', async () => {
    const response = await fetch(
      `${server.graphqlUrl}?query=${encodeURIComponent('mutation { signOut }')}`,
    );
    expect(response.status).toBe(405);
  });

  it('answers with application/graphql-response+json when asked, and 400 for an invalid document', async () => {
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ noSuchField }' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/graphql-response\+json/);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a subscription over HTTP with 400 SUBSCRIPTION_OVER_HTTP', async () => {
    for (const query of [
      'subscription { workspaceEvents { cursor } }',
      'subscription { visitorEvents { cursor } }',
    ]) {
      const response = await fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as {
        errors: { message: string; extensions: { code: string } }[];
      };
      expect(body.errors[0]?.extensions.code).toBe('SUBSCRIPTION_OVER_HTTP');
      expect(body.errors[0]?.message).toBe(
        'Subscriptions need a WebSocket (graphql-ws) at /graphql.',
      );
    }
  });

  it('rejects a body that is not JSON with 400', async () => {
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
  });

  it('rejects a request without a query with 400', async () => {
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variables: {} }),
    });
    expect(response.status).toBe(400);
  });

  it('rejects a body over the size limit with 413', async () => {
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(1_100_000) } }),
    });
    expect(response.status).toBe(413);
  });

  it('reports health with a database round trip, and 404 elsewhere', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });

  it('refuses hostile queries (aliases, cost, size) with a clear validation error', async () => {
    const aliases = Array.from({ length: 25 }, (_, i) => `a${i}: tags { id }`).join(' ');
    const tooManyAliases = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ ${aliases} }` }),
    });
    const body = (await tooManyAliases.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0]?.message).toMatch(/aliases limit of 20/i);

    const heavy = Array.from(
      { length: 15 },
      (_, i) =>
        `c${i}: conversations(first: 100) { edges { node { messages { senderAgent { name } body } visitor { tags { name } pageViews { url } } } } }`,
    ).join(' ');
    const costly = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ ${heavy} }` }),
    });
    const costBody = (await costly.json()) as { errors: { message: string }[] };
    expect(costBody.errors[0]?.message).toMatch(/cost limit/i);

    const huge = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ ${'__typename '.repeat(5_000)} }` }),
    });
    const hugeBody = (await huge.json()) as { errors: { message: string }[] };
    expect(huge.status).toBe(400);
    expect(hugeBody.errors[0]?.message).toMatch(/tokens/);
  });
});
