import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { canTransition, initialStatus, nextStatus, type LifecycleAction } from './state-machine.js';
import type { ConversationStatus } from './records.js';

const STATUSES: ConversationStatus[] = ['ROBOT', 'UNASSIGNED', 'ASSIGNED', 'RESOLVED'];
const ACTIONS: LifecycleAction[] = [
  { type: 'HAND_OFF' },
  { type: 'ASSIGN' },
  { type: 'UNASSIGN' },
  { type: 'RESOLVE' },
  { type: 'REOPEN_BY_AGENT' },
  { type: 'REOPEN_BY_VISITOR', prioritizeBot: false },
  { type: 'REOPEN_BY_VISITOR', prioritizeBot: true },
];

// Every (status, action) pair: the expected result, or null for illegal.
const EXPECTED: Record<ConversationStatus, (ConversationStatus | null)[]> = {
  //          HAND_OFF      ASSIGN      UNASSIGN      RESOLVE     REOPEN_AGENT REOPEN_VISITOR REOPEN_VISITOR(bot)
  ROBOT: ['UNASSIGNED', 'ASSIGNED', null, 'RESOLVED', null, null, null],
  UNASSIGNED: [null, 'ASSIGNED', null, 'RESOLVED', null, null, null],
  ASSIGNED: [null, 'ASSIGNED', 'UNASSIGNED', 'RESOLVED', null, null, null],
  RESOLVED: [null, null, null, null, 'ASSIGNED', 'UNASSIGNED', 'ROBOT'],
};

describe('conversation state machine', () => {
  for (const status of STATUSES) {
    ACTIONS.forEach((action, i) => {
      const expected = EXPECTED[status][i];
      const label = `${status} + ${action.type}${'prioritizeBot' in action ? `(bot=${action.prioritizeBot})` : ''}`;
      if (expected) {
        it(`${label} → ${expected}`, () => {
          expect(canTransition(status, action)).toBe(true);
          expect(nextStatus(status, action)).toBe(expected);
        });
      } else {
        it(`${label} is refused with CONFLICT`, () => {
          expect(canTransition(status, action)).toBe(false);
          let error: unknown;
          try {
            nextStatus(status, action);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe('CONFLICT');
          expect((error as DomainError).message).toMatch(new RegExp(status.toLowerCase()));
        });
      }
    });
  }

  it('new conversations start with the robot only when bot reception is prioritised', () => {
    expect(initialStatus(true)).toBe('ROBOT');
    expect(initialStatus(false)).toBe('UNASSIGNED');
  });
});
