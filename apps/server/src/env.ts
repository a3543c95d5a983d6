// The server's configuration, validated once. No other file reads process.env.
import { fileURLToPath } from 'node:url';
import type { MessageQuotaLimits } from '@parley/core';
import { z } from 'zod';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  GRAPHQL_PATH: z.string().startsWith('/').default('/graphql'),
  DATABASE_URL: z.string().url().optional(),
  /** PGlite data directory, used when DATABASE_URL is unset. */
  PARLEY_DATA_DIR: z.string().default(`${repoRoot}.data/pglite`),
  PARLEY_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  PARLEY_INTROSPECTION: z.enum(['true', 'false']).optional(),
  PARLEY_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** GraphQL HTTP requests per client address per minute; 0 turns the limit off. */
  PARLEY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1_200),
  /** Let webhooks target private or loopback addresses (on-premises receivers, tests). */
  PARLEY_WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  /** Where people reach the workbench (links in invitation emails). */
  PARLEY_PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  /** e.g. smtp://user:pass@mail.example.com:587; unset → invitations are shown as links only. */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().default('Parley <no-reply@parley.local>'),
  /**
   * Writes are refused (STORAGE_FULL) while the database's disk has less free
   * space than this, so it never fills. Default 256 (0 in tests); 0 turns it off.
   */
  PARLEY_STORAGE_RESERVE_MB: z.coerce.number().min(0).optional(),
  /** The disk to watch: default the PGlite data directory; set it for a local PostgreSQL. */
  PARLEY_STORAGE_PATH: z.string().optional(),
  /** Visitors' budgets (per server process). */
  PARLEY_VISITOR_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  PARLEY_VISITOR_KB_PER_HOUR: z.coerce.number().int().min(1).default(256),
  PARLEY_VISITOR_KB_PER_DAY: z.coerce.number().int().min(1).default(1024),
  /** All visitors of one workspace together. */
  PARLEY_WORKSPACE_VISITOR_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
});

export interface ServerConfig {
  port: number;
  host: string;
  graphqlPath: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  seedDemo: boolean;
  introspection: boolean;
  secureCookies: boolean;
  logLevel: z.output<typeof Env>['LOG_LEVEL'];
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
  /** GraphQL HTTP requests per client address per minute (0: unlimited). */
  requestsPerMinute: number;
  webhooksAllowPrivate: boolean;
  publicUrl: string;
  smtp: { url: string; from: string } | null;
  /** The disk reserve guard (null: off). */
  storage: { path: string; reserveBytes: number } | null;
  quotas: MessageQuotaLimits;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    port: e.PORT,
    host: e.HOST,
    graphqlPath: e.GRAPHQL_PATH,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: e.PARLEY_DATA_DIR },
    seedDemo: e.PARLEY_SEED_DEMO === 'true',
    introspection: e.PARLEY_INTROSPECTION ? e.PARLEY_INTROSPECTION === 'true' : !production,
    secureCookies: e.PARLEY_SECURE_COOKIES ? e.PARLEY_SECURE_COOKIES === 'true' : production,
    logLevel: e.LOG_LEVEL,
    maxBodyBytes: 1_000_000,
    requestsPerMinute: e.PARLEY_RATE_LIMIT_PER_MINUTE,
    webhooksAllowPrivate: e.PARLEY_WEBHOOK_ALLOW_PRIVATE === 'true',
    publicUrl: e.PARLEY_PUBLIC_URL,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : null,
    storage: storageConfig(e),
    quotas: {
      visitorMessagesPerMinute: e.PARLEY_VISITOR_MESSAGES_PER_MINUTE,
      visitorBytesPerHour: e.PARLEY_VISITOR_KB_PER_HOUR * 1024,
      visitorBytesPerDay: e.PARLEY_VISITOR_KB_PER_DAY * 1024,
      workspaceVisitorMessagesPerMinute: e.PARLEY_WORKSPACE_VISITOR_MESSAGES_PER_MINUTE,
    },
  };
}

function storageConfig(e: z.output<typeof Env>): ServerConfig['storage'] {
  const reserveMb = e.PARLEY_STORAGE_RESERVE_MB ?? (e.NODE_ENV === 'test' ? 0 : 256);
  const path = e.PARLEY_STORAGE_PATH ?? (e.DATABASE_URL ? null : e.PARLEY_DATA_DIR);
  if (reserveMb === 0 || !path) return null;
  return { path, reserveBytes: reserveMb * 1024 * 1024 };
}
