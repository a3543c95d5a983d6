import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DocumentCache } from './document-cache.js';

describe('DocumentCache', () => {
  it('prepares each text once and shares the document', () => {
    let prepared = 0;
    const cache = new DocumentCache((source) => {
      prepared += 1;
      return parse(source);
    });
    const a = cache.get('{ a }');
    const b = cache.get('{ a }');
    expect(a).toBe(b);
    expect(prepared).toBe(1);
  });

  it('evicts the least recently used text beyond its capacity', () => {
    const seen: string[] = [];
    const cache = new DocumentCache((source): DocumentNode => {
      seen.push(source);
      return parse(source);
    }, 2);
    cache.get('{ a }');
    cache.get('{ b }');
    cache.get('{ a }'); // a is now the most recent
    cache.get('{ c }'); // evicts b
    expect(cache.size).toBe(2);
    cache.get('{ a }');
    cache.get('{ b }');
    expect(seen).toEqual(['{ a }', '{ b }', '{ c }', '{ b }']);
  });

  it('keeps neither refusals nor very long texts', () => {
    let prepared = 0;
    const cache = new DocumentCache((source) => {
      prepared += 1;
      return source.startsWith('{') ? parse(source) : [new GraphQLError('refused')];
    });
    cache.get('nope');
    cache.get('nope');
    const padded = `{ a }${' '.repeat(20_000)}`;
    cache.get(padded);
    cache.get(padded);
    expect(prepared).toBe(4);
    expect(cache.size).toBe(0);
  });
});
