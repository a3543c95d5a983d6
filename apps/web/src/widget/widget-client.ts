import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Client, fetchExchange, subscriptionExchange, type Exchange } from 'urql';
import { resumingSubscriptionExchange } from '@/lib/resuming-subscription-exchange';
import { resolveWebSocketUrl } from '@/lib/websocket-url';

export type WidgetLiveStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'failed';

/** graphql-ws close code for a rejected `connection_init` (bad visitor token). */
const CLOSE_FORBIDDEN = 4403;
const MAX_RETRY_DELAY_MS = 10_000;

function closeCode(event: unknown): unknown {
  return typeof event === 'object' && event !== null && 'code' in event ? event.code : undefined;
}

function isForbiddenClose(event: unknown): boolean {
  return closeCode(event) === CLOSE_FORBIDDEN;
}

/**
 * The widget's own GraphQL client — separate from the workbench's cookie
 * client: every HTTP request carries `Authorization: Visitor <token>` and no
 * cookies; the socket authenticates with `{ visitorToken }` in connection_init.
 */
export type WidgetConnection = {
  client: Client;
  setToken: (token: string) => void;
  getStatus: () => WidgetLiveStatus;
  /** Called on every status change; returns an unsubscribe function. */
  onStatus: (listener: () => void) => () => void;
  /** Called each time the socket (re)connects, to refresh what it may have missed. */
  onConnected: (listener: () => void) => () => void;
};

export function createWidgetConnection(): WidgetConnection {
  let token: string | null = null;
  let status: WidgetLiveStatus = 'idle';
  let currentSocket: unknown = null;
  const statusListeners = new Set<() => void>();
  const connectedListeners = new Set<() => void>();
  const setStatus = (next: WidgetLiveStatus) => {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) listener();
  };

  // A replaced socket finishing its close handshake late says nothing about the live one.
  const isStale = (event: unknown) =>
    typeof event === 'object' &&
    event !== null &&
    'target' in event &&
    event.target !== currentSocket;

  const socket = createWsClient({
    url: resolveWebSocketUrl(window.location, process.env.NEXT_PUBLIC_PARLEY_WS_URL),
    lazy: true,
    connectionParams: () => ({ visitorToken: token }),
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (event) => !isForbiddenClose(event),
    retryWait: async (retries) => {
      const delay = Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** retries) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, delay));
    },
    on: {
      connecting: (isRetry) => setStatus(isRetry ? 'reconnecting' : 'connecting'),
      opened: (opened) => {
        currentSocket = opened;
      },
      connected: () => {
        setStatus('live');
        for (const listener of connectedListeners) listener();
      },
      closed: (event) => {
        if (isStale(event)) return;
        if (isForbiddenClose(event)) setStatus('failed');
        else setStatus(closeCode(event) === 1000 ? 'idle' : 'reconnecting');
      },
    },
  });

  const client = new Client({
    url: '/graphql',
    preferGetMethod: false,
    // Never the agent's session cookie, should the same browser hold one.
    fetchOptions: (): RequestInit => {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Visitor ${token}`;
      return { credentials: 'omit', headers };
    },
    exchanges: [
      liveMutationExchange(socket, () => status === 'live', isStale),
      fetchExchange,
      resumingSubscriptionExchange(() => socket),
    ],
  });

  return {
    client,
    setToken: (next) => {
      token = next;
    },
    getStatus: () => status,
    onStatus: (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onConnected: (listener) => {
      connectedListeners.add(listener);
      return () => connectedListeners.delete(listener);
    },
  };
}

/**
 * While the socket is live, mutations (sending a message, marking read) go
 * over it instead of a new HTTP request: the widget holds the socket anyway,
 * and the server spends far less per operation on it. graphql-ws would
 * re-send an operation after a reconnect, which for a mutation could write
 * twice, so a mutation whose socket closes before the answer is dropped and
 * reported as failed, as a cut HTTP request would be; what it did, if
 * anything, comes back with the refresh that follows the reconnect.
 */
function liveMutationExchange(
  socket: WsClient,
  live: () => boolean,
  isStale: (closeEvent: unknown) => boolean,
): Exchange {
  return subscriptionExchange({
    isSubscriptionOperation: (operation) => operation.kind === 'mutation' && live(),
    forwardSubscription(request) {
      const payload = { query: request.query ?? '', variables: request.variables ?? {} };
      return {
        subscribe(observer) {
          let settled = false;
          let unlisten: () => void = () => undefined;
          const dispose = socket.subscribe<Record<string, unknown>, Record<string, unknown>>(
            payload,
            {
              next: (result) => observer.next(result),
              error: (error) => {
                settled = true;
                unlisten();
                observer.error(error);
              },
              complete: () => {
                settled = true;
                unlisten();
                observer.complete();
              },
            },
          );
          unlisten = socket.on('closed', (event) => {
            if (settled || isStale(event)) return;
            settled = true;
            unlisten();
            dispose();
            observer.error(new Error('The connection closed before the server answered.'));
          });
          return {
            unsubscribe: () => {
              unlisten();
              dispose();
            },
          };
        },
      };
    },
  });
}
