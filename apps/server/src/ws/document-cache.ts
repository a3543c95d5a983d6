// Parsed and validated operations by their text, least recently used evicted.
// Entries are immutable documents, so any number of subscriptions may share
// one. Only valid documents of ordinary size are kept: a client cannot fill
// the cache with refusals or megabyte-long texts (each still gets prepared,
// and answered, on its own).
import type { DocumentNode, GraphQLError } from 'graphql';

type Prepared = DocumentNode | readonly GraphQLError[];

/** Longer operation texts are prepared every time, never kept. */
const MAX_CACHED_SOURCE = 16 * 1024;

export class DocumentCache {
  private readonly entries = new Map<string, DocumentNode>();
  /** Each cached key, by itself: Map lookups compare by value, this hands back the kept copy. */
  private readonly sources = new Map<string, string>();

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
    if (prepared instanceof Array || source.length > MAX_CACHED_SOURCE) return prepared;
    this.entries.set(source, prepared);
    this.sources.set(source, source);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) {
        this.entries.delete(oldest.value);
        this.sources.delete(oldest.value);
      }
    }
    return prepared;
  }

  /** The cached copy of `source` when there is one, so equal texts share memory. */
  source(source: string): string {
    const hit = this.sources.get(source);
    return hit ?? source;
  }

  get size(): number {
    return this.entries.size;
  }
}
