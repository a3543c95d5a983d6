import { describe, expect, it } from 'vitest';
import { chooseAgent, type Candidate } from './assignment-policy.js';

const agent = (agentId: string, over: Partial<Candidate> = {}): Candidate => ({
  agentId,
  status: 'ONLINE',
  load: 0,
  limit: 5,
  lastAssignedAt: null,
  ...over,
});

describe('assignment policy', () => {
  it('only online agents are chosen', () => {
    expect(
      chooseAgent([agent('a', { status: 'AWAY' }), agent('b', { status: 'OFFLINE' })]),
    ).toBeNull();
    expect(chooseAgent([agent('a', { status: 'AWAY' }), agent('b')])).toBe('b');
  });

  it('an agent at their reception limit is skipped', () => {
    expect(chooseAgent([agent('a', { load: 5 }), agent('b', { load: 4, limit: 4 })])).toBeNull();
    expect(chooseAgent([agent('a', { load: 5 }), agent('b', { load: 3 })])).toBe('b');
  });

  it('the least busy agent wins', () => {
    expect(
      chooseAgent([agent('a', { load: 3 }), agent('b', { load: 1 }), agent('c', { load: 2 })]),
    ).toBe('b');
  });

  it('ties go to whoever waited longest since their last assignment', () => {
    const now = Date.now();
    expect(
      chooseAgent([
        agent('a', { lastAssignedAt: new Date(now - 1_000) }),
        agent('b', { lastAssignedAt: new Date(now - 5_000) }),
        agent('c', { lastAssignedAt: new Date(now - 3_000) }),
      ]),
    ).toBe('b');
    expect(chooseAgent([agent('a', { lastAssignedAt: new Date(now) }), agent('b')])).toBe('b');
  });

  it('is fair and capacity-safe over 1,000 simulated conversations', () => {
    // Five online agents with different limits, one away; conversations arrive,
    // some get resolved along the way, freeing capacity.
    const pool: Candidate[] = [
      agent('a', { limit: 8 }),
      agent('b', { limit: 8 }),
      agent('c', { limit: 8 }),
      agent('d', { limit: 3 }),
      agent('e', { limit: 8 }),
      agent('away', { status: 'AWAY', limit: 100 }),
    ];
    const assigned = new Map<string, number>();
    const open: string[] = [];
    let clock = 0;
    let waited = 0;
    for (let i = 0; i < 1_000; i += 1) {
      // Every third arrival, the oldest open conversation is resolved.
      if (i % 3 === 2 && open.length > 0) {
        const freed = open.shift()!;
        pool.find((c) => c.agentId === freed)!.load -= 1;
      }
      const chosen = chooseAgent(pool);
      if (!chosen) {
        waited += 1;
        continue;
      }
      const c = pool.find((x) => x.agentId === chosen)!;
      expect(c.status).toBe('ONLINE');
      expect(c.load).toBeLessThan(c.limit);
      c.load += 1;
      c.lastAssignedAt = new Date((clock += 1));
      open.push(chosen);
      assigned.set(chosen, (assigned.get(chosen) ?? 0) + 1);
    }
    expect(assigned.get('away')).toBeUndefined();
    for (const c of pool) expect(c.load).toBeLessThanOrEqual(c.limit);
    // Agents with equal limits share the work evenly (within a few conversations).
    const equal = ['a', 'b', 'c', 'e'].map((id) => assigned.get(id) ?? 0);
    expect(Math.max(...equal) - Math.min(...equal)).toBeLessThanOrEqual(2);
    // The small-limit agent still takes part.
    expect(assigned.get('d') ?? 0).toBeGreaterThan(0);
    expect(waited + [...assigned.values()].reduce((x, y) => x + y, 0)).toBe(1_000);
  });
});
