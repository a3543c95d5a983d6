// An agent's avatar. Until Parley has file storage the image lives in the
// database: never the uploaded bytes, but a 256×256 WebP the server decoded
// and re-encoded (metadata and anything hidden in the file are dropped).
// The real type is sniffed from the bytes (file-type), SVG is refused (it can
// carry scripts), and sharp refuses images with more than AVATAR_MAX_PIXELS
// before decoding them (decompression bombs).
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { z } from 'zod';
import { agentAvatars, eq } from '@parley/db';
import { requireAgent, type Actor } from '../shared/actor.js';
import { DomainError, notFound } from '../shared/errors.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import { announceAgent, getMyProfile, type AgentProfileRecord } from './agent-profile.js';

/** Largest upload accepted, decoded (base64 adds a third on the wire). */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
/** Larger images are refused before decoding: 4096×4096. */
export const AVATAR_MAX_PIXELS = 4096 * 4096;
export const AVATAR_SIZE = 256;
const ACCEPTED = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);
const STORED_TYPE = 'image/webp';

/** File extension in avatar URLs, per stored content type. */
export const AVATAR_EXTENSIONS: Readonly<Record<string, string>> = { 'image/webp': 'webp' };

export type AvatarRefusal =
  | 'AVATAR_TOO_LARGE'
  | 'AVATAR_NOT_AN_IMAGE'
  | 'AVATAR_UNSUPPORTED_TYPE'
  | 'AVATAR_TOO_MANY_PIXELS'
  | 'AVATAR_UNREADABLE';

const refuse = (reason: AvatarRefusal, message: string) =>
  new DomainError('BAD_USER_INPUT', message, { field: 'image', reason });

const Input = z
  .object({
    // Base64 (standard or URL-safe), optionally as a data: URL.
    image: z.string().min(1, 'is required'),
  })
  .strict();

function decodeBase64(text: string): Buffer {
  // Refused before decoding anything (base64 is 4 characters per 3 bytes).
  if (text.length > Math.ceil(AVATAR_MAX_BYTES / 3) * 4 + 100)
    throw refuse('AVATAR_TOO_LARGE', 'The image is larger than 2 MB.');
  const body = text.startsWith('data:') ? text.slice(text.indexOf(',') + 1) : text;
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(body.replace(/\s+/g, '')))
    throw refuse('AVATAR_NOT_AN_IMAGE', 'The image must be sent as base64.');
  return Buffer.from(body, 'base64');
}

function looksLikeSvg(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 1024).toString('utf8').trimStart().toLowerCase();
  return head.startsWith('<') && head.includes('<svg');
}

/** Checks and re-encodes an upload; throws a coded BAD_USER_INPUT for anything else. */
export async function processAvatar(bytes: Buffer): Promise<Buffer> {
  if (bytes.length > AVATAR_MAX_BYTES)
    throw refuse('AVATAR_TOO_LARGE', 'The image is larger than 2 MB.');
  const type = await fileTypeFromBuffer(bytes);
  if (!type) {
    if (looksLikeSvg(bytes))
      throw refuse(
        'AVATAR_UNSUPPORTED_TYPE',
        'SVG images are not accepted (they can carry scripts); use PNG, JPEG, WebP or GIF.',
      );
    throw refuse('AVATAR_NOT_AN_IMAGE', 'The file is not an image; use PNG, JPEG, WebP or GIF.');
  }
  if (!ACCEPTED.has(type.mime))
    throw refuse(
      'AVATAR_UNSUPPORTED_TYPE',
      `${type.mime} images are not accepted; use PNG, JPEG, WebP or GIF.`,
    );
  try {
    return await sharp(bytes, { limitInputPixels: AVATAR_MAX_PIXELS, failOn: 'error' })
      .rotate() // apply EXIF orientation; metadata is not copied to the output
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover', position: 'attention' })
      .webp({ quality: 85 })
      .toBuffer();
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/pixel limit/i.test(message))
      throw refuse(
        'AVATAR_TOO_MANY_PIXELS',
        'The image has too many pixels; use one of at most 4096×4096.',
      );
    throw refuse('AVATAR_UNREADABLE', 'The image could not be read; it may be damaged.');
  }
}

/** Replaces the signed-in agent's avatar with the uploaded image. */
export async function setMyAvatar(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<AgentProfileRecord> {
  const viewer = requireAgent(actor);
  const { image } = validate(Input, input);
  // Decoding and encoding happen before the transaction: no lock is held meanwhile.
  const webp = await processAvatar(decodeBase64(image));
  const hash = createHash('sha256').update(webp).digest('hex').slice(0, 16);
  await inTransaction(deps, async (tx) => {
    await tx
      .insert(agentAvatars)
      .values({ agentId: viewer.agentId, image: webp, contentType: STORED_TYPE, hash })
      .onConflictDoUpdate({
        target: agentAvatars.agentId,
        set: { image: webp, contentType: STORED_TYPE, hash, updatedAt: new Date() },
      });
    const profile = await getMyProfile({ ...deps, db: tx }, viewer);
    if (!profile) throw notFound('Agent');
    await announceAgent(tx, viewer, profile);
  });
  const profile = await getMyProfile(deps, viewer);
  if (!profile) throw notFound('Agent');
  return profile;
}

export async function removeMyAvatar(
  deps: CoreDeps,
  actor: Actor | null,
): Promise<AgentProfileRecord> {
  const viewer = requireAgent(actor);
  await inTransaction(deps, async (tx) => {
    const removed = await tx
      .delete(agentAvatars)
      .where(eq(agentAvatars.agentId, viewer.agentId))
      .returning({ agentId: agentAvatars.agentId });
    if (removed.length === 0) return;
    const profile = await getMyProfile({ ...deps, db: tx }, viewer);
    if (!profile) throw notFound('Agent');
    await announceAgent(tx, viewer, profile);
  });
  const profile = await getMyProfile(deps, viewer);
  if (!profile) throw notFound('Agent');
  return profile;
}

export interface AvatarImage {
  image: Buffer;
  contentType: string;
  hash: string;
}

/**
 * The stored avatar for the public `/avatars/<agentId>.<ext>` URL. Avatars
 * are not secret (colleagues and, later, visitors see them); agent ids are
 * random UUIDs, so the URL cannot be guessed to enumerate agents.
 */
export async function getAvatarImage(deps: CoreDeps, agentId: string): Promise<AvatarImage | null> {
  if (!z.uuid().safeParse(agentId).success) return null;
  const [row] = await deps.db
    .select({
      image: agentAvatars.image,
      contentType: agentAvatars.contentType,
      hash: agentAvatars.hash,
    })
    .from(agentAvatars)
    .where(eq(agentAvatars.agentId, agentId));
  return row ?? null;
}

/** The avatar URL path for an agent with a stored avatar (served by the API, proxied by the web app). */
export function avatarPath(agentId: string, hash: string | null): string | null {
  return hash ? `/avatars/${agentId}.webp?v=${hash}` : null;
}
