'use client';

import type { ReactNode } from 'react';
import { Client, Provider } from 'urql';
import { getBrowserClient } from '@/lib/urql-client';

// Server rendering never runs operations (the workbench mounts its data
// components in the browser only), so the server gets an inert client.
let serverClient: Client | undefined;
function getServerClient(): Client {
  serverClient ??= new Client({ url: '/graphql', exchanges: [] });
  return serverClient;
}

export function ApiProvider({ children }: { children: ReactNode }) {
  const client = typeof window === 'undefined' ? getServerClient() : getBrowserClient();
  return <Provider value={client}>{children}</Provider>;
}
