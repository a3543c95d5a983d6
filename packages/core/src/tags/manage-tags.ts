// Creating, listing, renaming, recolouring and deleting tags. Each change
// writes its event in the same transaction, so open workbenches add, rename or
// drop the tag on the visitors they show (deleting cascades to visitor_tags,
// which writes no event itself).
import { z } from 'zod';
import { and, asc, eq, sql, tags, visitorTags, type Database } from '@parley/db';
import { actorRef } from '../conversations/lifecycle.js';
import { appendEvents } from '../events/append-events.js';
import { requireWorkspaceActor, type Actor, type WorkspaceActor } from '../shared/actor.js';
import type { EventPayload } from '../events/event-types.js';
import { notFound } from '../shared/errors.js';
import { requirePermission } from '../shared/permissions.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import {
  assertTagNameFree,
  isUniqueViolation,
  TagColor,
  TagName,
  tagNameTaken,
} from './tag-rules.js';

export interface TagRecord {
  id: string;
  name: string;
  color: string;
}

const tagColumns = { id: tags.id, name: tags.name, color: tags.color };

/** Appends a tag's change to the log, in the caller's transaction. */
function tagChanged(
  tx: Database,
  viewer: WorkspaceActor,
  type: 'TAG_CREATED' | 'TAG_UPDATED' | 'TAG_DELETED',
  payload: EventPayload,
): Promise<void> {
  return appendEvents(tx, [
    { workspaceId: viewer.workspaceId, type, ...actorRef(viewer), payload },
  ]);
}
const TAG_COLORS = [
  '#6366f1',
  '#0ea5e9',
  '#10b981',
  '#f59e0b',
  '#ef4444',
  '#8b5cf6',
  '#ec4899',
  '#64748b',
];
const TagInput = z.object({
  name: TagName,
  color: TagColor.nullish(),
});

export async function createTag(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<TagRecord> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'tag.manage');
  const { name, color } = validate(TagInput, input);
  try {
    return await inTransaction(deps, async (tx) => {
      await assertTagNameFree(tx, viewer.workspaceId, name);
      const [tag] = await tx
        .insert(tags)
        .values({
          workspaceId: viewer.workspaceId,
          name,
          color: (color ?? TAG_COLORS[name.length % TAG_COLORS.length] ?? '#6366f1').toLowerCase(),
        })
        .returning(tagColumns);
      if (!tag) throw new Error('tag insert returned nothing');
      await tagChanged(tx, viewer, 'TAG_CREATED', { tag });
      return tag;
    });
  } catch (error) {
    // Two creators raced past the name check: the unique index decided.
    if (isUniqueViolation(error)) throw tagNameTaken(name);
    throw error;
  }
}

export async function listTags(deps: CoreDeps, actor: Actor | null): Promise<TagRecord[]> {
  const viewer = requireWorkspaceActor(actor);
  return deps.db
    .select(tagColumns)
    .from(tags)
    .where(eq(tags.workspaceId, viewer.workspaceId))
    .orderBy(asc(tags.name));
}

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
      await tagChanged(tx, viewer, 'TAG_UPDATED', { tag });
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
    await tagChanged(tx, viewer, 'TAG_DELETED', { tag, taggedVisitorCount: tagged?.count ?? 0 });
    return tag;
  });
}
