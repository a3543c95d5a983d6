// One rule for tag names and colours, shared by create, rename and recolour.
import { z } from 'zod';
import { and, eq, ne, sql, tags, type Database } from '@parley/db';
import { DomainError } from '../shared/errors.js';

export const TagName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(50, 'must be at most 50 characters');

export const TagColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour');

/** Names are unique per workspace, ignoring case: "VIP" and "vip" are one tag. */
export async function assertTagNameFree(
  tx: Database,
  workspaceId: string,
  name: string,
  exceptTagId?: string,
): Promise<void> {
  const [existing] = await tx
    .select({ id: tags.id })
    .from(tags)
    .where(
      and(
        eq(tags.workspaceId, workspaceId),
        eq(sql`lower(${tags.name})`, name.toLowerCase()),
        ...(exceptTagId ? [ne(tags.id, exceptTagId)] : []),
      ),
    );
  if (existing) throw tagNameTaken(name);
}

export const tagNameTaken = (name: string) =>
  new DomainError('CONFLICT', `A tag named "${name}" already exists.`, { field: 'name' });

/** PostgreSQL's unique_violation: two writers raced past the check above. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
