import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import {
  AgentActivityDocument,
  SetViewingDocument,
  type AgentActivitySubscription,
  type AgentActivitySubscriptionVariables,
} from '@/generated/graphql';

/** How often "I am viewing" is repeated while the conversation stays open. */
const HEARTBEAT_MS = 20_000;
/** A viewer not heard from for this long has left (a lost "stopped"). */
const VIEWER_TTL_MS = 45_000;

/**
 * Tells colleagues this agent has `conversationId` open, and returns the names
 * of the other agents who have it open (ephemeral signals, never stored).
 */
export function useViewers(conversationId: string): string[] {
  const client = useClient();
  const [viewers, setViewers] = useState<Readonly<Record<string, { name: string; until: number }>>>(
    {},
  );

  useEffect(() => {
    setViewers({});
    const announce = (viewing: boolean) =>
      void client.mutation(SetViewingDocument, { conversationId, viewing }).toPromise();
    announce(true);
    const heartbeat = setInterval(() => announce(true), HEARTBEAT_MS);
    const subscription = client
      .subscription<AgentActivitySubscription, AgentActivitySubscriptionVariables>(
        AgentActivityDocument,
        { conversationId },
      )
      .subscribe((result) => {
        const event = result.data?.agentActivity;
        if (!event || event.kind !== 'VIEWING') return;
        setViewers((current) => {
          if (!event.active) {
            const { [event.agentId]: _gone, ...rest } = current;
            return rest;
          }
          return {
            ...current,
            [event.agentId]: { name: event.name, until: Date.now() + VIEWER_TTL_MS },
          };
        });
      });
    const sweep = setInterval(() => {
      const now = Date.now();
      setViewers((current) => {
        const alive = Object.entries(current).filter(([, viewer]) => viewer.until > now);
        return alive.length === Object.keys(current).length ? current : Object.fromEntries(alive);
      });
    }, 5_000);
    return () => {
      clearInterval(heartbeat);
      clearInterval(sweep);
      subscription.unsubscribe();
      announce(false);
    };
  }, [client, conversationId]);

  return Object.values(viewers).map((viewer) => viewer.name);
}
