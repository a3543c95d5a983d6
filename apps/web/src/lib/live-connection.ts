/** The state of the workbench's GraphQL socket, for the header's live indicator. */
export type LiveConnectionStatus = 'idle' | 'connecting' | 'live' | 'reconnecting';

type Listener = () => void;

let status: LiveConnectionStatus = 'idle';
const listeners = new Set<Listener>();

export function setLiveConnectionStatus(next: LiveConnectionStatus): void {
  if (next === status) return;
  status = next;
  for (const listener of listeners) listener();
}

export function getLiveConnectionStatus(): LiveConnectionStatus {
  return status;
}

export function subscribeLiveConnectionStatus(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
