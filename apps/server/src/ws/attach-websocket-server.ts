// graphql-ws on the same port and path as HTTP. The socket authenticates once
// in connection_init (payload token, or the session cookie sent with the
// upgrade); without a valid credential it is closed with 4403. The cookie
// counts only when the upgrade comes from an allowed Origin: a socket from a
// foreign page that would rely on it is closed with 4403 "Origin not allowed".
import type { Server } from 'node:http';
import type { Actor, Core, RequestInfo } from '@parley/core';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { GraphQLContext } from '../graphql/context.js';
import { createLoaders } from '../graphql/loaders.js';
import { DocumentCache } from './document-cache.js';
import { parseOptions } from '../graphql/query-limits.js';
import { rateLimited, type RequestLimiter } from '../http/request-limiter.js';
import { EagerWebSocket } from './eager-web-socket.js';
import { keepAlive } from './keep-alive.js';
import {
  CountedStream,
  SubscriptionLimits,
  type SubscriptionLimitOptions,
} from './subscription-limits.js';
import { requestInfo, type TrustProxy } from '../http/client-address.js';
import { credentialsFromConnectionParams } from '../http/credentials.js';
import { isAllowedOrigin, usesSessionCookie } from '../http/origin-policy.js';

/** A socket cannot set cookies: one shared no-op for every operation's context. */
const NO_COOKIES: GraphQLContext['session'] = Object.freeze({
  set: () => undefined,
  clear: () => undefined,
});

/** How often every socket is pinged; one that has not answered the previous ping is ended. */
const KEEP_ALIVE_MS = 12_000;

export interface WebSocketOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  /** Run after the specified rules: query limits, introspection when it is off. */
  validationRules: readonly ValidationRule[];
  core: Core;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  log: Logger;
  /** The HTTP edge's per-address budget: every operation on a socket spends from it too. */
  limiter: RequestLimiter;
  /** Subscriptions per socket and per actor. */
  subscriptionLimits: SubscriptionLimitOptions;
  trustProxy: TrustProxy;
  /** Origins whose pages may open a socket authenticated by the session cookie. */
  allowedOrigins: ReadonlySet<string>;
}

export function attachWebSocketServer({
  httpServer,
  path,
  schema,
  validationRules,
  core,
  formatError,
  log,
  limiter,
  subscriptionLimits,
  trustProxy,
  allowedOrigins,
}: WebSocketOptions) {
  const wss = new WebSocketServer({
    server: httpServer,
    path,
    maxPayload: 1_000_000,
    WebSocket: EagerWebSocket,
  });
  const actors = new WeakMap<WebSocket, Actor>();
  const origins = new WeakMap<WebSocket, RequestInfo>();
  const connections = new Map<WebSocket, Promise<string>>();
  /** Presence writes still running; shutdown waits for them before the database closes. */
  const pending = new Set<Promise<void>>();
  const rules = [...specifiedRules, ...validationRules];
  const limits = new SubscriptionLimits(subscriptionLimits);
  const isSubscription = (document: DocumentNode, operationName: string | null | undefined) =>
    getOperationAST(document, operationName)?.operation === 'subscription';
  /** A stream that ended by itself (or failed) gives its actor's slot back. */
  const ended = (subscriptions: Record<string, unknown>, id: string) => {
    const stream = subscriptions[id];
    if (stream instanceof CountedStream) stream.end();
  };
  const documents = new DocumentCache((source) => {
    let document: DocumentNode;
    try {
      document = parse(source, parseOptions);
    } catch (error) {
      return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
    }
    const errors = validate(schema, document, rules);
    return errors.length > 0 ? errors : document;
  });
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((error) => formatError(error.toJSON(), error));

  const disposable = useServer(
    {
      schema,
      onConnect: async (ctx) => {
        const { headers } = ctx.extra.request;
        const explicit = credentialsFromConnectionParams(ctx.connectionParams, undefined);
        const viaCookie = !explicit.bearer && !explicit.visitor;
        if (
          viaCookie &&
          usesSessionCookie(undefined, headers.cookie) &&
          !isAllowedOrigin(headers.origin, allowedOrigins)
        ) {
          ctx.extra.socket.close(4403, 'Origin not allowed');
          return false;
        }
        const credentials = viaCookie
          ? credentialsFromConnectionParams(ctx.connectionParams, headers.cookie)
          : explicit;
        const actor = await core.authenticate(credentials).catch((error: unknown) => {
          log.error({ err: error }, 'websocket authentication failed');
          return null;
        });
        if (!actor) return false; // graphql-ws closes with 4403 Forbidden
        actors.set(ctx.extra.socket, actor);
        origins.set(ctx.extra.socket, requestInfo(ctx.extra.request, trustProxy));
        // Keep what the socket needs, not the whole upgrade request (its
        // headers, buffers and stream state) nor the credentials it sent,
        // for the socket's lifetime.
        Reflect.set(ctx.extra, 'request', undefined);
        Reflect.set(ctx, 'connectionParams', undefined);
        if (actor.kind === 'agent') {
          // Presence: the agent's last closing socket takes them offline.
          const connection = core.agentConnected(actor);
          connections.set(ctx.extra.socket, connection);
          await connection.catch((error: unknown) =>
            log.error({ err: error }, 'presence connect failed'),
          );
        }
        return true;
      },
      onClose: async (ctx) => {
        const connection = connections.get(ctx.extra.socket);
        if (!connection) return;
        connections.delete(ctx.extra.socket);
        const done = connection
          .then((id) => core.agentDisconnected(id))
          .catch((error: unknown) => log.error({ err: error }, 'presence disconnect failed'));
        pending.add(done);
        await done;
        pending.delete(done);
      },
      // Same parse and validation limits as HTTP, done once per distinct
      // operation text: every socket of a workbench sends the same
      // subscription, and they all share one immutable document.
      onSubscribe: async (ctx, _id, payload) => {
        // Every socket of a workbench sends the same text: keep one copy.
        Reflect.set(payload, 'query', documents.source(payload.query));
        // Counted before any await: a burst of subscribe messages all count.
        const crowded = limits.checkSocket(Object.keys(ctx.subscriptions).length);
        if (crowded) return [crowded];
        const retryAfter = await limiter.check(origins.get(ctx.extra.socket)?.ip ?? 'unknown');
        if (retryAfter !== null) {
          const { message, extensions } = rateLimited(retryAfter);
          return [new GraphQLError(message, { extensions })];
        }
        const document = documents.get(payload.query);
        if (document instanceof Array) return document;
        const actor = actors.get(ctx.extra.socket);
        if (actor && isSubscription(document, payload.operationName)) {
          // The slot is given back when the stream ends (onOperation below).
          const refused = limits.reserve(actor);
          if (refused) return [refused];
        }
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
        };
      },
      onOperation: (ctx, _id, _payload, args, result) => {
        const actor = actors.get(ctx.extra.socket);
        if (!actor || !isSubscription(args.document, args.operationName)) return undefined;
        // Refused at subscribe time (an error result): no stream holds the slot.
        if (!(Symbol.asyncIterator in result)) {
          limits.release(actor);
          return undefined;
        }
        return limits.counted(result, actor);
      },
      onComplete: (ctx, id) => ended(ctx.subscriptions, id),
      context: (ctx): GraphQLContext => {
        const actor = actors.get(ctx.extra.socket) ?? null;
        return {
          core,
          actor,
          session: NO_COOKIES,
          request: origins.get(ctx.extra.socket) ?? { userAgent: null, ip: null },
          // No caching across a subscription's events: each must see current data.
          loaders: createLoaders(core, actor, false),
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: format(result.errors) as unknown as GraphQLError[] }
          : result,
      // Errors here come from parsing and validation (execution errors travel
      // in `next`): label them as Apollo does over HTTP.
      onError: (ctx, id, _payload, errors) => {
        // Also a stream that failed: graphql-ws drops it after this call.
        ended(ctx.subscriptions, id);
        return errors.map((error) =>
          formatError(
            {
              ...error.toJSON(),
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...error.extensions },
            },
            error,
          ),
        );
      },
    },
    wss,
    // No timer per socket: one sweep below keeps every socket alive.
    0,
  );
  const stopKeepAlive = keepAlive(wss, KEEP_ALIVE_MS);

  // Credentials revoked or changed anywhere (any server process) end the
  // sockets that rely on them: revoked → 4403 (the client must sign in again);
  // role changed → 4000, so the client reconnects with its new permissions.
  const changes = core.subscribeCredentialChanges();
  const watching = (async () => {
    for await (const event of changes) {
      for (const socket of wss.clients) {
        const actor = actors.get(socket);
        if (!actor || actor.workspaceId !== event.workspaceId) continue;
        const { apiToken, session, member } = event.payload;
        if (
          event.type === 'API_TOKEN_REVOKED' &&
          actor.kind === 'apiToken' &&
          actor.tokenId === apiToken?.id
        ) {
          socket.close(4403, 'API token revoked');
        } else if (
          event.type === 'SESSION_REVOKED' &&
          actor.kind === 'agent' &&
          actor.sessionId === session?.id
        ) {
          socket.close(4403, 'Signed out');
        } else if (
          event.type === 'MEMBER_UPDATED' &&
          actor.kind === 'agent' &&
          actor.agentId === member?.agentId
        ) {
          socket.close(
            member.active ? 4000 : 4403,
            member.active ? 'Permissions changed' : 'Deactivated',
          );
        }
      }
    }
  })().catch((error: unknown) => log.error({ err: error }, 'credential watch failed'));

  return {
    /** Closes every socket (1001 Going Away) and the server. */
    async close() {
      stopKeepAlive();
      await changes.return?.();
      await watching;
      await disposable.dispose();
      await Promise.allSettled([...pending]);
    },
  };
}
