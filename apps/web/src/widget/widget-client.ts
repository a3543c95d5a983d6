import { createClient as createWsClient } from 'graphql-ws';
import { Client, fetchExchange } from 'urql';
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
        // A replaced socket finishing its close handshake late says nothing about the live one.
        const target = typeof event === 'object' && event !== null && 'target' in event;
        if (target && event.target !== currentSocket) return;
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
    exchanges: [fetchExchange, resumingSubscriptionExchange(socket)],
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
