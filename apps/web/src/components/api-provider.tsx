'use client';

import { usePathname } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { Client, Provider } from 'urql';
import { getBrowserClient, keepLiveSocket } from '@/lib/urql-client';
import { isWorkbenchPath } from '@/lib/workbench-paths';

// Server rendering never runs operations (the workbench mounts its data
// components in the browser only), so the server gets an inert client.
let serverClient: Client | undefined;
function getServerClient(): Client {
  serverClient ??= new Client({ url: '/graphql', exchanges: [] });
  return serverClient;
}

/**
 * Opens the live socket on any workbench page. It lives in the root layout,
 * which stays mounted across client navigation (inbox ⇄ settings), and the
 * socket is module-level, so moving between pages never drops it: the agent
 * stays present (and auto-assignable) while Settings is open.
 */
function LiveSocketKeeper() {
  const pathname = usePathname();
  const workbench = isWorkbenchPath(pathname);
  useEffect(() => {
    if (workbench) keepLiveSocket();
  }, [workbench]);
  return null;
}

export function ApiProvider({ children }: { children: ReactNode }) {
  const client = typeof window === 'undefined' ? getServerClient() : getBrowserClient();
  return (
    <Provider value={client}>
      <LiveSocketKeeper />
      {children}
    </Provider>
  );
}
