import type { ConversationSummary } from './workbench-state';

export type ConversationAction =
  /** Unassigned → me (takeConversation). */
  | 'take'
  /** Robot → me (takeConversation). */
  | 'take-over'
  /** Robot → the human queue (handOffConversation). */
  | 'hand-off'
  /** Unassigned/robot → an agent (assignConversation). */
  | 'assign'
  /** Assigned → another agent (assignConversation; needs conversation.reassign). */
  | 'reassign'
  /** Assigned → the queue (assignConversation with agentId null). */
  | 'return'
  | 'resolve'
  | 'reopen'
  /** Pin or unpin (others' conversations need conversation.pin_others). */
  | 'pin';

export type Ownership = 'mine' | 'others' | 'nobody';

export function ownershipOf(
  conversation: Pick<ConversationSummary, 'assignee'>,
  meId: string | null,
): Ownership {
  if (!conversation.assignee) return 'nobody';
  return conversation.assignee.id === meId ? 'mine' : 'others';
}

/**
 * Key under which a FORBIDDEN answer is remembered: the same action on a
 * conversation owned the same way would be refused again, so it is hidden.
 */
export function permissionKey(action: ConversationAction, ownership: Ownership): string {
  return `${action}:${ownership}`;
}

const byStatus: Record<
  ConversationSummary['status'],
  Record<Ownership, readonly ConversationAction[]>
> = {
  ROBOT: {
    nobody: ['take-over', 'hand-off', 'assign', 'resolve', 'pin'],
    mine: ['take-over', 'hand-off', 'assign', 'resolve', 'pin'],
    others: ['take-over', 'hand-off', 'assign', 'resolve', 'pin'],
  },
  UNASSIGNED: {
    nobody: ['take', 'assign', 'resolve', 'pin'],
    mine: ['take', 'assign', 'resolve', 'pin'],
    others: ['take', 'assign', 'resolve', 'pin'],
  },
  ASSIGNED: {
    nobody: ['take', 'assign', 'resolve', 'pin'],
    mine: ['reassign', 'return', 'resolve', 'pin'],
    others: ['reassign', 'return', 'resolve', 'pin'],
  },
  RESOLVED: {
    nobody: ['reopen', 'pin'],
    mine: ['reopen', 'pin'],
    others: ['reopen', 'pin'],
  },
};

/**
 * The actions the right panel offers for a conversation, in display order,
 * without those the server has already refused (FORBIDDEN) for this kind of
 * conversation in this session.
 */
export function availableActions(
  conversation: Pick<ConversationSummary, 'status' | 'assignee'>,
  meId: string | null,
  forbidden: ReadonlySet<string>,
): ConversationAction[] {
  const ownership = ownershipOf(conversation, meId);
  return byStatus[conversation.status][ownership].filter(
    (action) => !forbidden.has(permissionKey(action, ownership)),
  );
}
