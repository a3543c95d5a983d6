import { useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import {
  WorkspaceEventsDocument,
  type WorkspaceEventsSubscription,
  type WorkspaceEventsSubscriptionVariables,
} from '@/generated/graphql';
import type { WorkspaceEvent } from './workbench-state';

const RESUBSCRIBE_DELAY_MS = 3_000;

type Handlers = {
  onEvent: (event: WorkspaceEvent) => void;
};

/**
 * Subscribes once to the workspace event log and hands every event to
 * `onEvent`, in order. The socket layer already resumes from the last cursor
 * after a reconnect; if the subscription itself fails, it is started again
 * after the last cursor seen here, so no event is skipped or repeated.
 */
export function useWorkspaceEvents(handlers: Handlers, startAfter: string | undefined): void {
  const client = useClient();
  const cursor = useRef<string | null>(null);
  // Go live only once the list has loaded, from the event cursor it came
  // with, so no change falls between the snapshot and the stream.
  const ready = startAfter !== undefined;
  const latest = useRef(handlers);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    latest.current = handlers;
  }, [handlers]);

  useEffect(() => {
    if (!ready) return undefined;
    cursor.current ??= startAfter ?? null;
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
  }, [client, attempt, ready]);
}
