import { useMemo, useSyncExternalStore } from 'react';
import { inboxUrl, parseInboxUrl, type InboxLocation } from './inbox-url';

// The inbox keeps its state (open conversation, view, filters) in the URL.
// It moves with the browser's History API, which Next's app router follows
// (usePathname stays in sync) without remounting the page: the inbox keeps
// its loaded lists and live socket while the address changes.

type Listener = () => void;
const listeners = new Set<Listener>();

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function snapshot(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** The inbox location in the address bar; back and forward update it. */
export function useInboxLocation(): InboxLocation {
  const current = useSyncExternalStore(subscribe, snapshot, () => '/');
  return useMemo(() => {
    const at = current.indexOf('?');
    return at === -1
      ? parseInboxUrl(current, '')
      : parseInboxUrl(current.slice(0, at), current.slice(at));
  }, [current]);
}

/**
 * Moves the inbox to a location: `push` for what back should undo (opening
 * a conversation, changing view), `replace` for refinements (typing a search).
 */
export function navigateInbox(location: InboxLocation, mode: 'push' | 'replace'): void {
  const url = inboxUrl(location);
  if (url === snapshot()) return;
  if (mode === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
  for (const listener of listeners) listener();
}
