import type {
  ApiTokenScope,
  Permission,
  Role,
  WebhookDeliveryStatus,
  WorkspaceEventType,
} from '@/generated/graphql';

type Described = { label: string; description: string };

export const permissionInfo: Readonly<Record<Permission, Described>> = {
  CONVERSATION_VIEW_ALL: {
    label: 'See all conversations',
    description: 'Without it: only their own, their groups’ and unassigned ones.',
  },
  CONVERSATION_REASSIGN: {
    label: 'Reassign conversations',
    description: 'Move a conversation from one agent to another.',
  },
  CONVERSATION_PIN_OTHERS: {
    label: 'Pin others’ conversations',
    description: 'Pin conversations assigned to someone else.',
  },
  CONVERSATION_REPLY_OTHERS: {
    label: 'Reply in others’ conversations',
    description: 'Reply in a conversation assigned to someone else without taking it.',
  },
  VISITOR_EDIT: { label: 'Edit visitors', description: 'Change a visitor’s name, email, phone.' },
  VISITOR_BLACKLIST: { label: 'Block visitors', description: 'Put visitors on the blocklist.' },
  QUICK_REPLY_MANAGE: {
    label: 'Manage quick replies',
    description: 'Create and edit shared quick replies.',
  },
  TAG_MANAGE: { label: 'Manage tags', description: 'Create tags and tag visitors.' },
  SETTINGS_MANAGE: {
    label: 'Manage settings',
    description: 'Workspace settings and webhooks.',
  },
  TEAM_MANAGE: {
    label: 'Manage the team',
    description: 'Invite, deactivate, change roles and limits.',
  },
  REPORTS_VIEW: { label: 'View reports', description: 'Dashboards and session events.' },
  API_TOKEN_MANAGE: { label: 'Manage API tokens', description: 'Create and revoke API tokens.' },
};

/** Every permission, in the order the schema lists them. */
export const ALL_PERMISSIONS = Object.keys(permissionInfo) as Permission[];

export const scopeInfo: Readonly<Record<ApiTokenScope, Described>> = {
  READ: { label: 'Read', description: 'Queries' },
  WRITE: { label: 'Write', description: 'Mutations' },
  EVENTS: { label: 'Events', description: 'Event log and session events, live or polled' },
};

export const ALL_SCOPES = Object.keys(scopeInfo) as ApiTokenScope[];

export const roleLabel: Readonly<Record<Role, string>> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  AGENT: 'Agent',
};

export const BUILT_IN_ROLES: readonly Role[] = ['OWNER', 'ADMIN', 'AGENT'];

export const eventTypeLabel: Readonly<Record<WorkspaceEventType, string>> = {
  WORKSPACE_CREATED: 'Workspace created',
  WORKSPACE_SETTINGS_CHANGED: 'Settings changed',
  VISITOR_CREATED: 'Visitor created',
  VISITOR_UPDATED: 'Visitor updated',
  VISITOR_PAGE_VIEWED: 'Visitor page viewed',
  TAG_CREATED: 'Tag created',
  TAG_UPDATED: 'Tag renamed or recoloured',
  TAG_DELETED: 'Tag deleted',
  WORKSPACE_UPDATED: 'Workspace renamed',
  AGENT_UPDATED: 'Agent profile changed',
  CONVERSATION_CREATED: 'Conversation created',
  CONVERSATION_STATUS_CHANGED: 'Conversation status changed',
  CONVERSATION_ASSIGNED: 'Conversation assigned',
  CONVERSATION_ROUTED: 'Conversation routed',
  CONVERSATION_PINNED: 'Conversation pinned',
  CONVERSATION_READ: 'Conversation read',
  MESSAGE_CREATED: 'Message created',
  MESSAGE_RECALLED: 'Message recalled',
  AGENT_STATUS_CHANGED: 'Agent status changed',
  API_TOKEN_CREATED: 'API token created',
  API_TOKEN_REVOKED: 'API token revoked',
  WEBHOOK_CREATED: 'Webhook created',
  WEBHOOK_DELETED: 'Webhook deleted',
  MEMBER_UPDATED: 'Member updated',
  SESSION_REVOKED: 'Session revoked',
};

export const ALL_EVENT_TYPES = Object.keys(eventTypeLabel) as WorkspaceEventType[];

export const deliveryStatusStyle: Readonly<
  Record<WebhookDeliveryStatus, { label: string; className: string }>
> = {
  PENDING: { label: 'Pending', className: 'bg-amber-50 text-amber-800 ring-amber-200' },
  SUCCEEDED: { label: 'Delivered', className: 'bg-emerald-50 text-emerald-800 ring-emerald-200' },
  FAILED: { label: 'Failed', className: 'bg-rose-50 text-rose-800 ring-rose-200' },
};

/** "Read, Events" for a token's scopes, in canonical order. */
export function formatScopes(scopes: readonly ApiTokenScope[]): string {
  if (scopes.length === 0) return 'None';
  return ALL_SCOPES.filter((s) => scopes.includes(s))
    .map((s) => scopeInfo[s].label)
    .join(', ');
}

/** A role as the team table shows it: the custom role's name wins for agents. */
export function memberRoleLabel(role: Role, customRoleName: string | null | undefined): string {
  return role === 'AGENT' && customRoleName ? customRoleName : roleLabel[role];
}
