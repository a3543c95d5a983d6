// Composition root: database → domain → GraphQL over HTTP and WebSocket on one port.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
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
import { readBody, RequestTooLarge } from './http/read-body.js';
import { createRequestLimiter, rateLimited } from './http/request-limiter.js';
import { clearedSessionCookie, sessionCookie } from './http/session-cookie.js';
import { attachWebSocketServer } from './ws/attach-websocket-server.js';

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
    quotas: config.quotas,
    storage: config.storage,
    mailer: config.smtp ? createSmtpMailer(config.smtp.url, config.smtp.from) : null,
  });

  const schema = buildSchema();
  const formatError = createErrorFormatter((error) =>
    log.error({ err: error }, 'unexpected error in a resolver'),
  );
  const apollo = new ApolloServer<GraphQLContext>({
    // The schema, executed by graphql-jit (see jit-executor.ts).
    gateway: jitGateway(schema),
    introspection: config.introspection,
    formatError,
    // Apollo adds its own introspection refusal from `introspection`.
    validationRules: queryLimitRules(),
    parseOptions,
    // Cookies are SameSite=Lax, mutations over GET are refused (405) and only
    // JSON bodies are accepted, so a cross-site page cannot act with an
    // agent's cookie. Keeping Apollo's CSRF header requirement would break
    // plain GET queries that the GraphQL-over-HTTP spec allows.
    csrfPrevention: false,
    plugins: [
      // No @cacheControl hints are used; the default plugin would still wrap
      // every field resolution in a hook (measured: ~15% of a list request).
      ApolloServerPluginCacheControlDisabled(),
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
    const caller = requestInfo(req);
    const retryAfter = await limiter.check(caller.ip ?? 'unknown');
    if (retryAfter !== null) {
      res.setHeader('retry-after', String(retryAfter));
      return sendJson(res, 429, { errors: [rateLimited(retryAfter)] });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const raw = await readBody(req, config.maxBodyBytes);
      if ((headers.get('content-type') ?? '').toLowerCase().includes('json')) {
        try {
          body = JSON.parse(raw);
        } catch {
          return sendJson(res, 400, {
            errors: [
              {
                message: 'The request body is not valid JSON.',
                extensions: { code: 'BAD_REQUEST' },
              },
            ],
          });
        }
      } else {
        body = raw;
      }
    }
    const setCookies: string[] = [];
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => {
        const actor = await core.authenticate(
          credentialsFromHeaders(req.headers.authorization, req.headers.cookie),
        );
        return {
          core,
          actor,
          session: {
            set: (token, expiresAt) =>
              setCookies.push(sessionCookie(token, expiresAt, config.secureCookies)),
            clear: () => setCookies.push(clearedSessionCookie(config.secureCookies)),
          },
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
    path: config.graphqlPath,
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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
