import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { describe, expect, it } from 'vitest';
import { jitGateway } from './jit-executor.js';

class Refused extends Error {}

const schema = makeExecutableSchema({
  typeDefs: `
    type Query {
      hello(name: String!): String!
      refused: String
      list: [Item!]!
    }
    type Item { id: ID!, twice: Int! }
  `,
  resolvers: {
    Query: {
      hello: (_: unknown, { name }: { name: string }) => `hello ${name}`,
      refused: () => {
        throw new Refused('not you');
      },
      list: () => [{ id: 'a', n: 1 }, { id: 'b', n: 2 }],
    },
    Item: { twice: (item: { n: number }) => Promise.resolve(item.n * 2) },
  },
});

async function run(query: string, variables: Record<string, unknown> = {}) {
  const seen: unknown[] = [];
  const server = new ApolloServer({
    gateway: jitGateway(schema),
    formatError: (formatted, error) => {
      seen.push(unwrapResolverError(error));
      return formatted;
    },
  });
  await server.start();
  try {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { result: response.body.singleResult, seen, status: response.http.status };
  } finally {
    await server.stop();
  }
}

describe('jitGateway', () => {
  it('answers like graphql-js: data, variables, nested promises', async () => {
    const { result } = await run('query($n: String!) { hello(name: $n) list { id twice } }', {
      n: 'Vera',
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      hello: 'hello Vera',
      list: [
        { id: 'a', twice: 2 },
        { id: 'b', twice: 4 },
      ],
    });
  });

  it("hands formatError the resolver's own error, with path and location", async () => {
    const { result, seen } = await run('{\n  hello(name: "x")\n  refused\n}');
    expect(result.data).toEqual({ hello: 'hello x', refused: null });
    expect(result.errors).toMatchObject([
      {
        message: 'not you',
        path: ['refused'],
        locations: [{ line: 3, column: 3 }],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Refused);
  });

  it('reports a bad variable as bad user input, not a crash', async () => {
    const { result, status } = await run('query($n: String!) { hello(name: $n) }', { n: 42 });
    expect(status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
