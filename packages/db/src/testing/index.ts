export { ensurePgliteSnapshot, openTestDatabase, type TestDatabase } from './open-test-database.js';
