import { z } from 'zod';
import { and, agents, conversations, eq } from '@parley/db';
import type { TypingSignal } from '../events/typing-bus.js';
import { requireAgent, requireVisitor, type Actor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import type { CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import { visibilityOf, visibleCondition } from '../team/visibility.js';

const Input = z.object({ conversationId: z.uuid('is not a valid id'), typing: z.boolean() });

export async function sendTyping(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<boolean> {
  const agent = requireAgent(actor);
  const { conversationId, typing } = validate(Input, input);
  const [row] = await deps.db
    .select({ visitorId: conversations.visitorId, name: agents.name })
    .from(conversations)
    .innerJoin(agents, eq(agents.id, agent.agentId))
    .where(
      and(
        eq(conversations.workspaceId, agent.workspaceId),
        eq(conversations.id, conversationId),
        visibleCondition(await visibilityOf(deps, agent)),
      ),
    );
  if (!row) throw notFound('Conversation');
  deps.typing.publish({
    workspaceId: agent.workspaceId,
    conversationId,
    visitorId: row.visitorId,
    sender: 'AGENT',
    agentId: agent.agentId,
    name: row.name,
    typing,
  });
  return true;
}

export async function visitorSendTyping(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<boolean> {
  const visitor = requireVisitor(actor);
  const { conversationId, typing } = validate(Input, input);
  const [row] = await deps.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, visitor.workspaceId),
        eq(conversations.id, conversationId),
        eq(conversations.visitorId, visitor.visitorId),
      ),
    );
  if (!row) throw notFound('Conversation');
  deps.typing.publish({
    workspaceId: visitor.workspaceId,
    conversationId,
    visitorId: visitor.visitorId,
    sender: 'VISITOR',
    agentId: null,
    name: null,
    typing,
  });
  return true;
}

/** Agents of the workspace see everyone's typing. */
export function subscribeTyping(
  deps: CoreDeps,
  actor: Actor | null,
): AsyncIterableIterator<TypingSignal> {
  const agent = requireAgent(actor);
  return deps.typing.subscribe((s) => s.workspaceId === agent.workspaceId);
}

/** A visitor sees agents typing in their own conversations. */
export function subscribeVisitorTyping(
  deps: CoreDeps,
  actor: Actor | null,
): AsyncIterableIterator<TypingSignal> {
  const visitor = requireVisitor(actor);
  return deps.typing.subscribe(
    (s) =>
      s.workspaceId === visitor.workspaceId &&
      s.visitorId === visitor.visitorId &&
      s.sender === 'AGENT',
  );
}
