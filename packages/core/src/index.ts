export { createCore, type Core, type CoreOptions } from './core.js';
export type {
  Actor,
  AgentActor,
  ApiTokenActor,
  VisitorActor,
  WorkspaceActor,
  Role,
} from './shared/actor.js';
export { DomainError, type ErrorCode } from './shared/errors.js';
export type { Credentials } from './auth/authenticate.js';
export type { SignInResult } from './auth/sign-in.js';
export { SESSION_TTL_MS } from './auth/sign-in.js';
export type { ApiTokenRecord, CreatedApiToken } from './auth/api-tokens.js';
export type {
  AgentRecord,
  Channel,
  ConversationRecord,
  ConversationStatus,
  MessageRecord,
  SenderType,
  VisitorSummary,
} from './conversations/records.js';
export type { ConversationPage } from './conversations/list-conversations.js';
export type { EventRecord, EventType } from './events/event-types.js';
export { EventLog, type WakeupTransport } from './events/event-log.js';
export type { VisitorSessionRecord } from './visitors/start-visitor-session.js';
export type { WorkspaceRecord } from './workspaces/get-workspace.js';
export { DEMO_CHANNEL_KEY, DEMO_LOGIN } from './seed/seed-demo-workspace.js';
export type { CreatedWorkspace } from './workspaces/create-workspace.js';
