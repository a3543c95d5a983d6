// Who is acting. Every domain operation takes an actor and checks it here,
// never in the transport or the UI.
import { forbidden, unauthenticated } from './errors.js';

export type Role = 'OWNER' | 'ADMIN' | 'AGENT';

export interface AgentActor {
  readonly kind: 'agent';
  readonly workspaceId: string;
  readonly agentId: string;
  readonly role: Role;
  readonly sessionId: string;
  /** Set when the member has a custom role: exactly these permissions. */
  readonly customPermissions?: readonly string[];
}

export interface ApiTokenActor {
  readonly kind: 'apiToken';
  readonly workspaceId: string;
  readonly tokenId: string;
  readonly scopes: readonly string[];
}

export interface VisitorActor {
  readonly kind: 'visitor';
  readonly workspaceId: string;
  readonly visitorId: string;
}

/** Agents and integrator tokens act on a workspace's inbox. */
export type WorkspaceActor = AgentActor | ApiTokenActor;
export type Actor = AgentActor | ApiTokenActor | VisitorActor;

export function requireWorkspaceActor(actor: Actor | null): WorkspaceActor {
  if (!actor) throw unauthenticated();
  if (actor.kind === 'visitor') throw forbidden('Visitors cannot use agent operations.');
  return actor;
}

export function requireAgent(actor: Actor | null): AgentActor {
  if (!actor) throw unauthenticated();
  if (actor.kind !== 'agent') throw forbidden('Only a signed-in agent can do this.');
  return actor;
}

export function requireVisitor(actor: Actor | null): VisitorActor {
  if (!actor) throw unauthenticated('A visitor token is required.');
  if (actor.kind !== 'visitor') throw forbidden('Only a visitor can do this.');
  return actor;
}

/** API tokens need the scope; agents' sessions carry every scope their role allows. */
export function requireScope(actor: WorkspaceActor, scope: 'read' | 'write' | 'events'): void {
  if (actor.kind === 'apiToken' && !actor.scopes.includes(scope)) {
    throw forbidden(`This API token lacks the "${scope}" scope.`);
  }
}
