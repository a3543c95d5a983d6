// Real GraphQL over HTTP and graphql-ws, the way integrators call Parley.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data: T | null | undefined;
  errors:
    { message: string; extensions?: { code?: string } & Record<string, unknown> }[] | undefined;
}

export interface Auth {
  token?: string;
  visitor?: string;
  cookie?: string;
}

function authHeaders(auth: Auth): Record<string, string> {
  const headers: Record<string, string> = {};
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.visitor) headers.authorization = `Visitor ${auth.visitor}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  return headers;
}

export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  auth: Auth = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...authHeaders(auth),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: T | null;
    errors?: GraphQLResponse<T>['errors'];
  };
  return {
    status: response.status,
    headers: response.headers,
    data: body.data,
    errors: body.errors,
  };
}

/** The first error code of a response, for assertions. */
export function errorCode(response: GraphQLResponse<unknown>): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

export function wsClient(
  url: string,
  connectionParams: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Client {
  class HeaderWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createClient({
    url,
    webSocketImpl: HeaderWebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

export interface Collector<T> {
  /** Resolves once `count` results have arrived (or rejects on error/timeout). */
  take(count: number, timeoutMs?: number): Promise<T[]>;
  readonly received: T[];
  dispose(): void;
}

/** Subscribes and collects `next` payloads' data. */
export function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
  /** Keep only results this accepts (e.g. the event types a test is about). */
  accept: (value: T) => boolean = () => true,
): Collector<T> {
  const received: T[] = [];
  let failure: unknown = null;
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((w) => w());
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) failure = value.errors;
        else if (value.data && accept(value.data as T)) received.push(value.data as T);
        notify();
      },
      error: (error) => {
        failure = error;
        notify();
      },
      complete: notify,
    },
  );
  return {
    received,
    dispose,
    take(count, timeoutMs = 10_000) {
      return new Promise<T[]>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out with ${received.length}/${count} results`)),
          timeoutMs,
        );
        const check = () => {
          if (failure) {
            clearTimeout(timer);
            reject(failure instanceof Error ? failure : new Error(JSON.stringify(failure)));
          } else if (received.length >= count) {
            clearTimeout(timer);
            resolve(received.slice(0, count));
          } else {
            waiters.push(check);
          }
        };
        check();
      });
    },
  };
}

/** Opens a raw socket and resolves with the close code the server sends. */
export function closeCodeOf(
  url: string,
  connectionParams: Record<string, unknown> | null,
  headers: Record<string, string> = {},
) {
  return new Promise<number>((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', { headers });
    const timer = setTimeout(() => reject(new Error('socket was not closed')), 10_000);
    socket.on('open', () =>
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: connectionParams ?? undefined }),
      ),
    );
    socket.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    socket.on('error', () => undefined);
  });
}

/**
 * The current event-log position, for subscribing "from here" without racing
 * the subscription's start (tests never sleep to wait for a stream).
 */
export async function eventCursorNow(url: string, token: string): Promise<string> {
  const response = await gql<{ conversations: { eventCursor: string } }>(
    url,
    '{ conversations(first: 1) { eventCursor } }',
    {},
    { token },
  );
  if (!response.data) throw new Error(`no event cursor: ${JSON.stringify(response.errors)}`);
  return response.data.conversations.eventCursor;
}
