import { useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import {
  WorkspaceEventsDocument,
  type WorkspaceEventsSubscription,
  type WorkspaceEventsSubscriptionVariables,
} from '@/generated/graphql';
import { getLiveConnectionStatus, subscribeLiveConnectionStatus } from './live-connection';
import type { WorkspaceEvent } from './workbench-state';

const RESUBSCRIBE_DELAY_MS = 3_000;

type Handlers = {
  onEvent: (event: WorkspaceEvent) => void;
  /**
   * The socket came back before any event gave us a cursor, so the stream
   * restarted "from now": whatever happened while it was down must be fetched.
   */
  onResyncNeeded: () => void;
};

/**
 * Subscribes once to the workspace event log and hands every event to
 * `onEvent`, in order. The socket layer already resumes from the last cursor
 * after a reconnect; if the subscription itself fails, it is started again
 * after the last cursor seen here, so no event is skipped or repeated.
 */
export function useWorkspaceEvents(handlers: Handlers): void {
  const client = useClient();
  const cursor = useRef<string | null>(null);
  const latest = useRef(handlers);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    latest.current = handlers;
  }, [handlers]);

  useEffect(() => {
    let previous = getLiveConnectionStatus();
    return subscribeLiveConnectionStatus(() => {
      const status = getLiveConnectionStatus();
      if (status === 'live' && previous === 'reconnecting' && cursor.current === null) {
        latest.current.onResyncNeeded();
      }
      previous = status;
    });
  }, []);

  useEffect(() => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    const subscription = client
      .subscription<WorkspaceEventsSubscription, WorkspaceEventsSubscriptionVariables>(
        WorkspaceEventsDocument,
        { after: cursor.current },
      )
      .subscribe((result) => {
        const event = result.data?.workspaceEvents;
        if (event) {
          cursor.current = event.cursor;
          latest.current.onEvent(event);
        }
        if (result.error && retry === undefined) {
          retry = setTimeout(() => setAttempt((n) => n + 1), RESUBSCRIBE_DELAY_MS);
        }
      });
    return () => {
      clearTimeout(retry);
      subscription.unsubscribe();
    };
  }, [client, attempt]);
}
