import { z } from 'zod';
import { and, conversations, desc, eq } from '@parley/db';
import {
  requireScope,
  requireVisitor,
  requireWorkspaceActor,
  type Actor,
} from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import type { CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import { visibilityOf, visibleCondition } from '../team/visibility.js';
import { findConversations, loadConversation } from './load-conversation.js';
import type { ConversationRecord } from './records.js';

const Input = z.object({ id: Id });

export async function getConversation(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ConversationRecord> {
  const viewer = requireWorkspaceActor(actor);
  requireScope(viewer, 'read');
  const { id } = validate(Input, input);
  const conversation = await loadConversation(
    deps.db,
    viewer.workspaceId,
    id,
    visibleCondition(await visibilityOf(deps, viewer)),
  );
  if (!conversation) throw notFound('Conversation');
  return conversation;
}

/** A visitor's own conversation; another visitor's looks exactly like a missing one. */
export async function getVisitorConversation(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<ConversationRecord> {
  const visitor = requireVisitor(actor);
  const { id } = validate(Input, input);
  const conversation = await loadConversation(
    deps.db,
    visitor.workspaceId,
    id,
    eq(conversations.visitorId, visitor.visitorId),
  );
  if (!conversation) throw notFound('Conversation');
  return conversation;
}

export async function listVisitorConversations(
  deps: CoreDeps,
  actor: Actor | null,
): Promise<ConversationRecord[]> {
  const visitor = requireVisitor(actor);
  return findConversations(
    deps.db,
    and(
      eq(conversations.workspaceId, visitor.workspaceId),
      eq(conversations.visitorId, visitor.visitorId),
    ),
    100,
    [desc(conversations.lastActivityAt)],
  );
}
