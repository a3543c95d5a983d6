import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Client, fetchExchange, mapExchange } from 'urql';
import { hasErrorCode } from './graphql-error-code';
import { setLiveConnectionStatus } from './live-connection';
import { resumingSubscriptionExchange } from './resuming-subscription-exchange';
import { redirectToSignIn } from './sign-in-redirect';
import { resolveWebSocketUrl } from './websocket-url';

/** graphql-ws close code for a rejected `connection_init`: the session is gone. */
const CLOSE_FORBIDDEN = 4403;
const MAX_RETRY_DELAY_MS = 10_000;

function isForbiddenClose(event: unknown): boolean {
  return (
    typeof event === 'object' && event !== null && 'code' in event && event.code === CLOSE_FORBIDDEN
  );
}

function createSocket() {
  return createWsClient({
    // Not lazy: an agent's presence is their open socket (the server marks
    // them Offline when their last one closes and auto-assignment skips
    // them), so the socket must not close just because the page on screen
    // (Settings) holds no subscription. It is only created on a workbench
    // page (see `keepLiveSocket`) or by a first subscription, never on the
    // sign-in page, where a 4403 would send the browser back to sign-in.
    lazy: false,
    url: resolveWebSocketUrl(window.location, process.env.NEXT_PUBLIC_PARLEY_WS_URL),
    // No credentials here: the browser sends the HttpOnly session cookie with
    // the upgrade request and the server authenticates it in connection_init.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (event) => !isForbiddenClose(event),
    retryWait: async (retries) => {
      const delay = Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** retries) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, delay));
    },
    on: {
      connecting: (isRetry) => setLiveConnectionStatus(isRetry ? 'reconnecting' : 'connecting'),
      connected: () => setLiveConnectionStatus('live'),
      closed: (event) => {
        if (isForbiddenClose(event)) {
          redirectToSignIn();
          return;
        }
        setLiveConnectionStatus('reconnecting');
      },
    },
  });
}

/**
 * The browser's urql client: HTTP through the workbench's own origin
 * (`/graphql`, proxied to the API) and subscriptions over graphql-ws.
 *
 * No cache exchange: the workbench merges queries and live events in its own
 * state, and document-cache invalidation would refetch on every reply.
 */
let socket: WsClient | undefined;

/** The page's one socket, opened on first use and kept until the page unloads. */
function liveSocket(): WsClient {
  socket ??= createSocket();
  return socket;
}

/**
 * Opens the signed-in app's socket (if not already open) and keeps it for the
 * page's lifetime, whichever workbench page is on screen.
 */
export function keepLiveSocket(): void {
  if (typeof window === 'undefined') return;
  liveSocket();
}

function createBrowserClient(): Client {
  return new Client({
    url: '/graphql',
    // POST with a JSON body: a cross-site form cannot send one, and the
    // SameSite=Lax session cookie is not sent on cross-site POSTs anyway.
    preferGetMethod: false,
    fetchOptions: { credentials: 'include' },
    exchanges: [
      mapExchange({
        onError(error) {
          if (hasErrorCode(error, 'UNAUTHENTICATED')) redirectToSignIn();
        },
      }),
      fetchExchange,
      resumingSubscriptionExchange(liveSocket),
    ],
  });
}

let browserClient: Client | undefined;

/** One client per page load; signing in or out navigates fully and starts over. */
export function getBrowserClient(): Client {
  browserClient ??= createBrowserClient();
  return browserClient;
}
