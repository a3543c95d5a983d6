import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { LeanSocket } from './lean-socket.js';

// A graphql-transport-ws peer that answers `{ echo }` with the variables, and
// anything else with a GraphQL error (in `next`, as graphql-ws does).
let server: WebSocketServer;
let url: string;
const inits: unknown[] = [];

beforeAll(async () => {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(server, 'listening');
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('connection', (socket, request) => {
    if (request.headers['sec-websocket-protocol'] !== 'graphql-transport-ws') socket.close(4406);
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as {
        id?: string;
        type: string;
        payload: { query?: string; variables?: unknown; visitorToken?: string };
      };
      if (message.type === 'connection_init') {
        inits.push(message.payload);
        if (message.payload.visitorToken === 'bad') socket.close(4403, 'Forbidden');
        else socket.send(JSON.stringify({ type: 'connection_ack' }));
        return;
      }
      const { id, payload } = message;
      const result =
        payload.query === '{ echo }'
          ? { data: { echo: payload.variables } }
          : { errors: [{ message: 'nope', extensions: { code: 'BAD_USER_INPUT' } }] };
      socket.send(JSON.stringify({ id, type: 'next', payload: result }));
      socket.send(JSON.stringify({ id, type: 'complete' }));
    });
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('LeanSocket', () => {
  it('sends connection params and resolves each operation with its own data', async () => {
    const socket = await LeanSocket.open(url, { visitorToken: 'good' });
    expect(inits).toContainEqual({ visitorToken: 'good' });
    const answers = await Promise.all([
      socket.run('{ echo }', { n: 1 }),
      socket.run('{ echo }', { n: 2 }),
    ]);
    expect(answers).toEqual([{ echo: { n: 1 } }, { echo: { n: 2 } }]);
    await socket.close();
  });

  it('rejects an operation answered with errors, and a refused handshake', async () => {
    const socket = await LeanSocket.open(url, { visitorToken: 'good' });
    await expect(socket.run('{ other }', {})).rejects.toThrow('BAD_USER_INPUT');
    await socket.close();
    await expect(LeanSocket.open(url, { visitorToken: 'bad' })).rejects.toThrow('4403');
  });
});
