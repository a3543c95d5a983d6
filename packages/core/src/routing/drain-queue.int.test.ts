// Concurrent drains of one workspace share a round instead of queueing on the
// advisory lock; every caller still returns only after its conversation had
// its chance at an agent.
import { openTestDatabase, type TestDatabase } from '@parley/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import type { AgentActor } from '../shared/actor.js';

let database: TestDatabase;
let core: Core;
let owner: AgentActor;

beforeAll(async () => {
  database = await openTestDatabase();
  core = await createCore(database);
  const created = await core.createWorkspace({
    name: 'Drain',
    owner: { email: 'owner@drain.test', name: 'Owner', password: 'password-123' },
    websiteChannelKey: 'drain-web',
  });
  owner = created.owner;
  await core.setReceptionLimit(owner, { agentId: owner.agentId, limit: 12 });
  await core.agentConnected(owner);
});
afterAll(async () => {
  await core?.close();
  await database?.close();
});

describe('drainQueue under a burst of new conversations', () => {
  it('assigns each conversation by the time its send returns, up to the limit', async () => {
    const visitors = await Promise.all(
      Array.from({ length: 16 }, () => core.startVisitorSession({ channelKey: 'drain-web' })),
    );
    const sent = await Promise.all(
      visitors.map(async (session) => {
        const actor = {
          kind: 'visitor' as const,
          workspaceId: owner.workspaceId,
          visitorId: session.visitor.id,
        };
        const message = await core.visitorSendMessage(actor, { body: 'hi' });
        // Checked as soon as this caller returns, not after the whole burst.
        return core.getConversation(owner, { id: message.conversationId });
      }),
    );
    const assigned = sent.filter((c) => c.status === 'ASSIGNED');
    const waiting = sent.filter((c) => c.status === 'UNASSIGNED');
    // Each caller saw its conversation either assigned or left waiting
    // because the limit was reached, never skipped while capacity remained.
    const final = await Promise.all(sent.map((c) => core.getConversation(owner, { id: c.id })));
    expect(final.filter((c) => c.status === 'ASSIGNED')).toHaveLength(12);
    expect(assigned.length + waiting.length).toBe(16);
    expect(assigned.length).toBe(12);
  });
});
