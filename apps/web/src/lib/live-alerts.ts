import type { WorkspaceEvent } from './workbench-state';

/** Events older than this (a backlog replayed after a reconnect) do not ring. */
const ALERT_MAX_AGE_MS = 2 * 60_000;
const BODY_LIMIT = 120;

/**
 * Whether an event can change `conversationCounts` for this agent, so the
 * tab counts are refetched (debounced) after it.
 */
export function affectsCounts(event: WorkspaceEvent, meId: string | null): boolean {
  switch (event.type) {
    case 'CONVERSATION_CREATED':
    case 'CONVERSATION_STATUS_CHANGED':
    case 'CONVERSATION_ASSIGNED':
    case 'MESSAGE_CREATED':
    case 'VISITOR_UPDATED':
    case 'TAG_CREATED':
    case 'TAG_DELETED':
      return true;
    case 'CONVERSATION_READ':
      return event.readReceipt?.reader === 'AGENT' && event.readReceipt.agentId === meId;
    default:
      return false;
  }
}

/** What an alert is about; each kind has its own desktop-notification preference. */
export type LiveAlertKind = 'NEW_CONVERSATION' | 'MESSAGE' | 'ASSIGNED';
export type LiveAlert = {
  kind: LiveAlertKind;
  conversationId: string;
  title: string;
  body: string;
};

/** The signed-in agent's notification preferences (from their profile). */
export type AlertPreferences = {
  sound: boolean;
  desktopNewConversation: boolean;
  desktopMyConversationMessage: boolean;
  desktopAssignedToMe: boolean;
};

/** How to announce an alert under the agent's preferences: a chime, a desktop notification, both or neither. */
export function alertChannels(
  alert: LiveAlert,
  preferences: AlertPreferences | null | undefined,
): { sound: boolean; desktop: boolean } {
  if (!preferences) return { sound: true, desktop: true };
  const desktop =
    alert.kind === 'NEW_CONVERSATION'
      ? preferences.desktopNewConversation
      : alert.kind === 'MESSAGE'
        ? preferences.desktopMyConversationMessage
        : preferences.desktopAssignedToMe;
  return { sound: preferences.sound, desktop };
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > BODY_LIMIT ? `${flat.slice(0, BODY_LIMIT - 1)}…` : flat;
}

/**
 * What to announce (sound + notification) while the tab is hidden: a new
 * conversation, a visitor message in a conversation that is mine or waiting
 * (not one a colleague handles), a hand-off to the queue, or an assignment to me.
 */
export function alertFor(
  event: WorkspaceEvent,
  meId: string | null,
  nowMs: number,
): LiveAlert | null {
  if (nowMs - Date.parse(event.occurredAt) > ALERT_MAX_AGE_MS) return null;
  const conversation = event.conversation;
  const name = conversation?.visitor.name ?? 'A visitor';
  const assignee = conversation?.assignee?.id ?? null;

  if (event.type === 'MESSAGE_CREATED' && event.message) {
    const { message } = event;
    if (message.senderType !== 'VISITOR' || message.internal) return null;
    if (assignee !== null && assignee !== meId) return null;
    return {
      kind: message.seq === 1 ? 'NEW_CONVERSATION' : 'MESSAGE',
      conversationId: message.conversationId,
      title: message.seq === 1 ? `New conversation from ${name}` : name,
      body: clip(message.body),
    };
  }
  if (!conversation) return null;
  if (event.type === 'CONVERSATION_STATUS_CHANGED' && conversation.status === 'UNASSIGNED') {
    return {
      kind: 'NEW_CONVERSATION',
      conversationId: conversation.id,
      title: `${name} is waiting`,
      body: 'Waiting for an agent',
    };
  }
  if (
    event.type === 'CONVERSATION_ASSIGNED' &&
    meId !== null &&
    event.assignment?.to?.id === meId &&
    event.assignment.by?.id !== meId
  ) {
    const by = event.assignment.by?.name;
    return {
      kind: 'ASSIGNED',
      conversationId: conversation.id,
      title: `${name} was assigned to you`,
      body: event.assignment.note ? clip(event.assignment.note) : by ? `By ${by}` : 'Auto-assigned',
    };
  }
  return null;
}

/**
 * The number in the tab title: unread conversations the agent answers for
 * (their own, and unassigned ones waiting to be taken), never a colleague's
 * (the server's `unreadForMe`). Null until the counts have loaded.
 */
export function titleUnread(counts: { unreadForMe: number } | null | undefined): number {
  return counts?.unreadForMe ?? 0;
}

/** The tab title: the unread total in front, e.g. "(3) Parley". */
export function documentTitle(unread: number, base = 'Parley'): string {
  return unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${base}` : base;
}
