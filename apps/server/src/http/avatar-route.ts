// GET /avatars/<agentId>.<ext>?v=<hash>: an agent's stored avatar. Public
// (avatars are not secret; agent ids are random UUIDs). With the current
// `v` the answer is cached for a year (the URL changes with the image);
// without it, briefly.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AVATAR_EXTENSIONS, type Core } from '@parley/core';

export const AVATAR_PREFIX = '/avatars/';
const PATH = /^\/avatars\/([0-9a-fA-F-]{36})\.([a-z0-9]{2,5})$/;

export async function serveAvatar(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return end(res, 405);
  }
  const [, agentId, extension] = PATH.exec(url.pathname) ?? [];
  const avatar = agentId ? await core.getAvatarImage(agentId.toLowerCase()) : null;
  if (!avatar || AVATAR_EXTENSIONS[avatar.contentType] !== extension) return end(res, 404);
  const etag = `"${avatar.hash}"`;
  res.setHeader('content-type', avatar.contentType);
  res.setHeader('x-content-type-options', 'nosniff');
  // An image never runs anything; should it be opened as a document, nothing may load.
  res.setHeader('content-security-policy', "default-src 'none'; sandbox");
  res.setHeader('etag', etag);
  res.setHeader(
    'cache-control',
    url.searchParams.get('v') === avatar.hash
      ? 'public, max-age=31536000, immutable'
      : 'public, max-age=60, must-revalidate',
  );
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('content-length', String(avatar.image.length));
  res.statusCode = 200;
  res.end(req.method === 'HEAD' ? undefined : avatar.image);
}

function end(res: ServerResponse, status: number): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cache-control', 'no-store');
  res.end(status === 404 ? 'Not found' : '');
}
