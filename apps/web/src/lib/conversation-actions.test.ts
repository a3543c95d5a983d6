import { describe, expect, it } from 'vitest';
import { availableActions, ownershipOf, permissionKey } from './conversation-actions';

const ME = 'me';
const none = new Set<string>();
const agent = (id: string) => ({ id, name: id });

describe('availableActions', () => {
  it('offers take/assign on unassigned and take-over/hand-off on robot conversations', () => {
    expect(availableActions({ status: 'UNASSIGNED', assignee: null }, ME, none)).toEqual([
      'take',
      'assign',
      'resolve',
      'pin',
    ]);
    expect(availableActions({ status: 'ROBOT', assignee: null }, ME, none)).toEqual([
      'take-over',
      'hand-off',
      'assign',
      'resolve',
      'pin',
    ]);
  });

  it('offers reassign, return and resolve on assigned conversations, reopen on resolved ones', () => {
    expect(availableActions({ status: 'ASSIGNED', assignee: agent(ME) }, ME, none)).toEqual([
      'reassign',
      'return',
      'resolve',
      'pin',
    ]);
    expect(availableActions({ status: 'RESOLVED', assignee: agent(ME) }, ME, none)).toEqual([
      'reopen',
      'pin',
    ]);
  });

  it('hides what the server refused, only for conversations owned the same way', () => {
    // An agent without conversation.reassign / pin_others was told FORBIDDEN once.
    const forbidden = new Set([
      permissionKey('reassign', 'others'),
      permissionKey('pin', 'others'),
    ]);
    const theirs = { status: 'ASSIGNED' as const, assignee: agent('colleague') };
    const mine = { status: 'ASSIGNED' as const, assignee: agent(ME) };
    expect(ownershipOf(theirs, ME)).toBe('others');
    expect(availableActions(theirs, ME, forbidden)).toEqual(['return', 'resolve']);
    expect(availableActions(mine, ME, forbidden)).toEqual(['reassign', 'return', 'resolve', 'pin']);
  });

  it('treats a signed-out viewer (no agent) as owning nothing', () => {
    expect(ownershipOf({ assignee: agent(ME) }, null)).toBe('others');
    expect(ownershipOf({ assignee: null }, null)).toBe('nobody');
  });
});
