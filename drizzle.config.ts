import { defineConfig } from 'drizzle-kit';

// drizzle-kit reads the tables from packages/db and writes SQL migrations
// beside them; the migrations are committed and applied at server start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/db/src/schema.ts',
  out: './packages/db/migrations',
  strict: true,
  verbose: true,
});
