import { describe, expect, it } from 'vitest';
import {
  groupIdFromSelect,
  groupSelectValue,
  memberSummary,
  routeOptions,
  sameMembers,
} from './groups';

describe('memberSummary', () => {
  it('names a few members and counts the rest', () => {
    expect(memberSummary([])).toBe('No members');
    expect(memberSummary([{ name: 'Ada' }])).toBe('Ada');
    expect(memberSummary([{ name: 'Ada' }, { name: 'Bo' }])).toBe('Ada and Bo');
    expect(memberSummary([{ name: 'Ada' }, { name: 'Bo' }, { name: 'Cy' }, { name: 'Di' }])).toBe(
      'Ada, Bo and 2 more',
    );
    expect(memberSummary([{ name: 'Ada' }, { name: 'Bo' }, { name: 'Cy' }], 3)).toBe(
      'Ada, Bo and Cy',
    );
  });
});

describe('sameMembers', () => {
  it('ignores order and duplicates', () => {
    expect(sameMembers(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameMembers(['a', 'a'], ['a'])).toBe(true);
    expect(sameMembers(['a'], ['a', 'b'])).toBe(false);
    expect(sameMembers([], [])).toBe(true);
  });
});

describe('route select', () => {
  it('round-trips no group as the empty value', () => {
    expect(groupSelectValue(null)).toBe('');
    expect(groupSelectValue(undefined)).toBe('');
    expect(groupSelectValue('g1')).toBe('g1');
    expect(groupIdFromSelect('')).toBeNull();
    expect(groupIdFromSelect('g1')).toBe('g1');
  });

  it('lists None first, then the groups by name, keeping the current one', () => {
    const groups = [
      { id: 's', name: 'Support' },
      { id: 'a', name: 'Sales' },
    ];
    expect(routeOptions(groups, null).map((o) => o.label)).toEqual(['None', 'Sales', 'Support']);
    expect(routeOptions(groups, { id: 's', name: 'Support' })).toHaveLength(3);
    expect(routeOptions([], { id: 'x', name: 'Gone' })).toEqual([
      { value: '', label: 'None' },
      { value: 'x', label: 'Gone' },
    ]);
  });
});
