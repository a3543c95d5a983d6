import { useCallback, useEffect, useRef, useState } from 'react';
import { readHostMessage, type HostMessage, type WidgetToHostMessage } from '../lib/host-protocol';

type PageView = Extract<HostMessage, { type: 'parley:page' }>;

export type HostBridge = {
  /** Inside the loader's iframe (rather than opened on its own). */
  embedded: boolean;
  /** Whether the visitor has the chat open (always true on its own). */
  open: boolean;
  post: (message: WidgetToHostMessage) => void;
};

/**
 * Talks to the loader on the host page: trusts only messages from the parent
 * window on `hostOrigin` (passed by the loader as `?host=`), posts only to it.
 */
export function useHostBridge(
  hostOrigin: string | null,
  onPageView: (page: PageView) => void,
): HostBridge {
  const embedded = hostOrigin !== null && typeof window !== 'undefined' && window.parent !== window;
  const [open, setOpen] = useState(!embedded);
  const onPage = useRef(onPageView);

  useEffect(() => {
    onPage.current = onPageView;
  }, [onPageView]);

  const post = useCallback(
    (message: WidgetToHostMessage) => {
      if (embedded && hostOrigin) window.parent.postMessage(message, hostOrigin);
    },
    [embedded, hostOrigin],
  );

  useEffect(() => {
    if (!embedded || !hostOrigin) return undefined;
    const listener = (event: MessageEvent) => {
      const message = readHostMessage(event, { origin: hostOrigin, source: window.parent });
      if (message?.type === 'parley:visibility') setOpen(message.open);
      if (message?.type === 'parley:page') onPage.current(message);
    };
    window.addEventListener('message', listener);
    // Listening now: the loader answers with the page and the open state.
    post({ type: 'parley:ready' });
    return () => window.removeEventListener('message', listener);
  }, [embedded, hostOrigin, post]);

  return { embedded, open, post };
}
