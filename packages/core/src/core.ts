// The composition of the domain: one object the transport layer calls. Every
// method takes the acting principal and validates its own input.
import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '@parley/db';
import { createApiToken, listApiTokens, revokeApiToken } from './auth/api-tokens.js';
import { authenticate, type Credentials } from './auth/authenticate.js';
import { signIn } from './auth/sign-in.js';
import { signOut } from './auth/sign-out.js';
import { ACCOUNT_LIMITS } from './auth/account-limits.js';
import { changePassword } from './auth/change-password.js';
import {
  createPasswordResetLink,
  requestPasswordReset,
  resetPassword,
} from './auth/password-reset.js';
import { listSessions, revokeOtherSessions, revokeSession } from './auth/sessions.js';
import { getSetupStatus, setUpWorkspace, signUp } from './auth/set-up-workspace.js';
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
import {
  memoryRateLimiter,
  progressiveRateLimiter,
  SIGN_IN_LIMITS,
} from './shared/rate-limiter.js';
import {
  DEFAULT_MESSAGE_QUOTAS,
  memoryMessageQuotas,
  type MessageQuotaLimits,
} from './shared/message-quotas.js';
import { visitorChannels } from './visitors/visitor-channel.js';
import { NO_STORAGE_GUARD, storageGuard } from './shared/storage-guard.js';
import {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  replayWebhookDelivery,
} from './webhooks/manage-webhooks.js';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.js';
import { listAuditLog } from './audit/audit-log.js';
import {
  createAgentGroup,
  deleteAgentGroup,
  listAgentGroups,
  routeConversation,
  setGroupMembers,
} from './team/agent-groups.js';
import type { Mailer } from './mail/mailer.js';
import { permissionsOf } from './shared/permissions.js';
import {
  acceptInvitation,
  inviteMember,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from './team/invitations.js';
import {
  changeMemberRole,
  deactivateMember,
  deleteCustomRole,
  listCustomRoles,
  listTeamMembers,
  reactivateMember,
  saveCustomRole,
} from './team/team-members.js';
import { loadServerSecret } from './shared/server-secret.js';
import type { CoreDeps } from './shared/transaction.js';
import { requireWorkspaceActor, type Actor, type AgentActor } from './shared/actor.js';
import { assignConversation } from './conversations/assign-conversation.js';
import { handOffConversation, visitorRequestHuman } from './conversations/hand-off-conversation.js';
import { countConversations } from './conversations/list-conversations.js';
import { markConversationRead, visitorMarkRead } from './conversations/mark-read.js';
import { pinConversation } from './conversations/pin-conversation.js';
import { recallMessage, visitorRecallMessage } from './conversations/recall-message.js';
import { reopenConversation, resolveConversation } from './conversations/resolve-conversation.js';
import {
  sendTyping,
  sendViewing,
  subscribeAgentActivity,
  subscribeTyping,
  subscribeVisitorTyping,
  visitorSendTyping,
} from './conversations/send-typing.js';
import { takeConversation } from './conversations/take-conversation.js';
import { unreadCountFor } from './conversations/unread-count.js';
import type { EventType } from './events/event-types.js';
import { TypingBus } from './events/typing-bus.js';
import { PresenceTracker, setAgentStatus } from './team/agent-presence.js';
import { listSessionEvents, subscribeSessionEvents } from './reports/session-events.js';
import { addTeamMember } from './team/add-team-member.js';
import { listAgents, setReceptionLimit } from './team/list-agents.js';
import {
  listPageViews,
  loadVisitorProfiles,
  loadVisitorTags,
  setVisitorTag,
  trackPageView,
  updateVisitor,
} from './visitors/visitor-profile.js';
import { getWorkspaceSettings, updateWorkspaceSettings } from './workspaces/workspace-settings.js';
import {
  listWebsiteChannels,
  updateChannelAllowedOrigins,
  widgetFramePolicy,
} from './channels/website-channels.js';
import { startVisitorSession } from './visitors/start-visitor-session.js';
import { createWorkspace } from './workspaces/create-workspace.js';
import { getCurrentAgent, getWorkspace } from './workspaces/get-workspace.js';
import { renameWorkspace } from './workspaces/rename-workspace.js';
import { createTag, deleteTag, listTags, updateTag } from './tags/manage-tags.js';
import { getMyProfile, loadAgentProfiles, updateMyProfile } from './profile/agent-profile.js';
import { getAvatarImage, removeMyAvatar, setMyAvatar } from './profile/agent-avatar.js';

const EVENTS_CHANNEL = 'parley_events';
const CREDENTIAL_EVENTS: ReadonlySet<EventType> = new Set([
  'API_TOKEN_REVOKED',
  'SESSION_REVOKED',
  'MEMBER_UPDATED',
]);
const TYPING_CHANNEL = 'parley_typing';

export interface CoreOptions {
  onError?: (error: unknown) => void;
  /** Sends invitation emails (SMTP in the server); without it, links are only shown. */
  mailer?: Mailer | null;
  /** Where the workbench is reached, for links in invitations and password resets. */
  publicUrl?: string;
  /** Subscribers' backlog page reads running at once, process-wide (default 4). */
  maxBacklogReads?: number;
  /** Public sign-up: anyone may create a workspace (default off). */
  signUpEnabled?: boolean;
  /** Visitors' message budgets (defaults: DEFAULT_MESSAGE_QUOTAS). */
  quotas?: Partial<MessageQuotaLimits>;
  /** Refuse writes while free space on `path`'s disk is under `reserveBytes` (null: no guard). */
  storage?: { path: string; reserveBytes: number } | null;
  webhooks?: {
    /** Allow webhook URLs on private or loopback addresses (default: refused). */
    allowPrivate?: boolean;
    /** How often the dispatcher looks for due deliveries, in ms. */
    intervalMs?: number;
  };
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
  // A process's own NOTIFY comes back to it too: it is tagged and ignored, as
  // the commit already woke the local reader.
  const origin = randomUUID();
  const wakeup: WakeupTransport | null =
    handle.kind === 'postgres'
      ? {
          listen: (onWake) =>
            handle.listen(EVENTS_CHANNEL, (payload) => {
              if (payload !== origin) onWake();
            }),
          publish: () => handle.notify(EVENTS_CHANNEL, origin),
        }
      : null;
  const eventLog = new EventLog({
    db: handle.db,
    wakeup,
    onError: options.onError,
    maxConcurrentBacklogReads: options.maxBacklogReads,
  });
  await eventLog.start();
  const typing = new TypingBus(
    handle.kind === 'postgres'
      ? {
          listen: (onPayload) => handle.listen(TYPING_CHANNEL, onPayload),
          publish: (payload) => handle.notify(TYPING_CHANNEL, payload),
        }
      : null,
    options.onError,
  );
  await typing.start();
  const storage =
    options.storage && options.storage.reserveBytes > 0
      ? storageGuard({ ...options.storage, onError: options.onError })
      : null;
  await storage?.refresh();
  const deps: CoreDeps = {
    db: handle.db,
    eventLog,
    typing,
    visitorTokenKey: await loadServerSecret(handle.db, 'visitor_token_key'),
    limits: {
      signInPerAccountAddress: progressiveRateLimiter(
        'sign-in-account-address',
        SIGN_IN_LIMITS.perAccountAddress,
      ),
      signInPerAddress: memoryRateLimiter('sign-in-address', SIGN_IN_LIMITS.perAddress),
      signUpPerAddress: memoryRateLimiter('sign-up-address', ACCOUNT_LIMITS.signUpPerAddress),
      passwordResetPerAddress: memoryRateLimiter(
        'reset-address',
        ACCOUNT_LIMITS.passwordResetPerAddress,
      ),
      passwordResetPerEmail: memoryRateLimiter('reset-email', ACCOUNT_LIMITS.passwordResetPerEmail),
      changePasswordPerAgent: memoryRateLimiter(
        'change-password',
        ACCOUNT_LIMITS.changePasswordPerAgent,
      ),
    },
    accounts: {
      signUpEnabled: options.signUpEnabled ?? false,
      publicUrl: options.publicUrl ?? 'http://localhost:3000',
      onError: options.onError ?? (() => undefined),
    },
    quotas: memoryMessageQuotas({ ...DEFAULT_MESSAGE_QUOTAS, ...options.quotas }),
    visitorChannels: visitorChannels(handle.db),
    storage: storage ?? NO_STORAGE_GUARD,
    webhookPolicy: { allowPrivate: options.webhooks?.allowPrivate ?? false },
    webhooksWake: (force) => (force ? dispatcher.wake() : dispatcher.committed()),
    mailer: options.mailer ?? null,
  };
  const publicUrl = options.publicUrl ?? 'http://localhost:3000';
  const dispatcher = new WebhookDispatcher(deps, {
    intervalMs: options.webhooks?.intervalMs ?? 1_000,
    onError: options.onError,
  });
  dispatcher.start();
  const presence = new PresenceTracker(deps, options.onError);
  await presence.start();
  return {
    eventLog,
    authenticate: bind(deps, authenticate),
    signIn: bind(deps, signIn),
    signOut: bind(deps, signOut),
    setupStatus: () => getSetupStatus(deps),
    setUpWorkspace: bind(deps, setUpWorkspace),
    signUp: bind(deps, signUp),
    changePassword: bind(deps, changePassword),
    requestPasswordReset: bind(deps, requestPasswordReset),
    resetPassword: bind(deps, resetPassword),
    createPasswordResetLink: bind(deps, createPasswordResetLink),
    listSessions: bind(deps, listSessions),
    revokeSession: bind(deps, revokeSession),
    revokeOtherSessions: bind(deps, revokeOtherSessions),
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

    countConversations: bind(deps, countConversations),
    unreadCountFor: bind(deps, unreadCountFor),
    takeConversation: bind(deps, takeConversation),
    assignConversation: bind(deps, assignConversation),
    handOffConversation: bind(deps, handOffConversation),
    resolveConversation: bind(deps, resolveConversation),
    reopenConversation: bind(deps, reopenConversation),
    pinConversation: bind(deps, pinConversation),
    markConversationRead: bind(deps, markConversationRead),
    recallMessage: bind(deps, recallMessage),
    sendTyping: bind(deps, sendTyping),
    subscribeTyping: bind(deps, subscribeTyping),
    sendViewing: bind(deps, sendViewing),
    subscribeAgentActivity: bind(deps, subscribeAgentActivity),
    visitorRequestHuman: bind(deps, visitorRequestHuman),
    visitorRecallMessage: bind(deps, visitorRecallMessage),
    visitorMarkRead: bind(deps, visitorMarkRead),
    visitorSendTyping: bind(deps, visitorSendTyping),
    subscribeVisitorTyping: bind(deps, subscribeVisitorTyping),
    trackPageView: bind(deps, trackPageView),
    listVisitorMessages: (conversation: { id: string; workspaceId: string }, input: unknown) =>
      listMessages(deps, conversation, input, 'visitor'),

    listSessionEvents: bind(deps, listSessionEvents),
    subscribeSessionEvents: bind(deps, subscribeSessionEvents),
    addTeamMember: bind(deps, addTeamMember),
    setAgentStatus: bind(deps, setAgentStatus),
    setReceptionLimit: bind(deps, setReceptionLimit),
    listAgents: bind(deps, listAgents),
    getWorkspaceSettings: (workspaceId: string) => getWorkspaceSettings(deps, workspaceId),
    updateWorkspaceSettings: bind(deps, updateWorkspaceSettings),
    renameWorkspace: bind(deps, renameWorkspace),
    listWebsiteChannels: bind(deps, listWebsiteChannels),
    updateChannelAllowedOrigins: bind(deps, updateChannelAllowedOrigins),
    /** Public: read by the workbench server to build the widget's frame-ancestors. */
    widgetFramePolicy: (channelKey: unknown) => widgetFramePolicy(deps, channelKey),
    getMyProfile: bind(deps, getMyProfile),
    updateMyProfile: bind(deps, updateMyProfile),
    setMyAvatar: bind(deps, setMyAvatar),
    removeMyAvatar: bind(deps, removeMyAvatar),
    loadAgentProfiles: bind(deps, loadAgentProfiles),
    /** Public: avatars are served without credentials (see agent-avatar.ts). */
    getAvatarImage: (agentId: string) => getAvatarImage(deps, agentId),
    agentConnected: (actor: AgentActor) => presence.connected(actor),
    agentDisconnected: (connectionId: string) => presence.disconnected(connectionId),

    updateVisitor: bind(deps, updateVisitor),
    createTag: bind(deps, createTag),
    listTags: bind(deps, listTags),
    updateTag: bind(deps, updateTag),
    deleteTag: bind(deps, deleteTag),
    tagVisitor: (actor: Actor | null, input: unknown) => setVisitorTag(deps, actor, input, true),
    untagVisitor: (actor: Actor | null, input: unknown) => setVisitorTag(deps, actor, input, false),
    loadVisitorProfiles: bind(deps, loadVisitorProfiles),
    loadVisitorTags: bind(deps, loadVisitorTags),
    listPageViews: bind(deps, listPageViews),

    createWebhook: bind(deps, createWebhook),
    listWebhooks: bind(deps, listWebhooks),
    deleteWebhook: bind(deps, deleteWebhook),
    listWebhookDeliveries: bind(deps, listWebhookDeliveries),
    replayWebhookDelivery: bind(deps, replayWebhookDelivery),
    listAgentGroups: bind(deps, listAgentGroups),
    createAgentGroup: bind(deps, createAgentGroup),
    setGroupMembers: bind(deps, setGroupMembers),
    deleteAgentGroup: bind(deps, deleteAgentGroup),
    routeConversation: bind(deps, routeConversation),
    listTeamMembers: bind(deps, listTeamMembers),
    changeMemberRole: bind(deps, changeMemberRole),
    deactivateMember: bind(deps, deactivateMember),
    reactivateMember: bind(deps, reactivateMember),
    listCustomRoles: bind(deps, listCustomRoles),
    createCustomRole: (actor: Actor | null, input: unknown) => saveCustomRole(deps, actor, input),
    updateCustomRole: (actor: Actor | null, id: string, input: unknown) =>
      saveCustomRole(deps, actor, input, id),
    deleteCustomRole: bind(deps, deleteCustomRole),
    inviteMember: (actor: Actor | null, input: unknown) =>
      inviteMember(deps, actor, input, { publicUrl }),
    listInvitations: bind(deps, listInvitations),
    revokeInvitation: bind(deps, revokeInvitation),
    previewInvitation: bind(deps, previewInvitation),
    acceptInvitation: bind(deps, acceptInvitation),
    listAuditLog: bind(deps, listAuditLog),
    permissionsOf: (actor: Actor) => permissionsOf(actor),
    /** Sessions, tokens and members whose credentials changed, from now on (all workspaces). */
    subscribeCredentialChanges: () =>
      eventLog.subscribe({ workspaceId: undefined, types: CREDENTIAL_EVENTS }, null),
    /** Runs the webhook dispatcher once and waits (tests, shutdown). */
    drainWebhooks: () => dispatcher.drain(),

    async close() {
      await dispatcher.stop();
      await presence.stop().catch(options.onError ?? (() => undefined));
      await typing.stop();
      await eventLog.stop();
    },
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;
export type { Actor, Credentials };
