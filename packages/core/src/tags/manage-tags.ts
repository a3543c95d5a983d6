// Renaming, recolouring and deleting tags. Each writes its event in the same
// transaction, so open workbenches rename or drop the tag on the visitors
// they show (deleting cascades to visitor_tags, which writes no event itself).
import { z } from 'zod';
import { and, eq, sql, tags, visitorTags } from '@parley/db';
import { actorRef } from '../conversations/lifecycle.js';
import { appendEvents } from '../events/append-events.js';
import { requireWorkspaceActor, type Actor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { requirePermission } from '../shared/permissions.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import type { TagRecord } from '../visitors/visitor-profile.js';
import {
  assertTagNameFree,
  isUniqueViolation,
  TagColor,
  TagName,
  tagNameTaken,
} from './tag-rules.js';

const tagColumns = { id: tags.id, name: tags.name, color: tags.color };

const UpdateInput = z
  .object({
    id: Id,
    name: TagName.nullish(),
    color: TagColor.nullish(),
  })
  .strict();

/** Renames and/or recolours a tag; TAG_UPDATED carries the tag as it now is. */
export async function updateTag(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<TagRecord> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'tag.manage');
  const { id, name, color } = validate(UpdateInput, input);
  try {
    return await inTransaction(deps, async (tx) => {
      const [current] = await tx
        .select(tagColumns)
        .from(tags)
        .where(and(eq(tags.workspaceId, viewer.workspaceId), eq(tags.id, id)))
        .for('update');
      if (!current) throw notFound('Tag');
      const next = { name: name ?? current.name, color: (color ?? current.color).toLowerCase() };
      if (next.name === current.name && next.color === current.color) return current;
      if (next.name.toLowerCase() !== current.name.toLowerCase())
        await assertTagNameFree(tx, viewer.workspaceId, next.name, id);
      const [tag] = await tx
        .update(tags)
        .set(next)
        .where(and(eq(tags.workspaceId, viewer.workspaceId), eq(tags.id, id)))
        .returning(tagColumns);
      if (!tag) throw notFound('Tag');
      await appendEvents(tx, [
        {
          workspaceId: viewer.workspaceId,
          type: 'TAG_UPDATED',
          ...actorRef(viewer),
          payload: { tag },
        },
      ]);
      return tag;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw tagNameTaken(name ?? '');
    throw error;
  }
}

const DeleteInput = z.object({ id: Id }).strict();

/**
 * Deletes a tag and, by cascade, its place on every visitor. TAG_DELETED
 * carries the tag and how many visitors had it; readers drop it by id.
 */
export async function deleteTag(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<TagRecord> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'tag.manage');
  const { id } = validate(DeleteInput, input);
  return inTransaction(deps, async (tx) => {
    const [tagged] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(visitorTags)
      .where(and(eq(visitorTags.workspaceId, viewer.workspaceId), eq(visitorTags.tagId, id)));
    const [tag] = await tx
      .delete(tags)
      .where(and(eq(tags.workspaceId, viewer.workspaceId), eq(tags.id, id)))
      .returning(tagColumns);
    if (!tag) throw notFound('Tag');
    await appendEvents(tx, [
      {
        workspaceId: viewer.workspaceId,
        type: 'TAG_DELETED',
        ...actorRef(viewer),
        payload: { tag, taggedVisitorCount: tagged?.count ?? 0 },
      },
    ]);
    return tag;
  });
}
