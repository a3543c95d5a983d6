// `next start` behind one rule at the edge: X-Forwarded-For is overwritten
// with the address this server saw. Next's proxy (the /graphql rewrite, HTTP
// and WebSocket) passes on whatever X-Forwarded-For the browser sent, so a
// client could otherwise name any address to the API, which trusts this hop.
// Usage: tsx serve.ts [--port 3000] [--hostname 0.0.0.0]
import { createServer, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import next from 'next';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return (index >= 0 ? process.argv[index + 1] : undefined) ?? fallback;
}

const port = Number(argument('port', process.env.PORT ?? '3000'));
const hostname = argument('hostname', '0.0.0.0');
const dir = fileURLToPath(new URL('.', import.meta.url));
// Next resolves next.config.ts's own imports from the working directory.
process.chdir(dir);

/** The one address the workbench can vouch for: its peer's. */
function stampForwardedFor(req: IncomingMessage): void {
  const peer = req.socket.remoteAddress;
  if (peer) req.headers['x-forwarded-for'] = peer;
  else delete req.headers['x-forwarded-for'];
}

const app = next({ dev: false, dir, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();
const upgrade = app.getUpgradeHandler();

const server = createServer((req, res) => {
  stampForwardedFor(req);
  void handle(req, res);
});
server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
  stampForwardedFor(req);
  void upgrade(req, socket, head);
});
server.listen(port, hostname, () => {
  console.log(`Parley workbench listening on http://${hostname}:${port}`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
