import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { EagerWebSocket } from './eager-web-socket.js';
import { keepAlive } from './keep-alive.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('keepAlive', () => {
  it('keeps a socket that answers pings and ends one that stops answering', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1', WebSocket: EagerWebSocket });
    await once(server, 'listening');
    const stop = keepAlive(server, 40);
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const lively = new WebSocket(url);
    const silent = new WebSocket(url);
    cleanups.push(async () => {
      stop();
      lively.terminate();
      silent.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    await Promise.all([once(lively, 'open'), once(silent, 'open')]);
    let pinged = 0;
    lively.on('ping', () => (pinged += 1));
    // A peer that has gone away: it reads nothing, so it answers no ping.
    silent.pause();
    await expect.poll(() => server.clients.size, { timeout: 2_000 }).toBe(1);
    await expect.poll(() => pinged, { timeout: 2_000 }).toBeGreaterThanOrEqual(3);
    expect(lively.readyState).toBe(WebSocket.OPEN);
  });
});
