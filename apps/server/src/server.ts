// Composition root: database → domain → GraphQL over HTTP and WebSocket on one port.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { createCore, type Core } from '@parley/core';
import { createDatabase, migrateDatabase, type DatabaseHandle } from '@parley/db';
import type { Logger } from 'pino';
import type { ServerConfig } from './env.js';
import type { GraphQLContext } from './graphql/context.js';
import { createErrorFormatter } from './graphql/format-error.js';
import { createSmtpMailer } from './mail/smtp-mailer.js';
import { parseOptions, queryLimitRules } from './graphql/query-limits.js';
import { jitGateway } from './graphql/jit-executor.js';
import { buildSchema } from './graphql/schema.js';
import { createLoaders } from './graphql/loaders.js';
import { requestInfo } from './http/client-address.js';
import { credentialsFromHeaders } from './http/credentials.js';
import { isAllowedOrigin, isJsonContentType, usesSessionCookie } from './http/origin-policy.js';
import { readBody, RequestTooLarge } from './http/read-body.js';
import { createRequestLimiter, rateLimited } from './http/request-limiter.js';
import { clearedSessionCookie, sessionCookie } from './http/session-cookie.js';
import { attachWebSocketServer } from './ws/attach-websocket-server.js';
import { AVATAR_PREFIX, serveAvatar } from './http/avatar-route.js';

export interface ParleyServer {
  /** `http://host:port` the server listens on. */
  readonly url: string;
  readonly graphqlUrl: string;
  readonly wsUrl: string;
  readonly core: Core;
  readonly database: DatabaseHandle;
  /** Stops accepting, drains HTTP and WebSocket, closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** An already-open database (tests); otherwise one is opened from the config. */
  database?: DatabaseHandle;
  /** Whether close() also closes the given database (default: only one it opened). */
  ownsDatabase?: boolean;
}

export async function startServer(
  config: ServerConfig,
  log: Logger,
  options: StartOptions = {},
): Promise<ParleyServer> {
  const database = options.database ?? (await createDatabase(config.database));
  const ownsDatabase = options.ownsDatabase ?? !options.database;
  await migrateDatabase(database);
  const core = await createCore(database, {
    onError: (error) => log.error({ err: error }, 'background task error'),
    webhooks: { allowPrivate: config.webhooksAllowPrivate },
    publicUrl: config.publicUrl,
    signUpEnabled: config.signUpEnabled,
    quotas: config.quotas,
    storage: config.storage,
    mailer: config.smtp ? createSmtpMailer(config.smtp.url, config.smtp.from) : null,
    maxBacklogReads: config.maxBacklogReads,
  });

  const schema = buildSchema();
  const formatError = createErrorFormatter((error) =>
    log.error({ err: error }, 'unexpected error in a resolver'),
  );
  const apollo = new ApolloServer<GraphQLContext>({
    // The schema, executed by graphql-jit (see jit-executor.ts).
    gateway: jitGateway(schema),
    introspection: config.introspection,
    // Apollo decides this from process.env.NODE_ENV unless told; the
    // configuration decides here (stack traces only in development).
    includeStacktraceInErrorResponses: config.includeStacktraces,
    formatError,
    // Apollo adds its own introspection refusal from `introspection`.
    validationRules: queryLimitRules(),
    parseOptions,
    // Mutations over GET are refused (405), POST bodies must be
    // application/json (so a foreign page needs a CORS preflight, which is
    // never granted), and a cookie-authenticated request from a foreign
    // Origin is refused before it gets here (http/origin-policy.ts). Keeping
    // Apollo's CSRF header requirement would break plain GET queries that the
    // GraphQL-over-HTTP spec allows.
    csrfPrevention: false,
    plugins: [
      // No @cacheControl hints are used; the default plugin would still wrap
      // every field resolution in a hook (measured: ~15% of a list request).
      ApolloServerPluginCacheControlDisabled(),
      refuseSubscriptions(config.graphqlPath),
      ...(config.introspection ? [] : [ApolloServerPluginLandingPageDisabled()]),
    ],
    logger: {
      debug: (m) => log.debug(m),
      info: (m) => log.info(m),
      warn: (m) => log.warn(m),
      error: (m) => log.error(m),
    },
  });
  await apollo.start();

  const limiter = createRequestLimiter(config.requestsPerMinute);

  const handleGraphQL = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const caller = requestInfo(req, config.trustProxy);
    const retryAfter = await limiter.check(caller.ip ?? 'unknown');
    if (retryAfter !== null) {
      res.setHeader('retry-after', String(retryAfter));
      return sendJson(res, 429, { errors: [rateLimited(retryAfter)] });
    }
    if (req.method === 'POST' && !isJsonContentType(req.headers['content-type'])) {
      return sendError(
        res,
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the request body as Content-Type: application/json.',
      );
    }
    // The cookie speaks for the workbench's pages only: another origin (even
    // another port of the same host, which gets SameSite=Lax cookies) may
    // neither act with it nor be given one.
    const ownOrigin = isAllowedOrigin(req.headers.origin, config.allowedOrigins);
    if (!ownOrigin && usesSessionCookie(req.headers.authorization, req.headers.cookie)) {
      return sendError(
        res,
        403,
        'ORIGIN_NOT_ALLOWED',
        `Requests from ${String(req.headers.origin)} may not use the session cookie; send an Authorization header, or add the origin to PARLEY_ALLOWED_ORIGINS.`,
      );
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    // Authenticated before the body is read: a signed-in agent may send a
    // larger body (an avatar upload), anyone else at most maxBodyBytes.
    const actor = await core.authenticate(
      credentialsFromHeaders(req.headers.authorization, ownOrigin ? req.headers.cookie : undefined),
    );
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const limit = actor?.kind === 'agent' ? config.maxAgentBodyBytes : config.maxBodyBytes;
      const raw = await readBody(req, limit);
      try {
        body = JSON.parse(raw);
      } catch {
        return sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
      }
    }
    const setCookies: string[] = [];
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => {
        return {
          core,
          actor,
          session: ownOrigin
            ? {
                set: (token, expiresAt) =>
                  setCookies.push(sessionCookie(token, expiresAt, config.secureCookies)),
                clear: () => setCookies.push(clearedSessionCookie(config.secureCookies)),
              }
            : NO_COOKIES,
          request: caller,
          loaders: createLoaders(core, actor),
        };
      },
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    // Answers are per viewer and never for shared caches (the cache-control
    // plugin, now disabled, used to say so).
    res.setHeader('cache-control', 'no-store');
    if (setCookies.length > 0) res.setHeader('set-cookie', setCookies);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };

  const httpServer = createServer((req, res) => {
    for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const work =
      url.pathname === '/healthz'
        ? database.ping().then(
            () => sendJson(res, 200, { status: 'ok' }),
            (error: unknown) => {
              log.error({ err: error }, 'health check failed');
              sendJson(res, 503, { status: 'unavailable' });
            },
          )
        : url.pathname === config.graphqlPath
          ? handleGraphQL(req, res, url)
          : url.pathname.startsWith(AVATAR_PREFIX)
            ? serveAvatar(core, req, res, url)
            : Promise.resolve(sendJson(res, 404, { error: 'Not found' }));
    work.catch((error: unknown) => {
      if (error instanceof RequestTooLarge) {
        sendJson(res, 413, {
          errors: [{ message: error.message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
        });
        return;
      }
      log.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error' }] });
      else res.destroy();
    });
  });

  const ws = attachWebSocketServer({
    httpServer,
    limiter,
    subscriptionLimits: config.subscriptionLimits,
    path: config.graphqlPath,
    trustProxy: config.trustProxy,
    allowedOrigins: config.allowedOrigins,
    schema,
    // The same rules as HTTP, where Apollo refuses introspection when off.
    validationRules: [
      ...queryLimitRules(),
      ...(config.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
    ],
    core,
    formatError,
    log,
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${port}`;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      // Stop accepting, let in-flight requests finish, then end the rest.
      const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      await ws.close();
      const force = setTimeout(() => httpServer.closeAllConnections(), 5_000);
      await httpClosed;
      clearTimeout(force);
      await apollo.stop();
      await core.close();
      if (ownsDatabase) await database.close();
    })();
    return closing;
  };

  return {
    url,
    graphqlUrl: `${url}${config.graphqlPath}`,
    wsUrl: `${url.replace(/^http/, 'ws')}${config.graphqlPath}`,
    core,
    database,
    close,
  };
}

/**
 * A subscription sent over HTTP is a client mistake, answered 400 with a code
 * (graphql-jit would otherwise fail on it as an internal error). One listener
 * object serves every request.
 */
function refuseSubscriptions(path: string): ApolloServerPlugin<GraphQLContext> {
  const message = `Subscriptions need a WebSocket (graphql-ws) at ${path}.`;
  const listener: GraphQLRequestListener<GraphQLContext> = {
    didResolveOperation: async ({ operation }) => {
      if (operation?.operation !== 'subscription') return;
      throw new GraphQLError(message, {
        extensions: { code: 'SUBSCRIPTION_OVER_HTTP', http: { status: 400 } },
      });
    },
  };
  return { requestDidStart: async () => listener };
}

/** Sent on every response: no MIME sniffing (a JSON answer is never a script), no referrer. */
const SECURITY_HEADERS = [
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'no-referrer'],
] as const;

/** A page on a foreign origin neither gets nor clears the session cookie. */
const NO_COOKIES: GraphQLContext['session'] = Object.freeze({
  set: () => undefined,
  clear: () => undefined,
});

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
