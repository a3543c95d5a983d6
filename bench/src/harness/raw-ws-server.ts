// The fan-out baseline: a raw `ws` server in its own process (so its RSS can
// be read in isolation). Each socket sends one subscribe message and the
// server keeps a record of it, as a subscription server would; POST
// /broadcast sends the request body to every subscribed socket, wrapped with
// that socket's subscription id. Prints "ready" once listening.
//
//   node --import tsx raw-ws-server.ts <port>
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

interface SubscriptionRecord {
  id: string;
  query: string;
  subscribedAt: number;
}

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('raw-ws-server: usage: raw-ws-server.ts <port>');
  process.exit(2);
}

const subscriptions = new Map<WebSocket, SubscriptionRecord>();

function subscribeMessage(data: string): { id: string; query: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { type, id, payload } = parsed as Record<string, unknown>;
  if (type !== 'subscribe' || typeof id !== 'string') return null;
  const query =
    typeof payload === 'object' && payload !== null
      ? (payload as Record<string, unknown>).query
      : undefined;
  return { id, query: typeof query === 'string' ? query : '' };
}

const http = createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/broadcast') {
    response.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const event = Buffer.concat(chunks).toString('utf8');
    let sent = 0;
    for (const [socket, record] of subscriptions) {
      socket.send(`{"id":${JSON.stringify(record.id)},"type":"next","payload":${event}}`);
      sent += 1;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sent }));
  });
});

const wss = new WebSocketServer({ server: http, maxPayload: 1_000_000 });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const subscribe = subscribeMessage(data.toString());
    if (!subscribe) {
      socket.close(4400, 'expected a subscribe message');
      return;
    }
    subscriptions.set(socket, { ...subscribe, subscribedAt: Date.now() });
    socket.send(`{"type":"subscribed","id":${JSON.stringify(subscribe.id)}}`);
  });
  socket.on('close', () => subscriptions.delete(socket));
});

http.listen(port, '127.0.0.1', () => console.log('ready'));

process.on('SIGTERM', () => {
  for (const socket of wss.clients) socket.terminate();
  wss.close();
  http.close(() => process.exit(0));
});
