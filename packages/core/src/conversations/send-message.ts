import { z } from 'zod';
import { requireScope, requireWorkspaceActor, type Actor } from '../shared/actor.js';
import { forbidden } from '../shared/errors.js';
import { committed, type CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import { visibilityOf, visibleCondition } from '../team/visibility.js';
import { appendMessage } from './append-message.js';
import type { MessageRecord } from './records.js';

export const MAX_MESSAGE_LENGTH = 10_000;

export const MessageBody = z
  .string()
  .max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`)
  .refine((body) => body.trim().length > 0, 'must not be empty');

const Input = z.object({ conversationId: z.uuid('is not a valid id'), body: MessageBody });

/** An agent's reply. */
export async function sendMessage(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<MessageRecord> {
  const viewer = requireWorkspaceActor(actor);
  requireScope(viewer, 'write');
  // Replies are signed by a person; integrator tokens get their own sender kind later.
  if (viewer.kind !== 'agent') throw forbidden('Only a signed-in agent can reply.');
  const { conversationId, body } = validate(Input, input);
  const visibility = await visibilityOf(deps, viewer);
  // One statement, atomic on its own: no transaction round trips.
  const { message } = await appendMessage(deps.db, {
    workspaceId: viewer.workspaceId,
    conversationId,
    scope: visibleCondition(visibility),
    sender: { type: 'AGENT', agentId: viewer.agentId },
    body,
  });
  committed(deps);
  return message;
}
