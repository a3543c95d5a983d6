// Under NODE_ENV=production the configuration, not whatever the process
// environment says when Apollo is built, keeps stack traces out of error
// responses and introspection off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, startTestServer, type TestServer } from '../testing/index.js';

let server: TestServer;
beforeAll(async () => {
  // Apollo falls back to process.env.NODE_ENV: make it say development.
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'development';
  try {
    server = await startTestServer({ env: { NODE_ENV: 'production' } });
  } finally {
    process.env.NODE_ENV = before;
  }
});
afterAll(() => server?.close());

describe('a production server', () => {
  it('sends no stack traces in errors', async () => {
    const response = await gql(server.graphqlUrl, '{ noSuchField }');
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(response.errors)).not.toContain('stacktrace');
  });

  it('refuses introspection', async () => {
    const response = await gql(server.graphqlUrl, '{ __schema { types { name } } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
