export * from './schema.js';
export * from './client.js';
export { migrateDatabase, migrationsFolder } from './migrate.js';
// Query building blocks, re-exported so the domain layer depends on @parley/db only.
export {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  getTableColumns,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  not,
  or,
  sql,
} from 'drizzle-orm';
export type { SQL } from 'drizzle-orm';
