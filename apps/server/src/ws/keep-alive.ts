import type { WebSocket, WebSocketServer } from 'ws';
import { EagerWebSocket } from './eager-web-socket.js';

/**
 * graphql-ws's keep-alive runs an interval per socket, and a timeout and a
 * one-off listener per ping: a few hundred bytes for each idle socket. One
 * sweep over all sockets does the same job (the `ws` documentation's way).
 */
export function keepAlive(wss: WebSocketServer, everyMs: number): () => void {
  wss.on('connection', (socket) => socket.on('pong', answered));
  const sweep = setInterval(() => {
    for (const socket of wss.clients) {
      if (!(socket instanceof EagerWebSocket)) continue;
      if (!socket.alive) {
        socket.terminate();
        continue;
      }
      socket.alive = false;
      socket.ping();
    }
  }, everyMs);
  sweep.unref();
  return () => clearInterval(sweep);
}

function answered(this: WebSocket): void {
  if (this instanceof EagerWebSocket) this.alive = true;
}
