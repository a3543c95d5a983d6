import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { EAGER_BELOW_BYTES, EagerWebSocket } from './eager-web-socket.js';

const opened: { server: WebSocketServer; client: WebSocket }[] = [];
afterEach(async () => {
  for (const { server, client } of opened.splice(0)) {
    client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** A server of EagerWebSockets and one client; resolves with the server side of it. */
async function pair(): Promise<{ socket: EagerWebSocket; client: WebSocket }> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', WebSocket: EagerWebSocket });
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[EagerWebSocket]>;
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  opened.push({ server, client });
  await once(client, 'open');
  const [socket] = await accepted;
  return { socket, client };
}

describe('EagerWebSocket', () => {
  it('calls back as soon as a frame is handed over, and frames arrive in order', async () => {
    const { socket, client } = await pair();
    const received: string[] = [];
    client.on('message', (data: Buffer) => received.push(data.toString()));
    const called: string[] = [];
    socket.send('next', () => called.push('next'));
    // At once, in the same turn: graphql-ws sends `complete` right after.
    expect(called).toEqual(['next']);
    socket.send('complete', { binary: false }, () => called.push('complete'));
    expect(called).toEqual(['next', 'complete']);
    await expect.poll(() => received).toEqual(['next', 'complete']);
  });

  it('waits for the write, as ws does, once a slow reader lets bytes pile up', async () => {
    const { socket, client } = await pair();
    // The client stops reading: the server's frames stay queued on its side.
    client.pause();
    const chunk = 'x'.repeat(16 * 1024);
    let tries = 0;
    while (socket.bufferedAmount < EAGER_BELOW_BYTES && tries < 10_000) {
      socket.send(chunk, () => undefined);
      tries += 1;
      if (tries % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(socket.bufferedAmount).toBeGreaterThanOrEqual(EAGER_BELOW_BYTES);
    let called = false;
    socket.send('late', () => {
      called = true;
    });
    expect(called).toBe(false);
    client.resume();
    await expect.poll(() => called, { timeout: 5_000 }).toBe(true);
  });
});
