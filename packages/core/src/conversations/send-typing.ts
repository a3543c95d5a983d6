import { z } from 'zod';
import { and, agents, conversations, eq } from '@parley/db';
import type { TypingSignal } from '../events/typing-bus.js';
import { requireAgent, requireVisitor, type Actor, type AgentActor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import type { CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import { isVisible, visibilityOf, visibleCondition } from '../team/visibility.js';

const Input = z.object({ conversationId: Id, typing: z.boolean() });
const ViewingInput = z.object({ conversationId: Id, viewing: z.boolean() });

export async function sendTyping(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<boolean> {
  const agent = requireAgent(actor);
  const { conversationId, typing } = validate(Input, input);
  await publishAgentSignal(deps, agent, conversationId, 'TYPING', typing);
  return true;
}

/** The agent has the conversation open (or closed it): other agents see "Lee is viewing". */
export async function sendViewing(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<boolean> {
  const agent = requireAgent(actor);
  const { conversationId, viewing } = validate(ViewingInput, input);
  await publishAgentSignal(deps, agent, conversationId, 'VIEWING', viewing);
  return true;
}

async function publishAgentSignal(
  deps: CoreDeps,
  agent: AgentActor,
  conversationId: string,
  kind: 'TYPING' | 'VIEWING',
  active: boolean,
): Promise<void> {
  const [row] = await deps.db
    .select({
      visitorId: conversations.visitorId,
      assigneeId: conversations.assigneeId,
      groupId: conversations.groupId,
      name: agents.name,
    })
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
    assigneeId: row.assigneeId,
    groupId: row.groupId,
    sender: 'AGENT',
    kind,
    agentId: agent.agentId,
    name: row.name,
    typing: active,
  });
}

export async function visitorSendTyping(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<boolean> {
  const visitor = requireVisitor(actor);
  const { conversationId, typing } = validate(Input, input);
  const [row] = await deps.db
    .select({ assigneeId: conversations.assigneeId, groupId: conversations.groupId })
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
    assigneeId: row.assigneeId,
    groupId: row.groupId,
    sender: 'VISITOR',
    kind: 'TYPING',
    agentId: null,
    name: null,
    typing,
  });
  return true;
}

/**
 * Agents see typing in the conversations they may see, checked on every
 * signal against the conversation's assignee and group as the signal carries
 * them (a conversation reassigned away stops showing its typing at once).
 */
export async function subscribeTyping(
  deps: CoreDeps,
  actor: Actor | null,
): Promise<AsyncIterableIterator<TypingSignal>> {
  const agent = requireAgent(actor);
  const visibility = await visibilityOf(deps, agent);
  return deps.typing.subscribe(
    (s) =>
      s.workspaceId === agent.workspaceId &&
      (s.kind ?? 'TYPING') === 'TYPING' &&
      isVisible(visibility, s),
  );
}

/**
 * Other agents viewing or typing, in the conversations the caller may see
 * (optionally one conversation): the workbench's "Lee is viewing" line.
 */
export async function subscribeAgentActivity(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<AsyncIterableIterator<TypingSignal>> {
  const agent = requireAgent(actor);
  const { conversationId } = validate(z.object({ conversationId: Id.nullish() }), input);
  const visibility = await visibilityOf(deps, agent);
  return deps.typing.subscribe(
    (s) =>
      s.workspaceId === agent.workspaceId &&
      s.sender === 'AGENT' &&
      s.agentId !== agent.agentId &&
      (!conversationId || s.conversationId === conversationId) &&
      isVisible(visibility, s),
  );
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
      s.sender === 'AGENT' &&
      (s.kind ?? 'TYPING') === 'TYPING',
  );
}
