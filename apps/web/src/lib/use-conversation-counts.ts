import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useClient } from 'urql';
import {
  ConversationCountsDocument,
  type ConversationCountsQuery,
  type ConversationCountsQueryVariables,
  type ConversationFilter,
} from '@/generated/graphql';
import { debounce } from './debounce';

export type ConversationCounts = ConversationCountsQuery['conversationCounts'];

/** Quiet time after the last relevant event before the counts are asked for again. */
const REFRESH_DEBOUNCE_MS = 300;
/** …but during a storm of events, at least this often. */
const REFRESH_MAX_WAIT_MS = 2_000;

/**
 * The tab counts for a filter. `refresh()` asks for them again, debounced,
 * after events that may change them; only the newest answer is kept, so a
 * slow older request never overwrites a newer one.
 */
export function useConversationCounts(
  filter: ConversationFilter | null,
  paused = false,
): { counts: ConversationCounts | null; refresh: () => void } {
  const client = useClient();
  const [counts, setCounts] = useState<ConversationCounts | null>(null);
  const latestRequest = useRef(0);
  const filterRef = useRef(filter);

  const load = useCallback(() => {
    const request = ++latestRequest.current;
    void client
      .query<ConversationCountsQuery, ConversationCountsQueryVariables>(
        ConversationCountsDocument,
        { filter: filterRef.current },
        { requestPolicy: 'network-only' },
      )
      .toPromise()
      .then((result) => {
        if (request === latestRequest.current && result.data) {
          setCounts(result.data.conversationCounts);
        }
      });
  }, [client]);

  const debounced = useMemo(() => debounce(load, REFRESH_DEBOUNCE_MS, REFRESH_MAX_WAIT_MS), [load]);

  const filterKey = JSON.stringify(filter);
  useEffect(() => {
    filterRef.current = filter;
    if (paused) return undefined;
    debounced.cancel();
    load();
    return () => debounced.cancel();
    // `filterKey` stands for `filter`, which is a new object on every render.
  }, [filterKey, paused, load, debounced]);

  const refresh = useCallback(() => {
    if (!paused) debounced.schedule();
  }, [debounced, paused]);

  return { counts: paused ? null : counts, refresh };
}
