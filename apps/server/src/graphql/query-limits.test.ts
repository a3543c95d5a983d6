import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parseOptions, QUERY_LIMITS, queryLimitRules } from './query-limits.js';

// A recursive schema: Parley's has no cycles, but the rules must hold for any.
const schema = buildSchema(`type Query { node: Node } type Node { id: ID child: Node }`);
const check = (query: string) =>
  validate(schema, parse(query, parseOptions), [...specifiedRules, ...queryLimitRules()]);
const nested = (depth: number) =>
  `{ node ${'{ child '.repeat(depth - 1)}{ id }${' }'.repeat(depth - 1)} }`;

describe('query limits', () => {
  it('allow ordinary queries', () => {
    expect(check(nested(5))).toEqual([]);
  });

  it('refuse queries nested deeper than the limit', () => {
    const errors = check(nested(QUERY_LIMITS.maxDepth + 2));
    expect(errors.map((e) => e.message).join()).toMatch(/depth limit of 12/i);
  });

  it('refuse too many aliases', () => {
    const aliases = Array.from(
      { length: QUERY_LIMITS.maxAliases + 1 },
      (_, i) => `a${i}: node { id }`,
    ).join(' ');
    expect(
      check(`{ ${aliases} }`)
        .map((e) => e.message)
        .join(),
    ).toMatch(/aliases limit of 20/i);
  });

  it('refuse documents with too many tokens', () => {
    const fields = Array.from({ length: QUERY_LIMITS.maxTokens }, () => 'id').join(' ');
    expect(() => parse(`{ node { ${fields} } }`, parseOptions)).toThrow(/4000 tokens/);
  });

  it('ignore introspection', () => {
    expect(
      check(
        '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }',
      ),
    ).toEqual([]);
  });
});
