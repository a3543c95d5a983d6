// The server's configuration, validated once. No other file reads process.env.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

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
  /** Where people reach the workbench (links in invitation and password-reset emails). */
  PARLEY_PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  /** e.g. smtp://user:pass@mail.example.com:587; unset → invitations are shown as links only and no password-reset mail is sent. */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().default('Parley <no-reply@parley.local>'),
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
  smtp: { url: string; from: string } | null;
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
    publicUrl: e.PARLEY_PUBLIC_URL,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : null,
  };
}
