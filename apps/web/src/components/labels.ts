import type { Channel, ConversationStatus } from '@/generated/graphql';

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
