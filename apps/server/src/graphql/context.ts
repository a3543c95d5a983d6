import type { Actor, Core, RequestInfo } from '@parley/core';
import type { Loaders } from './loaders.js';

/** What every resolver receives: the domain, the caller, and transport hooks. */
export interface GraphQLContext {
  core: Core;
  actor: Actor | null;
  /** Sets or clears the HttpOnly session cookie (HTTP only; a no-op over WebSocket). */
  session: {
    set(token: string, expiresAt: Date): void;
    clear(): void;
  };
  /** Device facts of the caller (for the visitor profile). */
  request: RequestInfo;
  loaders: Loaders;
}
