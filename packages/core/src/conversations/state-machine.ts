// The conversation lifecycle: the one place that says which status changes are
// legal. Every entry point (GraphQL, widget, robot, channels) goes through it.
import { DomainError } from '../shared/errors.js';
import type { ConversationStatus } from './records.js';

export type LifecycleAction =
  /** The visitor asked for a human (or the robot gave up): robot → queue. */
  | { type: 'HAND_OFF' }
  /** An agent takes it or is given it (also a reassignment). */
  | { type: 'ASSIGN' }
  /** Back to the queue. */
  | { type: 'UNASSIGN' }
  | { type: 'RESOLVE' }
  /** An agent reopens it for themselves. */
  | { type: 'REOPEN_BY_AGENT' }
  /** The visitor wrote again: back to the robot or the queue per the workspace setting. */
  | { type: 'REOPEN_BY_VISITOR'; prioritizeBot: boolean };

const TABLE: Record<
  ConversationStatus,
  Partial<Record<LifecycleAction['type'], ConversationStatus | 'byVisitor'>>
> = {
  ROBOT: { HAND_OFF: 'UNASSIGNED', ASSIGN: 'ASSIGNED', RESOLVE: 'RESOLVED' },
  UNASSIGNED: { ASSIGN: 'ASSIGNED', RESOLVE: 'RESOLVED' },
  ASSIGNED: { ASSIGN: 'ASSIGNED', UNASSIGN: 'UNASSIGNED', RESOLVE: 'RESOLVED' },
  RESOLVED: { REOPEN_BY_AGENT: 'ASSIGNED', REOPEN_BY_VISITOR: 'byVisitor' },
};

/** The status after `action`, or a CONFLICT error naming the illegal change. */
export function nextStatus(
  current: ConversationStatus,
  action: LifecycleAction,
): ConversationStatus {
  const target = TABLE[current][action.type];
  if (!target) {
    throw new DomainError(
      'CONFLICT',
      `A ${current.toLowerCase()} conversation cannot ${describe(action)}.`,
      {
        status: current,
        action: action.type,
      },
    );
  }
  if (target === 'byVisitor') {
    return action.type === 'REOPEN_BY_VISITOR' && action.prioritizeBot ? 'ROBOT' : 'UNASSIGNED';
  }
  return target;
}

export function canTransition(current: ConversationStatus, action: LifecycleAction): boolean {
  return TABLE[current][action.type] !== undefined;
}

/** Where a new conversation starts. */
export function initialStatus(prioritizeBot: boolean): ConversationStatus {
  return prioritizeBot ? 'ROBOT' : 'UNASSIGNED';
}

function describe(action: LifecycleAction): string {
  switch (action.type) {
    case 'HAND_OFF':
      return 'be handed off to the queue';
    case 'ASSIGN':
      return 'be assigned';
    case 'UNASSIGN':
      return 'be returned to the queue';
    case 'RESOLVE':
      return 'be resolved';
    case 'REOPEN_BY_AGENT':
    case 'REOPEN_BY_VISITOR':
      return 'be reopened';
  }
}
