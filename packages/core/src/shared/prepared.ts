// Queries built once, run many times. drizzle rebuilds a query's SQL text on
// every call, and on a hot read (the inbox list, the session lookup) that
// building cost more Node time than PostgreSQL spent running the statement.
// A query written with sql.placeholder() values is built and `.prepare()`d
// once per database handle and shape, then executed with the values.
import type { Database, SQL } from '@parley/db';

/** Distinct shapes kept per database handle; past it the cache starts over. */
const MAX_SHAPES = 500;

const caches = new WeakMap<Database, Map<string, unknown>>();

/**
 * The query `build` makes for `key`, built on first use. `key` must name
 * everything that changes the SQL text (never a value: values are
 * placeholders), and one key must always build the same kind of query.
 */
export function preparedQuery<T>(db: Database, key: string, build: () => T): T {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const cached = cache.get(key);
  if (cached !== undefined) return cached as T;
  if (cache.size >= MAX_SHAPES) cache.clear();
  const built = build();
  cache.set(key, built);
  return built;
}

/** A condition written with placeholders: `shape` names its SQL text, `values` fills it. */
export interface PreparedCondition {
  condition: SQL | undefined;
  shape: string;
  values: Record<string, unknown>;
}
