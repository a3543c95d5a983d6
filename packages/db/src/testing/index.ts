export { ensurePgliteSnapshot, openTestDatabase, type TestDatabase } from './open-test-database.js';
export {
  startThrowawayPostgres,
  findPostgresBin,
  freePort,
  type ThrowawayPostgres,
} from './throwaway-postgres.js';
