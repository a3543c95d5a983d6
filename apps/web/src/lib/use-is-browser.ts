import { useSyncExternalStore } from 'react';

const subscribeNever = () => () => {};

/** False during server rendering and hydration, true once mounted in the browser. */
export function useIsBrowser(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}
