export * from './schema.js';
export * from './client.js';
export { migrateDatabase, migrationsFolder } from './migrate.js';
// Query building blocks, re-exported so the domain layer depends on @parley/db only.
export { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
export type { SQL } from 'drizzle-orm';
