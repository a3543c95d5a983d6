// Parsed and validated operations by their text, least recently used evicted.
// Entries are immutable documents (or the errors that rejected the text), so
// any number of subscriptions may share one.
import type { DocumentNode, GraphQLError } from 'graphql';

export type Prepared = DocumentNode | readonly GraphQLError[];

export class DocumentCache {
  private readonly entries = new Map<string, Prepared>();

  constructor(
    private readonly prepare: (source: string) => Prepared,
    private readonly capacity = 1_000,
  ) {}

  get(source: string): Prepared {
    const hit = this.entries.get(source);
    if (hit) {
      // Re-insert: Map keeps insertion order, so the oldest key is the LRU one.
      this.entries.delete(source);
      this.entries.set(source, hit);
      return hit;
    }
    const prepared = this.prepare(source);
    this.entries.set(source, prepared);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return prepared;
  }

  get size(): number {
    return this.entries.size;
  }
}
