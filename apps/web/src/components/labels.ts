import type { AgentStatus, Channel, ConversationStatus } from '@/generated/graphql';

export const statusLabel: Record<ConversationStatus, string> = {
  ROBOT: 'Robot',
  UNASSIGNED: 'Unassigned',
  ASSIGNED: 'Assigned',
  RESOLVED: 'Resolved',
};

export const channelLabel: Record<Channel, string> = {
  WEBSITE: 'Website',
  MESSENGER: 'Messenger',
  TELEGRAM: 'Telegram',
  WHATSAPP: 'WhatsApp',
  EMAIL: 'Email',
};

export const agentStatusLabel: Record<AgentStatus, string> = {
  ONLINE: 'Online',
  AWAY: 'Away',
  OFFLINE: 'Offline',
};

export const agentStatusDot: Record<AgentStatus, string> = {
  ONLINE: 'bg-emerald-500',
  AWAY: 'bg-amber-400',
  OFFLINE: 'bg-slate-300',
};

/** Visible focus ring shared by buttons and links. */
export const focusRing =
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';
