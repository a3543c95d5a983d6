import type { IncomingMessage } from 'node:http';
import type { RequestInfo } from '@parley/core';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The caller's IP. X-Forwarded-For is trusted only from a loopback peer (the
 * workbench's own proxy on this machine); anyone else could forge it.
 */
export function clientAddress(req: IncomingMessage): string | null {
  const peer = req.socket.remoteAddress ?? null;
  const forwarded = req.headers['x-forwarded-for'];
  if (peer && LOOPBACK.has(peer) && typeof forwarded === 'string' && forwarded.trim()) {
    return forwarded.split(',')[0]?.trim() || peer;
  }
  return peer;
}

/** The caller's device facts for the visitor profile, from an HTTP or upgrade request. */
export function requestInfo(req: IncomingMessage): RequestInfo {
  return { userAgent: req.headers['user-agent'] ?? null, ip: clientAddress(req) };
}
