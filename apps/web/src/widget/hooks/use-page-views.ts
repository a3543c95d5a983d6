import { useCallback, useEffect, useRef } from 'react';
import type { Client } from 'urql';
import {
  WidgetTrackPageViewDocument,
  type PageViewInput,
  type WidgetTrackPageViewMutation,
  type WidgetTrackPageViewMutationVariables,
} from '@/generated/graphql';

/**
 * Records the host page's views for the visitor's profile
 * (`visitorTrackPageView`; the server parses UTM parameters from the URL).
 * Views that arrive before the session is ready wait for it; a repeat of the
 * last URL (e.g. `replaceState` with the same address) is not recorded twice.
 */
export function usePageViews(
  client: Client,
  ready: boolean,
): (page: { url: string; title: string | null; referrer: string | null }) => void {
  const queue = useRef<PageViewInput[]>([]);
  const lastUrl = useRef<string | null>(null);

  const flush = useCallback(() => {
    const views = queue.current.splice(0);
    for (const input of views) {
      void client
        .mutation<WidgetTrackPageViewMutation, WidgetTrackPageViewMutationVariables>(
          WidgetTrackPageViewDocument,
          { input },
        )
        .toPromise()
        .then((result) => {
          // Analytics only: never bother the visitor with a failed page view.
          if (result.error) console.warn('[parley] page view not recorded', result.error.message);
        });
    }
  }, [client]);

  useEffect(() => {
    if (ready) flush();
  }, [ready, flush]);

  return useCallback(
    ({ url, title, referrer }) => {
      if (url === lastUrl.current) return;
      lastUrl.current = url;
      queue.current.push({ url, title, referrer });
      if (ready) flush();
    },
    [ready, flush],
  );
}
