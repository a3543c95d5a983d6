// Creates a workspace with its owner and a website channel. Used by the demo
// seed and by tests; sign-up and invitations build on it.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { agents, channels, eq, memberships, sql, workspaces } from '@parley/db';
import { hashPassword } from '../auth/password.js';
import type { AgentActor } from '../shared/actor.js';
import { DomainError } from '../shared/errors.js';
import { appendEvents } from '../events/append-events.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';

const Input = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  owner: z.object({
    email: z.email('is not an email address').max(320),
    name: z.string().trim().min(1, 'is required').max(100),
    password: z.string().min(8, 'must be at least 8 characters').max(1024),
  }),
  websiteChannelKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{4,64}$/, 'must be 4-64 letters, digits, - or _')
    .optional(),
});

export interface CreatedWorkspace {
  workspaceId: string;
  owner: AgentActor;
  websiteChannelKey: string;
}

export async function createWorkspace(deps: CoreDeps, input: unknown): Promise<CreatedWorkspace> {
  const { name, owner, websiteChannelKey } = validate(Input, input);
  const passwordHash = await hashPassword(owner.password);
  const channelKey = websiteChannelKey ?? `web_${randomBytes(12).toString('base64url')}`;
  return inTransaction(deps, async (tx) => {
    const [taken] = await tx
      .select({ id: agents.id })
      .from(agents)
      .where(eq(sql`lower(${agents.email})`, owner.email.toLowerCase()))
      .limit(1);
    if (taken)
      throw new DomainError('CONFLICT', 'An agent with this email already exists.', {
        field: 'owner.email',
      });
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name })
      .returning({ id: workspaces.id });
    const [agent] = await tx
      .insert(agents)
      .values({ email: owner.email, name: owner.name, passwordHash })
      .returning({ id: agents.id });
    if (!workspace || !agent) throw new Error('workspace insert returned nothing');
    await tx
      .insert(memberships)
      .values({ workspaceId: workspace.id, agentId: agent.id, role: 'OWNER' });
    await tx.insert(channels).values({
      workspaceId: workspace.id,
      kind: 'WEBSITE',
      name: 'Website',
      publicKey: channelKey,
    });
    await appendEvents(tx, [
      {
        workspaceId: workspace.id,
        type: 'WORKSPACE_CREATED',
        actorType: 'agent',
        actorId: agent.id,
        payload: { workspace: { id: workspace.id, name } },
      },
    ]);
    return {
      workspaceId: workspace.id,
      websiteChannelKey: channelKey,
      owner: {
        kind: 'agent',
        workspaceId: workspace.id,
        agentId: agent.id,
        role: 'OWNER',
        // Acting as the owner outside a sign-in session (seed, tests).
        sessionId: '00000000-0000-0000-0000-000000000000',
      },
    };
  });
}
