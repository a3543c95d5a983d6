import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DefinitionNode,
  type DocumentNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { costLimitRule } from './cost-limit.js';
import { COST_MODEL, parseOptions, QUERY_LIMITS, queryLimitRules } from './query-limits.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const schema = buildSchema(readFileSync(join(root, 'schema.graphql'), 'utf8'));
const errorsOf = (query: string, variables = '') =>
  validate(schema, parse(variables ? `${variables} ${query}` : query, parseOptions), [
    ...specifiedRules,
    ...queryLimitRules(),
  ]).map((error) => error.message);

/** The cost the rule computes, read from its refusal with a limit of 0. */
function costOf(query: string): number {
  const errors = validate(schema, parse(query), [costLimitRule({ ...COST_MODEL, maxCost: 0 })]);
  const match = errors[0]?.message.match(/Query cost (\d+)/);
  if (!match) throw new Error(`no cost for ${query}: ${errors.map((e) => e.message).join()}`);
  return Number(match[1]);
}

describe('cost limit', () => {
  it("refuses a visitor's aliases × messages(last: 200) over its conversations (100 MB before)", () => {
    const aliases = Array.from(
      { length: 5 },
      (_, i) => `c${i}: visitorConversations { id messages(last: 200) { id body createdAt } }`,
    ).join(' ');
    expect(errorsOf(`{ ${aliases} }`).join()).toMatch(/over the cost limit of 30000/);
    // Even one: up to 100 conversations × 200 messages of up to 10,000 characters.
    expect(errorsOf('{ visitorConversations { messages(last: 200) { body } } }').join()).toMatch(
      /cost limit/,
    );
  });

  it('counts a list by its size argument, its default, or its declared size', () => {
    const message = costOf('{ conversation(id: "x") { messages(last: 10) { id } } }');
    expect(costOf('{ conversation(id: "x") { messages(last: 20) { id } } }') - message).toBe(
      10 * 3,
    );
    // The schema's default (50), and a variable at the maximum the server accepts (200).
    expect(costOf('{ conversation(id: "x") { messages { id } } }')).toBe(2 + 50 * 3);
    expect(costOf('query($n: Int!) { conversation(id: "x") { messages(last: $n) { id } } }')).toBe(
      2 + 200 * 3,
    );
    // Above the maximum, core refuses; it counts as the maximum.
    expect(costOf('{ conversation(id: "x") { messages(last: 100000) { id } } }')).toBe(2 + 200 * 3);
    // A message body weighs what 10,000 characters do.
    expect(costOf('{ conversation(id: "x") { messages(last: 1) { body } } }')).toBe(2 + 102);
    // Lists without a size argument: declared, or the default team size.
    expect(costOf('{ visitorConversations { id } }')).toBe(100 * 3);
    expect(costOf('{ agents { id } }')).toBe(COST_MODEL.defaultListSize * 3);
    // A connection is counted by its `first`.
    expect(costOf('{ conversations(first: 10) { edges { node { id } } } }')).toBe(
      10 * (2 + 2 + 2 + 1),
    );
  });

  it('counts fragments once however often they are spread (no blow-up)', () => {
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, i) =>
        `fragment F${i} on Agent { id ${i + 1 < levels ? `...F${i + 1} ...F${i + 1}` : ''} }`,
    ).join(' ');
    const started = performance.now();
    const errors = errorsOf(`{ agents { ...F0 } } ${fragments}`);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(errors.join()).toMatch(/cost limit/);
  });

  it('lets introspection through', () => {
    expect(
      errorsOf('{ __schema { types { name fields { name type { name ofType { name } } } } } }'),
    ).toEqual([]);
  });

  it('passes every operation of the workbench and the widget as they are sent', () => {
    const folder = join(root, 'apps/web/src/graphql');
    const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.graphql'),
    );
    const definitions: DefinitionNode[] = files.flatMap(
      (file) => parse(readFileSync(join(folder, file), 'utf8')).definitions,
    );
    const fragments = definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    const operations = definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThan(20);
    for (const operation of operations) {
      const document: DocumentNode = {
        kind: Kind.DOCUMENT,
        definitions: [operation, ...fragments],
      };
      const errors = validate(schema, document, queryLimitRules()).map((e) => e.message);
      expect({ operation: operation.name?.value, errors }).toEqual({
        operation: operation.name?.value,
        errors: [],
      });
    }
  });

  it('keeps the limits it documents', () => {
    expect(QUERY_LIMITS.maxCost).toBe(30_000);
  });
});
