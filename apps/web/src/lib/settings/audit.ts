import type { AuditLogFilter } from '@/generated/graphql';

export type AuditFilterForm = {
  action: string;
  /** `YYYY-MM-DD` from a date input, or empty. */
  from: string;
  to: string;
};

const DAY_MS = 24 * 60 * 60 * 1000;

function localDayStart(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The API filter for the form: dates are whole local days, so "to" includes
 * the whole of its day. Returns null when nothing narrows the log.
 */
export function toAuditLogFilter(form: AuditFilterForm): AuditLogFilter | null {
  const filter: AuditLogFilter = {};
  const action = form.action.trim();
  if (action) filter.action = action;
  const from = localDayStart(form.from);
  if (from) filter.from = from.toISOString();
  const to = localDayStart(form.to);
  if (to) filter.to = new Date(to.getTime() + DAY_MS - 1).toISOString();
  return Object.keys(filter).length > 0 ? filter : null;
}

export function validateAuditFilter(form: AuditFilterForm): string | null {
  const from = localDayStart(form.from);
  const to = localDayStart(form.to);
  if (from && to && from.getTime() > to.getTime()) return 'The start date is after the end date.';
  return null;
}

/** The parts of an audit entry its description reads. */
export type DescribableAuditEntry = {
  action: string;
  actorType: string;
  actor: { id: string; name: string } | null;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  before: unknown;
  after: unknown;
};

/** Agent ids → names, to show people instead of UUIDs. */
export type AgentNames = ReadonlyMap<string, string>;

type Snapshot = Readonly<Record<string, unknown>>;

function asSnapshot(value: unknown): Snapshot | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Snapshot)
    : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

const ROLE_LABELS: Readonly<Record<string, string>> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  AGENT: 'Agent',
};

function roleOf(snapshot: Snapshot | null): string {
  if (!snapshot) return 'unknown';
  const custom = text(snapshot.customRole);
  const role = text(snapshot.role);
  if (role === 'AGENT' && custom) return custom;
  return role ? (ROLE_LABELS[role] ?? role) : 'unknown';
}

/** Who did it: the agent's name, or what kind of caller it was. */
export function auditActorLabel(entry: DescribableAuditEntry): string {
  if (entry.actor) return entry.actor.name;
  switch (entry.actorType) {
    case 'api_token':
      return 'An API token';
    case 'system':
      return 'Parley';
    default:
      return entry.actorType.replace(/_/g, ' ');
  }
}

/**
 * The target as people know it: its current name from the server, else the
 * name kept in the before/after snapshot (a deleted group, role or webhook),
 * else a plain "a <kind>" — never a bare id.
 */
export function auditTargetLabel(entry: DescribableAuditEntry, names: AgentNames): string {
  const named = knownTargetName(entry, names);
  if (named) return named;
  return entry.targetType ? (KIND_LABELS[entry.targetType] ?? 'something') : 'the workspace';
}

const KIND_LABELS: Readonly<Record<string, string>> = {
  agent: 'a member',
  agent_group: 'a group',
  custom_role: 'a role',
  api_token: 'an API token',
  webhook: 'a webhook',
  invitation: 'an invitation',
  workspace: 'the workspace',
  channel: 'a website channel',
};

function knownTargetName(entry: DescribableAuditEntry, names: AgentNames): string | null {
  if (entry.targetName) return entry.targetName;
  if (entry.targetType === 'agent' && entry.targetId) {
    const name = names.get(entry.targetId);
    if (name) return name;
  }
  for (const side of [entry.before, entry.after]) {
    const snapshot = asSnapshot(side);
    const named = text(snapshot?.name) ?? text(snapshot?.email) ?? text(snapshot?.url);
    if (named) return named;
  }
  return null;
}

function humanize(action: string): string {
  const words = action.replace(/[._]/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One sentence for the log: "Changed Lee's role from Agent to Admin". */
export function describeAuditEntry(entry: DescribableAuditEntry, names: AgentNames): string {
  const target = auditTargetLabel(entry, names);
  const named = knownTargetName(entry, names);
  // "the group “Billing”", or "a group" when its name is lost.
  const the = (noun: string, article = 'a') =>
    named ? `the ${noun} “${named}”` : `${article} ${noun}`;
  const before = asSnapshot(entry.before);
  const after = asSnapshot(entry.after);
  switch (entry.action) {
    case 'member.role_changed':
      return `Changed ${target}’s role from ${roleOf(before)} to ${roleOf(after)}`;
    case 'member.deactivated':
      return `Deactivated ${target}`;
    case 'member.reactivated':
      return `Reactivated ${target}`;
    case 'invitation.created':
      return `Invited ${target} as ${roleOf(after)}`;
    case 'invitation.revoked':
      return `Revoked the invitation for ${target}`;
    case 'invitation.accepted':
      return `${target} accepted the invitation and joined as ${roleOf(after)}`;
    case 'api_token.created':
      return `Created ${the('API token', 'an')}`;
    case 'api_token.revoked':
      return `Revoked ${the('API token', 'an')}`;
    case 'group.created':
      return `Created ${the('group')}`;
    case 'group.members_changed':
      return `Changed the members of ${the('group')}`;
    case 'group.deleted':
      return `Deleted ${the('group')}`;
    case 'role.created':
      return `Created ${the('role')}`;
    case 'role.updated':
      return `Changed ${the('role')}`;
    case 'role.deleted':
      return `Deleted ${the('role')}`;
    case 'webhook.created':
      return `Added the webhook ${target}`;
    case 'webhook.deleted':
      return `Removed the webhook ${target}`;
    case 'channel.origins_changed':
      return `Changed the websites that may show the widget of ${the('channel')}`;
    case 'settings.changed':
      return 'Changed the workspace settings';
    default:
      return entry.targetType ? `${humanize(entry.action)}: ${target}` : humanize(entry.action);
  }
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  role: 'Role',
  customRole: 'Custom role',
  customRoleId: 'Custom role',
  active: 'Active',
  name: 'Name',
  email: 'Email',
  url: 'URL',
  eventTypes: 'Event types',
  scopes: 'Scopes',
  permissions: 'Permissions',
  revokedAt: 'Revoked',
  defaultReceptionLimit: 'Default reception limit',
  prioritizeBotReception: 'Robot answers first',
  members: 'Members',
  allowedOrigins: 'Websites that may show the widget',
};

function fieldLabelOf(key: string): string {
  if (FIELD_LABELS[key]) return FIELD_LABELS[key];
  const spaced = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value as a person reads it: names for agent ids, Yes/No, dates, lists. */
export function formatAuditValue(value: unknown, names: AgentNames, key = ''): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (names.has(value)) return names.get(value) ?? value;
    if (key === 'role' && ROLE_LABELS[value]) return ROLE_LABELS[value];
    if (ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)))
      return new Date(value).toLocaleString();
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value.map((item) => formatAuditValue(item, names, key)).join(', ');
  }
  return JSON.stringify(value);
}

export type AuditChange = { field: string; before: string; after: string };

/**
 * What changed, field by field, readable. A list snapshot (a group's
 * members) is one "Members" row; unchanged fields are left out.
 */
export function auditChanges(before: unknown, after: unknown, names: AgentNames): AuditChange[] {
  if (Array.isArray(before) || Array.isArray(after)) {
    return [
      {
        field: 'Members',
        before: formatAuditValue(before ?? [], names),
        after: formatAuditValue(after ?? [], names),
      },
    ];
  }
  const b = asSnapshot(before) ?? {};
  const a = asSnapshot(after) ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]))
    .map((key) => ({
      field: fieldLabelOf(key),
      before: key in b ? formatAuditValue(b[key], names, key) : '—',
      after: key in a ? formatAuditValue(a[key], names, key) : '—',
    }));
}
