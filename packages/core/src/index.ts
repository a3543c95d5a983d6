export { createCore, type Core, type CoreOptions } from './core.js';
export type {
  Actor,
  AgentActor,
  ApiTokenActor,
  VisitorActor,
  WorkspaceActor,
  Role,
} from './shared/actor.js';
export { DomainError, domainErrorOf, type ErrorCode } from './shared/errors.js';
export { DEFAULT_MESSAGE_QUOTAS, type MessageQuotaLimits } from './shared/message-quotas.js';
export type { Credentials } from './auth/authenticate.js';
export type { SignInResult } from './auth/sign-in.js';
export { SESSION_TTL_MS } from './auth/sign-in.js';
export type { SessionRecord, SessionResult } from './auth/sessions.js';
export type { SetupStatus } from './auth/set-up-workspace.js';
export type { PasswordResetLink } from './auth/password-reset.js';
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
export type {
  ConversationCounts,
  ConversationPage,
  ConversationView,
} from './conversations/list-conversations.js';
export { RECALL_WINDOW_MS } from './conversations/recall-message.js';
export type { TypingSignal } from './events/typing-bus.js';
export type { TeamMemberRecord } from './team/list-agents.js';
export type { AgentStatus } from './team/agent-presence.js';
export type {
  PageViewRecord,
  RequestInfo,
  VisitorProfileRecord,
} from './visitors/visitor-profile.js';
export type { WorkspaceSettingsRecord } from './workspaces/workspace-settings.js';
export type { WebsiteChannelRecord } from './channels/website-channels.js';
export { PERMISSIONS, ROLE_PERMISSIONS, can, type Permission } from './shared/permissions.js';
export type { EventRecord, EventType } from './events/event-types.js';
export { EventLog, type WakeupTransport } from './events/event-log.js';
export type { VisitorSessionRecord } from './visitors/start-visitor-session.js';
export type { WorkspaceRecord } from './workspaces/get-workspace.js';
export { DEMO_AGENT_LOGIN, DEMO_CHANNEL_KEY, DEMO_LOGIN } from './seed/seed-demo-workspace.js';
export type { CreatedWorkspace } from './workspaces/create-workspace.js';
export {
  SESSION_EVENT_TYPES,
  toSessionEvent,
  type SessionEventRecord,
  type SessionEventType,
} from './reports/session-events.js';
export type {
  CreatedWebhook,
  WebhookDeliveryRecord,
  WebhookRecord,
} from './webhooks/manage-webhooks.js';
export { verifySignature, signPayload, SIGNATURE_HEADER } from './webhooks/signature.js';
export { EVENT_TYPES } from './events/event-types.js';
export type { Mailer, OutgoingMail } from './mail/mailer.js';
export type { CustomRoleRecord, TeamMemberView } from './team/team-members.js';
export type {
  InvitationPreviewRecord,
  InvitationRecord,
  InviteResult,
} from './team/invitations.js';
export type { AuditEntryRecord } from './audit/audit-log.js';
export type { AgentGroupRecord } from './team/agent-groups.js';
export type { AgentProfileRecord } from './profile/agent-profile.js';
export {
  DEFAULT_NOTIFICATION_PREFERENCES,
  PROFILE_LANGUAGES,
  type NotificationPreferences,
} from './profile/profile-options.js';
export {
  AVATAR_EXTENSIONS,
  AVATAR_MAX_BYTES,
  avatarPath,
  type AvatarImage,
} from './profile/agent-avatar.js';
export type { TagRecord } from './tags/manage-tags.js';
