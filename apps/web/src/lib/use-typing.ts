import { useCallback, useEffect, useState } from 'react';
import { useClient } from 'urql';
import {
  TypingDocument,
  type SenderType,
  type TypingSubscription,
  type TypingSubscriptionVariables,
} from '@/generated/graphql';

/** A typist that sent no update for this long has stopped (a lost "false"). */
const TYPING_TTL_MS = 6_000;
const RESUBSCRIBE_DELAY_MS = 3_000;

export type Typist = { sender: SenderType; name: string | null; agentId: string | null };

type Entry = Typist & { conversationId: string; expiresAt: number };

const keyOf = (conversationId: string, sender: SenderType, agentId: string | null) =>
  `${conversationId}|${sender}|${agentId ?? ''}`;

/**
 * Who is typing where (visitors and colleagues, never the agent themself),
 * from the ephemeral `typing` subscription. Entries expire on their own if
 * the "stopped" update never arrives.
 */
export function useTyping(meId: string | null): {
  typistsIn: (conversationId: string) => Typist[];
  clearVisitor: (conversationId: string) => void;
} {
  const client = useClient();
  const [entries, setEntries] = useState<Readonly<Record<string, Entry>>>({});
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    const subscription = client
      .subscription<TypingSubscription, TypingSubscriptionVariables>(TypingDocument, {})
      .subscribe((result) => {
        const event = result.data?.typing;
        if (event && !(event.sender === 'AGENT' && event.agentId === meId)) {
          const key = keyOf(event.conversationId, event.sender, event.agentId ?? null);
          setEntries((current) => {
            if (!event.typing) {
              if (!current[key]) return current;
              const { [key]: _gone, ...rest } = current;
              return rest;
            }
            return {
              ...current,
              [key]: {
                conversationId: event.conversationId,
                sender: event.sender,
                name: event.name ?? null,
                agentId: event.agentId ?? null,
                expiresAt: Date.now() + TYPING_TTL_MS,
              },
            };
          });
        }
        if (result.error && retry === undefined) {
          retry = setTimeout(() => setAttempt((n) => n + 1), RESUBSCRIBE_DELAY_MS);
        }
      });
    return () => {
      clearTimeout(retry);
      subscription.unsubscribe();
    };
  }, [client, meId, attempt]);

  // Drop entries whose typist went quiet.
  const hasEntries = Object.keys(entries).length > 0;
  useEffect(() => {
    if (!hasEntries) return undefined;
    const timer = setInterval(() => {
      const now = Date.now();
      setEntries((current) => {
        const alive = Object.entries(current).filter(([, entry]) => entry.expiresAt > now);
        return alive.length === Object.keys(current).length ? current : Object.fromEntries(alive);
      });
    }, 1_000);
    return () => clearInterval(timer);
  }, [hasEntries]);

  const typistsIn = useCallback(
    (conversationId: string) =>
      Object.values(entries)
        .filter((entry) => entry.conversationId === conversationId)
        .map(({ sender, name, agentId }) => ({ sender, name, agentId })),
    [entries],
  );

  // A visitor's message ends their typing at once.
  const clearVisitor = useCallback((conversationId: string) => {
    setEntries((current) => {
      const key = keyOf(conversationId, 'VISITOR', null);
      if (!current[key]) return current;
      const { [key]: _gone, ...rest } = current;
      return rest;
    });
  }, []);

  return { typistsIn, clearVisitor };
}
