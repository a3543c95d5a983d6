// The composition of the domain: one object the transport layer calls. Every
// method takes the acting principal and validates its own input.
import type { DatabaseHandle } from '@parley/db';
import { createApiToken, listApiTokens, revokeApiToken } from './auth/api-tokens.js';
import { authenticate, type Credentials } from './auth/authenticate.js';
import { signIn } from './auth/sign-in.js';
import { signOut } from './auth/sign-out.js';
import {
  getConversation,
  getVisitorConversation,
  listVisitorConversations,
} from './conversations/get-conversation.js';
import { listConversations } from './conversations/list-conversations.js';
import { listMessages } from './conversations/list-messages.js';
import { sendMessage } from './conversations/send-message.js';
import { visitorSendMessage } from './conversations/visitor-send-message.js';
import { EventLog, type WakeupTransport } from './events/event-log.js';
import {
  listWorkspaceEvents,
  subscribeVisitorEvents,
  subscribeWorkspaceEvents,
} from './events/workspace-events.js';
import { seedDemoWorkspace } from './seed/seed-demo-workspace.js';
import { loadServerSecret } from './shared/server-secret.js';
import type { CoreDeps } from './shared/transaction.js';
import { requireWorkspaceActor, type Actor } from './shared/actor.js';
import { startVisitorSession } from './visitors/start-visitor-session.js';
import { createWorkspace } from './workspaces/create-workspace.js';
import { getCurrentAgent, getWorkspace } from './workspaces/get-workspace.js';

const EVENTS_CHANNEL = 'parley_events';

export interface CoreOptions {
  onError?: (error: unknown) => void;
}

type Bound<F> = F extends (deps: CoreDeps, ...args: infer A) => infer R ? (...args: A) => R : never;

function bind<F extends (deps: CoreDeps, ...args: never[]) => unknown>(
  deps: CoreDeps,
  fn: F,
): Bound<F> {
  return ((...args: never[]) => fn(deps, ...args)) as Bound<F>;
}

export async function createCore(handle: DatabaseHandle, options: CoreOptions = {}) {
  // With PostgreSQL, other server processes may commit events: LISTEN for their
  // wake-ups. PGlite lives inside this one process, so local wake-ups suffice.
  const wakeup: WakeupTransport | null =
    handle.kind === 'postgres'
      ? {
          listen: (onWake) => handle.listen(EVENTS_CHANNEL, onWake),
          publish: () => handle.notify(EVENTS_CHANNEL, ''),
        }
      : null;
  const eventLog = new EventLog({ db: handle.db, wakeup, onError: options.onError });
  await eventLog.start();
  const deps: CoreDeps = {
    db: handle.db,
    eventLog,
    visitorTokenKey: await loadServerSecret(handle.db, 'visitor_token_key'),
  };
  return {
    eventLog,
    authenticate: bind(deps, authenticate),
    signIn: bind(deps, signIn),
    signOut: bind(deps, signOut),
    createApiToken: bind(deps, createApiToken),
    listApiTokens: bind(deps, listApiTokens),
    revokeApiToken: bind(deps, revokeApiToken),
    getViewer: (actor: Actor | null) => requireWorkspaceActor(actor),
    getWorkspace: bind(deps, getWorkspace),
    getCurrentAgent: bind(deps, getCurrentAgent),
    listConversations: bind(deps, listConversations),
    getConversation: bind(deps, getConversation),
    listMessages: (conversation: { id: string; workspaceId: string }, input: unknown) =>
      listMessages(deps, conversation, input),
    sendMessage: bind(deps, sendMessage),
    startVisitorSession: bind(deps, startVisitorSession),
    visitorSendMessage: bind(deps, visitorSendMessage),
    getVisitorConversation: bind(deps, getVisitorConversation),
    listVisitorConversations: bind(deps, listVisitorConversations),
    listWorkspaceEvents: bind(deps, listWorkspaceEvents),
    subscribeWorkspaceEvents: bind(deps, subscribeWorkspaceEvents),
    subscribeVisitorEvents: bind(deps, subscribeVisitorEvents),
    createWorkspace: bind(deps, createWorkspace),
    seedDemoWorkspace: () => seedDemoWorkspace(deps),
    async close() {
      await eventLog.stop();
    },
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;
export type { Actor, Credentials };
