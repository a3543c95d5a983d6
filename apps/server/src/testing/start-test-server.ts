// Starts the real server in-process on a fresh test database (PGlite snapshot,
// or a new PostgreSQL database when DATABASE_URL is set), on a random port.
import { randomBytes } from 'node:crypto';
import type { CreatedWorkspace } from '@parley/core';
import { openTestDatabase, type TestDatabase } from '@parley/db/testing';
import type { DatabaseHandle } from '@parley/db';
import type { Logger } from 'pino';
import { loadConfig } from '../env.js';
import { createLogger } from '../logger.js';
import { startServer, type ParleyServer } from '../server.js';

export interface TestServer extends ParleyServer {
  readonly testDatabase: TestDatabase;
}

export async function startTestServer(
  options: {
    database?: TestDatabase;
    env?: Record<string, string>;
    /** Where the server logs (e.g. to capture and inspect what it writes). */
    logger?: Logger;
  } = {},
): Promise<TestServer> {
  const testDatabase = options.database ?? (await openTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    ...options.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  });
  const server = await startServer(config, options.logger ?? createLogger(config.logLevel), {
    database: testDatabase,
    ownsDatabase: options.database === undefined,
  });
  return Object.assign(server, { testDatabase });
}

/** A second server process's view of the same PostgreSQL database (its own connection pool). */
export async function startSecondServer(url: string): Promise<ParleyServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  return startServer(config, createLogger('silent'));
}

export interface WorkspaceFixture extends CreatedWorkspace {
  email: string;
  password: string;
}

let counter = 0;

/** A workspace with an owner (who can sign in) and a website channel. */
export async function createWorkspaceFixture(server: {
  core: ParleyServer['core'];
}): Promise<WorkspaceFixture> {
  counter += 1;
  const suffix = `${Date.now().toString(36)}${counter}${randomBytes(2).toString('hex')}`;
  const email = `owner-${suffix}@example.test`;
  const password = `password-${suffix}`;
  const created = await server.core.createWorkspace({
    name: `Workspace ${suffix}`,
    owner: { email, name: `Owner ${suffix}`, password },
  });
  return { ...created, email, password };
}

export type { DatabaseHandle };

/**
 * Visitor message budgets lifted, for tests that seed long conversations
 * through the visitor's own path (quotas.int.test.ts tests the budgets).
 */
export const UNLIMITED_VISITOR_QUOTAS: Readonly<Record<string, string>> = {
  PARLEY_VISITOR_MESSAGES_PER_MINUTE: '1000000',
  PARLEY_VISITOR_KB_PER_HOUR: '1000000',
  PARLEY_VISITOR_KB_PER_DAY: '1000000',
  PARLEY_WORKSPACE_VISITOR_MESSAGES_PER_MINUTE: '1000000',
  PARLEY_CHANNEL_VISITOR_MESSAGES_PER_MINUTE: '1000000',
  PARLEY_CHANNEL_VISITOR_KB_PER_HOUR: '1000000',
};
