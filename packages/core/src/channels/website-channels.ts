// Website channels and who may frame their widget. `allowedOrigins` lists the
// sites (origins) that embed the widget; the workbench's own origin may always
// frame it (the /demo page), so an empty list is the safe default.
import { z } from 'zod';
import { and, asc, channels, eq } from '@parley/db';
import { audit } from '../audit/audit-log.js';
import { appendEvents } from '../events/append-events.js';
import { actorRef } from '../conversations/lifecycle.js';
import { requireWorkspaceActor, type Actor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { requirePermission } from '../shared/permissions.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';

export const MAX_ALLOWED_ORIGINS = 20;

export interface WebsiteChannelRecord {
  id: string;
  workspaceId: string;
  name: string;
  key: string;
  allowedOrigins: string[];
}

const columns = {
  id: channels.id,
  workspaceId: channels.workspaceId,
  name: channels.name,
  key: channels.publicKey,
  allowedOrigins: channels.allowedOrigins,
};

/** `https://Shop.Example.com/path` → `https://shop.example.com`; null for anything that is not a plain http(s) origin. */
export function normalizeOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || !url.hostname || url.hostname.includes('*')) return null;
  return url.origin;
}

const Origin = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(300, 'must be at most 300 characters')
  .transform((value, ctx) => {
    const origin = normalizeOrigin(value);
    if (!origin) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a website address such as https://shop.example.com (http or https only)',
      });
      return z.NEVER;
    }
    return origin;
  });

const UpdateInput = z
  .object({
    channelId: Id,
    allowedOrigins: z
      .array(Origin)
      .max(MAX_ALLOWED_ORIGINS, `must list at most ${MAX_ALLOWED_ORIGINS} origins`),
  })
  .strict();

/** The actor's workspace's website channels (needs settings.manage). */
export async function listWebsiteChannels(
  deps: CoreDeps,
  actor: Actor | null,
): Promise<WebsiteChannelRecord[]> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'settings.manage');
  return deps.db
    .select(columns)
    .from(channels)
    .where(and(eq(channels.workspaceId, viewer.workspaceId), eq(channels.kind, 'WEBSITE')))
    .orderBy(asc(channels.createdAt), asc(channels.id));
}

/** Replaces the origins allowed to frame a website channel's widget; audited. */
export async function updateChannelAllowedOrigins(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<WebsiteChannelRecord> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'settings.manage');
  const { channelId, allowedOrigins } = validate(UpdateInput, input);
  const origins = [...new Set(allowedOrigins)];
  const scope = and(
    eq(channels.id, channelId),
    eq(channels.workspaceId, viewer.workspaceId),
    eq(channels.kind, 'WEBSITE'),
  );
  return inTransaction(deps, async (tx) => {
    const [before] = await tx.select(columns).from(channels).where(scope).for('update');
    if (!before) throw notFound('Channel');
    const [channel] = await tx
      .update(channels)
      .set({ allowedOrigins: origins })
      .where(scope)
      .returning(columns);
    if (!channel) throw notFound('Channel');
    await audit(
      tx,
      viewer,
      'channel.origins_changed',
      { type: 'channel', id: channel.id },
      { allowedOrigins: before.allowedOrigins },
      { allowedOrigins: channel.allowedOrigins },
    );
    await appendEvents(tx, [
      {
        workspaceId: viewer.workspaceId,
        type: 'WORKSPACE_SETTINGS_CHANGED',
        ...actorRef(viewer),
        payload: { channel: { id: channel.id, allowedOrigins: channel.allowedOrigins } },
      },
    ]);
    return channel;
  });
}

/**
 * Anonymous: the origins allowed to frame a website channel's widget, by its
 * public key. Unknown keys answer an empty list; nothing else is revealed.
 */
export async function widgetFramePolicy(deps: CoreDeps, input: unknown): Promise<string[]> {
  const key = typeof input === 'string' ? input : '';
  if (!key || key.length > 200) return [];
  if ([...key].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return [];
  const [channel] = await deps.db
    .select({ allowedOrigins: channels.allowedOrigins })
    .from(channels)
    .where(and(eq(channels.publicKey, key), eq(channels.kind, 'WEBSITE')));
  return channel?.allowedOrigins ?? [];
}
