import { useCallback, useEffect, useState } from 'react';
import {
  WidgetStartSessionDocument,
  type WidgetStartSessionMutation,
  type WidgetStartSessionMutationVariables,
} from '@/generated/graphql';
import { widgetErrorMessage } from '../lib/error-message';
import { browserStorage, loadVisitorToken, saveVisitorToken } from '../lib/storage';
import type { WidgetConnection } from '../widget-client';

export type VisitorSession =
  | { status: 'starting' }
  | { status: 'ready'; visitorId: string; name: string; eventCursor: string }
  | { status: 'error'; message: string };

type Started = { visitorId: string; name: string; eventCursor: string };

// One start per channel and page, even when React runs an effect twice.
const starting = new Map<string, Promise<Started>>();

async function start(connection: WidgetConnection, channelKey: string): Promise<Started> {
  const storage = browserStorage();
  const result = await connection.client
    .mutation<WidgetStartSessionMutation, WidgetStartSessionMutationVariables>(
      WidgetStartSessionDocument,
      {
        input: {
          channelKey,
          visitorToken: loadVisitorToken(storage, channelKey),
          language: navigator.language || null,
        },
      },
    )
    .toPromise();
  const session = result.data?.startVisitorSession;
  if (!session) throw new Error(result.error ? widgetErrorMessage(result.error) : 'No session');
  // A stale or foreign token yields a new visitor and a new token: keep whichever came back.
  saveVisitorToken(storage, channelKey, session.token);
  connection.setToken(session.token);
  return {
    visitorId: session.visitor.id,
    name: session.visitor.name,
    eventCursor: session.eventCursor,
  };
}

/**
 * Starts (or resumes, from the token kept in localStorage for this channel)
 * the visitor's session, and authenticates the widget's client with it.
 */
export function useVisitorSession(
  connection: WidgetConnection,
  channelKey: string,
): { session: VisitorSession; retry: () => void } {
  const [session, setSession] = useState<VisitorSession>({ status: 'starting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let active = true;
    const key = `${channelKey}#${attempt}`;
    let promise = starting.get(key);
    if (!promise) {
      promise = start(connection, channelKey);
      starting.set(key, promise);
    }
    promise.then(
      (started) => active && setSession({ status: 'ready', ...started }),
      (error: unknown) => {
        starting.delete(key);
        if (active) {
          setSession({
            status: 'error',
            message: error instanceof Error ? error.message : 'Could not start the chat.',
          });
        }
      },
    );
    return () => {
      active = false;
    };
  }, [connection, channelKey, attempt]);

  const retry = useCallback(() => {
    setSession({ status: 'starting' });
    setAttempt((n) => n + 1);
  }, []);

  return { session, retry };
}
