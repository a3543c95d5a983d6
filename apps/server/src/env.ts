// The server's configuration, validated once. No other file reads process.env.
import { fileURLToPath } from 'node:url';
import type { MessageQuotaLimits } from '@parley/core';
import { z } from 'zod';
import { compileTrustProxy, type TrustProxy } from './http/client-address.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  GRAPHQL_PATH: z.string().startsWith('/').default('/graphql'),
  DATABASE_URL: z.string().url().optional(),
  /** PGlite data directory, used when DATABASE_URL is unset. */
  PARLEY_DATA_DIR: z.string().default(`${repoRoot}.data/pglite`),
  /** Demo workspace on an empty database; default on, off under NODE_ENV=production. */
  PARLEY_SEED_DEMO: z.enum(['true', 'false']).optional(),
  /** Public sign-up: anyone may create a workspace on this server. */
  PARLEY_SIGNUP: z.enum(['true', 'false']).default('false'),
  PARLEY_INTROSPECTION: z.enum(['true', 'false']).optional(),
  PARLEY_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** GraphQL HTTP requests per client address per minute; 0 turns the limit off. */
  PARLEY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1_200),
  /** Operations running at once on one socket (subscriptions included); 0 turns the limit off. */
  PARLEY_MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(0).default(20),
  /** Subscriptions of one agent, API token or visitor across its sockets (per process); 0 = off. */
  PARLEY_MAX_SUBSCRIPTIONS_PER_ACTOR: z.coerce.number().int().min(0).default(50),
  /** Subscribers' backlog pages read from the database at once, per process. */
  PARLEY_MAX_BACKLOG_READS: z.coerce.number().int().min(1).default(4),
  /** Let webhooks target private or loopback addresses (on-premises receivers, tests). */
  PARLEY_WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  /** Where people reach the workbench (links in invitation and password-reset emails); follows WEB_PORT when unset. */
  PARLEY_PUBLIC_URL: z.string().url().optional(),
  WEB_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Which proxies' X-Forwarded-For to believe (Express's `trust proxy` syntax). */
  PARLEY_TRUST_PROXY: z.string().default('loopback'),
  /** Origins whose pages may use the session cookie (comma-separated); default: PARLEY_PUBLIC_URL's. */
  PARLEY_ALLOWED_ORIGINS: z.string().optional(),
  /** e.g. smtp://user:pass@mail.example.com:587; unset → invitations are shown as links only and no password-reset mail is sent. */
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
  /** Messages per minute and text per hour from all visitors of one channel together. */
  PARLEY_CHANNEL_VISITOR_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  PARLEY_CHANNEL_VISITOR_KB_PER_HOUR: z.coerce.number().int().min(1).default(65_536),
});

export interface ServerConfig {
  port: number;
  host: string;
  graphqlPath: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  seedDemo: boolean;
  signUpEnabled: boolean;
  introspection: boolean;
  secureCookies: boolean;
  logLevel: z.output<typeof Env>['LOG_LEVEL'];
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
  /** Largest body from a signed-in agent (an avatar upload is base64 in a mutation). */
  maxAgentBodyBytes: number;
  /** GraphQL HTTP requests per client address per minute (0: unlimited). */
  requestsPerMinute: number;
  /** Subscriptions per socket and per actor (0: unlimited). */
  subscriptionLimits: { perSocket: number; perActor: number };
  /** Subscribers' backlog page reads running at once. */
  maxBacklogReads: number;
  webhooksAllowPrivate: boolean;
  publicUrl: string;
  /** Whether an X-Forwarded-For hop is a trusted proxy (see http/client-address.ts). */
  trustProxy: TrustProxy;
  /** Origins (`scheme://host:port`) whose pages may act with the session cookie. */
  allowedOrigins: ReadonlySet<string>;
  /** Stack traces in GraphQL error responses: only under NODE_ENV=development. */
  includeStacktraces: boolean;
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
  const publicUrl = e.PARLEY_PUBLIC_URL ?? `http://localhost:${e.WEB_PORT}`;
  let trustProxy: TrustProxy;
  try {
    trustProxy = compileTrustProxy(e.PARLEY_TRUST_PROXY);
  } catch (error) {
    throw new Error(
      `Invalid configuration: PARLEY_TRUST_PROXY: ${error instanceof Error ? error.message : 'not a hop count or address list'}`,
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    graphqlPath: e.GRAPHQL_PATH,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: e.PARLEY_DATA_DIR },
    seedDemo: e.PARLEY_SEED_DEMO ? e.PARLEY_SEED_DEMO === 'true' : !production,
    signUpEnabled: e.PARLEY_SIGNUP === 'true',
    introspection: e.PARLEY_INTROSPECTION ? e.PARLEY_INTROSPECTION === 'true' : !production,
    secureCookies: e.PARLEY_SECURE_COOKIES ? e.PARLEY_SECURE_COOKIES === 'true' : production,
    logLevel: e.LOG_LEVEL,
    maxBodyBytes: 1_000_000,
    maxAgentBodyBytes: 3_000_000,
    requestsPerMinute: e.PARLEY_RATE_LIMIT_PER_MINUTE,
    subscriptionLimits: {
      perSocket: e.PARLEY_MAX_SUBSCRIPTIONS_PER_SOCKET,
      perActor: e.PARLEY_MAX_SUBSCRIPTIONS_PER_ACTOR,
    },
    maxBacklogReads: e.PARLEY_MAX_BACKLOG_READS,
    webhooksAllowPrivate: e.PARLEY_WEBHOOK_ALLOW_PRIVATE === 'true',
    publicUrl,
    trustProxy,
    allowedOrigins: allowedOrigins(e.PARLEY_ALLOWED_ORIGINS, publicUrl),
    includeStacktraces: e.NODE_ENV === 'development',
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : null,
    storage: storageConfig(e),
    quotas: {
      visitorMessagesPerMinute: e.PARLEY_VISITOR_MESSAGES_PER_MINUTE,
      visitorBytesPerHour: e.PARLEY_VISITOR_KB_PER_HOUR * 1024,
      visitorBytesPerDay: e.PARLEY_VISITOR_KB_PER_DAY * 1024,
      workspaceVisitorMessagesPerMinute: e.PARLEY_WORKSPACE_VISITOR_MESSAGES_PER_MINUTE,
      channelVisitorMessagesPerMinute: e.PARLEY_CHANNEL_VISITOR_MESSAGES_PER_MINUTE,
      channelVisitorBytesPerHour: e.PARLEY_CHANNEL_VISITOR_KB_PER_HOUR * 1024,
    },
  };
}

function storageConfig(e: z.output<typeof Env>): ServerConfig['storage'] {
  const reserveMb = e.PARLEY_STORAGE_RESERVE_MB ?? (e.NODE_ENV === 'test' ? 0 : 256);
  const path = e.PARLEY_STORAGE_PATH ?? (e.DATABASE_URL ? null : e.PARLEY_DATA_DIR);
  if (reserveMb === 0 || !path) return null;
  return { path, reserveBytes: reserveMb * 1024 * 1024 };
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The origins allowed to use the session cookie: the listed ones, or the
 * public URL's origin. A loopback public URL also allows the other loopback
 * spellings of the same port (a browser at 127.0.0.1:3000 sends that origin).
 */
function allowedOrigins(listed: string | undefined, publicUrl: string): ReadonlySet<string> {
  const origins = new Set<string>();
  const entries = listed
    ? listed
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
    : [publicUrl];
  for (const entry of entries) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`Invalid configuration: PARLEY_ALLOWED_ORIGINS: ${entry} is not an origin`);
    }
    origins.add(url.origin);
    if (!listed && LOOPBACK_HOSTS.includes(url.hostname)) {
      for (const host of LOOPBACK_HOSTS) {
        origins.add(`${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`);
      }
    }
  }
  return origins;
}
