import type { IncomingMessage } from 'node:http';

export class RequestTooLarge extends Error {
  constructor(limit: number) {
    super(`The request body exceeds ${limit} bytes.`);
  }
}

/** Reads a request body as UTF-8, refusing more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new RequestTooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new RequestTooLarge(limit);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
