// Drizzle table definitions: the one source for migrations (drizzle-kit) and queries.
// Every row belongs to a workspace; every read in packages/core is scoped by it.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Raw bytes (PostgreSQL `bytea`), read and written as a Node Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const createdAt = () =>
  timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();

export const roleEnum = pgEnum('role', ['OWNER', 'ADMIN', 'AGENT']);
export const channelEnum = pgEnum('channel', [
  'WEBSITE',
  'MESSENGER',
  'TELEGRAM',
  'WHATSAPP',
  'EMAIL',
]);
export const conversationStatusEnum = pgEnum('conversation_status', [
  'ROBOT',
  'UNASSIGNED',
  'ASSIGNED',
  'RESOLVED',
]);
export const senderTypeEnum = pgEnum('sender_type', ['AGENT', 'VISITOR', 'SYSTEM']);
export const agentStatusEnum = pgEnum('agent_status', ['ONLINE', 'AWAY', 'OFFLINE']);
export const deliveryStatusEnum = pgEnum('webhook_delivery_status', [
  'PENDING',
  'SUCCEEDED',
  'FAILED',
]);

/** Secrets shared by every server process on one database (e.g. the visitor-token key). */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** New conversations start with the robot (ROBOT) instead of the queue (UNASSIGNED). */
  prioritizeBotReception: boolean('prioritize_bot_reception').notNull().default(false),
  defaultReceptionLimit: integer('default_reception_limit').notNull().default(10),
  createdAt: createdAt(),
});

export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** BCP-47 tag of the agent's preferred language (one of a fixed list, see core/profile). */
    language: text('language').notNull().default('en'),
    /** Validated by core/profile/notification-preferences.ts; missing keys take their defaults. */
    notificationPreferences: jsonb('notification_preferences')
      .$type<Record<string, boolean>>()
      .notNull()
      .default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('agents_email_lower_idx').on(sql`lower(${t.email})`)],
);

/**
 * An agent's avatar: a small image re-encoded by the server (never the bytes
 * uploaded), kept in the database until Parley has file storage. Served at
 * `/avatars/<agentId>.<ext>?v=<hash>`.
 */
export const agentAvatars = pgTable('agent_avatars', {
  agentId: uuid('agent_id')
    .primaryKey()
    .references(() => agents.id, { onDelete: 'cascade' }),
  image: bytea('image').notNull(),
  contentType: text('content_type').notNull(),
  /** SHA-256 (hex, first 16 characters) of `image`: the URL's version. */
  hash: text('hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    /** Presence in this workspace, set by the agent; OFFLINE when their last connection closes. */
    status: agentStatusEnum('status').notNull().default('OFFLINE'),
    /** What the agent last chose; restored when they connect again after going offline. */
    chosenStatus: agentStatusEnum('chosen_status').notNull().default('ONLINE'),
    /** Most open conversations auto-assignment gives this agent. */
    receptionLimit: integer('reception_limit').notNull().default(10),
    /** Permissions from a custom role (with role AGENT), instead of the built-in set. */
    customRoleId: uuid('custom_role_id').references(() => customRoles.id, { onDelete: 'set null' }),
    /** Deactivated members cannot sign in; their sessions end. */
    active: boolean('active').notNull().default(true),
    /** When auto-assignment last gave this agent a conversation: round-robin among equals. */
    lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('memberships_workspace_agent_idx').on(t.workspaceId, t.agentId),
    index('memberships_agent_idx').on(t.agentId),
  ],
);

/** Agent sign-in sessions. Only the SHA-256 of the token is stored. */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Updated at most once a minute by authentication (not on every request). */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    /** What signed in, for the agent's list of sessions. */
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [
    uniqueIndex('auth_sessions_token_hash_idx').on(t.tokenHash),
    index('auth_sessions_agent_idx').on(t.agentId),
  ],
);

/**
 * Password reset links: single use, short-lived, stored as SHA-256. Global
 * like the agent they belong to (an account is not one workspace's).
 */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('password_reset_tokens_token_hash_idx').on(t.tokenHash),
    index('password_reset_tokens_agent_idx').on(t.agentId),
  ],
);

/** Integrator API tokens: created by an admin, shown once, stored hashed, revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    createdByAgentId: uuid('created_by_agent_id').references(() => agents.id, {
      onDelete: 'set null',
    }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`ARRAY['read','write','events']::text[]`),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_tokens_token_hash_idx').on(t.tokenHash),
    index('api_tokens_workspace_idx').on(t.workspaceId),
  ],
);

/** A place visitors reach the workspace from; website channels carry a public widget key. */
export const channels = pgTable(
  'channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: channelEnum('kind').notNull(),
    name: text('name').notNull(),
    publicKey: text('public_key').notNull(),
    /** Origins (scheme://host[:port]) whose pages may frame this channel's widget, besides the workbench. */
    allowedOrigins: text('allowed_origins').array().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('channels_public_key_idx').on(t.publicKey),
    index('channels_workspace_idx').on(t.workspaceId),
  ],
);

export const visitors = pgTable(
  'visitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    language: text('language'),
    userAgent: text('user_agent'),
    ip: text('ip'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [index('visitors_workspace_idx').on(t.workspaceId)],
);

/** Pages a visitor viewed, recorded by the widget for the profile panel. */
export const pageViews = pgTable(
  'page_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    title: text('title'),
    referrer: text('referrer'),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmTerm: text('utm_term'),
    utmContent: text('utm_content'),
    viewedAt: timestamp('viewed_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('page_views_visitor_idx').on(t.visitorId, t.viewedAt.desc().nullsFirst())],
);

export const tags = pgTable(
  'tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    color: text('color').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tags_workspace_name_idx').on(t.workspaceId, sql`lower(${t.name})`)],
);

export const visitorTags = pgTable(
  'visitor_tags',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.visitorId, t.tagId] }),
    index('visitor_tags_tag_idx').on(t.tagId, t.visitorId),
  ],
);

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    channel: channelEnum('channel').notNull(),
    status: conversationStatusEnum('status').notNull(),
    assigneeId: uuid('assignee_id').references(() => agents.id, { onDelete: 'set null' }),
    /** Routed to an agent group: only its members get it from auto-assignment. */
    groupId: uuid('group_id').references(() => agentGroups.id, { onDelete: 'set null' }),
    pinned: boolean('pinned').notNull().default(false),
    lastMessageSeq: integer('last_message_seq').notNull().default(0),
    lastMessagePreview: text('last_message_preview'),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true, precision: 3 })
      .notNull()
      .defaultNow(),
    /** Highest seq the visitor has read (receipts on agent messages). */
    visitorLastReadSeq: integer('visitor_last_read_seq').notNull().default(0),
    /** Highest seq any agent has read (receipts the visitor sees). */
    agentLastReadSeq: integer('agent_last_read_seq').notNull().default(0),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, precision: 3 }),
    /** When an agent first answered: response-time reports. */
    firstAgentReplyAt: timestamp('first_agent_reply_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    // Every view orders by (pinned desc, last activity desc, id desc); each
    // view's filter is a prefix of one of these. NULLS FIRST is what a plain
    // `order by … desc` means: an index built NULLS LAST (drizzle's default
    // for .desc()) cannot supply that order, so every view sorted all its rows.
    index('conversations_list_idx').on(
      t.workspaceId,
      t.pinned.desc().nullsFirst(),
      t.lastActivityAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('conversations_status_list_idx').on(
      t.workspaceId,
      t.status,
      t.pinned.desc().nullsFirst(),
      t.lastActivityAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('conversations_assignee_list_idx').on(
      t.workspaceId,
      t.assigneeId,
      t.status,
      t.pinned.desc().nullsFirst(),
      t.lastActivityAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('conversations_visitor_idx').on(t.visitorId),
  ],
);

/** How far each agent has read each conversation. */
export const conversationReads = pgTable(
  'conversation_reads',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    lastReadSeq: integer('last_read_seq').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.agentId] }),
    index('conversation_reads_agent_idx').on(t.agentId, t.conversationId),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // No foreign key to workspaces, here and on events: the conversation's key
    // already ties the row to its workspace, and a key check on every append
    // locked the one workspace row that every concurrent sender shares.
    workspaceId: uuid('workspace_id').notNull(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… within the conversation, allocated under the conversation's row lock. */
    seq: integer('seq').notNull(),
    senderType: senderTypeEnum('sender_type').notNull(),
    senderAgentId: uuid('sender_agent_id').references(() => agents.id, { onDelete: 'set null' }),
    // Not a foreign key: a visitor writes only into their own conversation, so
    // the conversation's key to the visitor already covers it, and the check
    // locked the visitor's row (a write to it) on every message.
    senderVisitorId: uuid('sender_visitor_id'),
    body: text('body').notNull(),
    /** Agents-only (assignment notes, activity); never served to the visitor. */
    internal: boolean('internal').notNull().default(false),
    /** Set when the sender recalled it; the body stays stored for audit but is not served. */
    recalledAt: timestamp('recalled_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('messages_conversation_seq_idx').on(t.conversationId, t.seq)],
);

/** Server processes alive on this database (presence survives a crashed process). */
export const serverInstances = pgTable('server_instances', {
  id: uuid('id').primaryKey(),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, precision: 3 })
    .notNull()
    .defaultNow(),
});

/** Open agent connections; an agent with none left goes OFFLINE. */
export const agentConnections = pgTable(
  'agent_connections',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => serverInstances.id, { onDelete: 'cascade' }),
    connectedAt: createdAt(),
  },
  (t) => [
    index('agent_connections_agent_idx').on(t.workspaceId, t.agentId),
    index('agent_connections_instance_idx').on(t.instanceId),
  ],
);

/**
 * The append-only event log. Every state change inserts its rows here in the
 * same transaction. `id` comes from a sequence with CACHE 1 so that the reader
 * in packages/core (event-log) can tell a still-open transaction's gap from an
 * aborted one using transaction snapshots; see ARCHITECTURE.md.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    // Not a foreign key: see messages.workspaceId.
    workspaceId: uuid('workspace_id').notNull(),
    type: text('type').notNull(),
    conversationId: uuid('conversation_id'),
    visitorId: uuid('visitor_id'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('events_workspace_id_idx').on(t.workspaceId, t.id),
    index('events_visitor_id_idx').on(t.visitorId, t.id),
  ],
);

/** Outgoing webhooks: an admin registers a URL and the event types it wants. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    eventTypes: text('event_types').array().notNull(),
    /** HMAC-SHA256 key for the signature header; needed in clear to sign. */
    secret: text('secret').notNull(),
    active: boolean('active').notNull().default(true),
    /** Deliver only events after this log position (the one current at creation). */
    startAfterEventId: bigint('start_after_event_id', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    createdByAgentId: uuid('created_by_agent_id').references(() => agents.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
  },
  (t) => [index('webhooks_workspace_idx').on(t.workspaceId)],
);

/** One event to one webhook: attempts, outcome, and when to try again. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'bigint' }).notNull(),
    eventType: text('event_type').notNull(),
    status: deliveryStatusEnum('status').notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 })
      .notNull()
      .defaultNow(),
    /** A worker has claimed it until then (sending happens outside any transaction). */
    lockedUntil: timestamp('locked_until', { withTimezone: true, precision: 3 }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true, precision: 3 }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_webhook_event_idx').on(t.webhookId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt.desc().nullsFirst()),
  ],
);

/** Where a log consumer (e.g. the webhook fan-out) has got to; one row per consumer. */
export const consumerCursors = pgTable('consumer_cursors', {
  name: text('name').primaryKey(),
  cursor: bigint('cursor', { mode: 'bigint' }).notNull(),
});

/** Roles an admin composes from the fixed permission set. */
export const customRoles = pgTable(
  'custom_roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    permissions: text('permissions').array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('custom_roles_workspace_name_idx').on(t.workspaceId, sql`lower(${t.name})`)],
);

/** Single-use, expiring invitations; only the SHA-256 of the token is stored. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: roleEnum('role').notNull(),
    customRoleId: uuid('custom_role_id').references(() => customRoles.id, { onDelete: 'set null' }),
    tokenHash: text('token_hash').notNull(),
    invitedByAgentId: uuid('invited_by_agent_id').references(() => agents.id, {
      onDelete: 'set null',
    }),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, precision: 3 }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invitations_token_hash_idx').on(t.tokenHash),
    index('invitations_workspace_idx').on(t.workspaceId),
  ],
);

/** Admin actions: who did what, when, with the state before and after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_workspace_idx').on(t.workspaceId, t.id.desc().nullsFirst())],
);

/** Teams within the workspace ("Sales", "Support") that conversations are routed to. */
export const agentGroups = pgTable(
  'agent_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('agent_groups_workspace_name_idx').on(t.workspaceId, sql`lower(${t.name})`)],
);

export const agentGroupMembers = pgTable(
  'agent_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => agentGroups.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.agentId] }),
    index('agent_group_members_agent_idx').on(t.workspaceId, t.agentId),
  ],
);
