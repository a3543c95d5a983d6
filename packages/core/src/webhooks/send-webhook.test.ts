// A delivery connects to the address that was checked, never to whatever the
// name resolves to a moment later (DNS rebinding).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertDeliverable } from './address-policy.js';
import { postWebhook } from './send-webhook.js';

let receiver: Server;
let port: number;
const received: { host: string | undefined; body: string }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ host: req.headers.host, body });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

function request(url: string) {
  return {
    url: new URL(url),
    headers: { 'content-type': 'application/json' },
    body: '{"a":1}',
    timeoutMs: 2_000,
  };
}

describe('sending a webhook', () => {
  it('connects to the checked address, resolving the name once', async () => {
    const lookups: string[] = [];
    const policy = {
      allowPrivate: true,
      // A name no system resolver knows: the request can only reach the
      // receiver through the address this resolver gave.
      resolve: async (host: string) => {
        lookups.push(host);
        return ['127.0.0.1'];
      },
    };
    received.length = 0;
    const status = await postWebhook(request(`http://hooks.parley.invalid:${port}/in`), policy);
    expect(status).toBe(204);
    expect(lookups).toEqual(['hooks.parley.invalid']);
    expect(received).toEqual([{ host: `hooks.parley.invalid:${port}`, body: '{"a":1}' }]);
  });

  it('a name re-pointed at loopback after registration is refused at send time, and nothing is sent', async () => {
    const answers = [['93.184.216.34'], ['127.0.0.1']];
    const policy = { allowPrivate: false, resolve: async () => answers.shift() ?? [] };
    const url = `http://rebind.parley.invalid:${port}/in`;
    await expect(assertDeliverable(new URL(url), policy)).resolves.toBeUndefined();
    received.length = 0;
    await expect(postWebhook(request(url), policy)).rejects.toThrow(
      /internal address \(127\.0\.0\.1\)/,
    );
    expect(received).toEqual([]);
  });

  it('localhost is refused at send time', async () => {
    received.length = 0;
    await expect(
      postWebhook(request(`http://localhost:${port}/in`), { allowPrivate: false }),
    ).rejects.toThrow(/internal address/);
    expect(received).toEqual([]);
  });
});
