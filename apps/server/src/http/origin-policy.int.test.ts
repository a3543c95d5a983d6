// Requests and sockets from other origins must not act with the session
// cookie: a page on another port of the same host gets SameSite=Lax cookies
// attached, and only its Origin header gives it away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  createWorkspaceFixture,
  errorCode,
  gql,
  startTestServer,
  type TestServer,
} from '../testing/index.js';

const OWN_ORIGIN = 'http://localhost:3000';
const FOREIGN_ORIGIN = 'http://localhost:5555';
const CREATE_WEBHOOK = `mutation { createWebhook(input: { url: "http://127.0.0.1:9/x", eventTypes: [VISITOR_CREATED] }) { secret } }`;

let server: TestServer;
let cookie: string;
let token: string;
beforeAll(async () => {
  server = await startTestServer({ env: { PARLEY_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  const ws = await createWorkspaceFixture(server);
  token = (await server.core.signIn({ email: ws.email, password: ws.password })).token;
  cookie = `parley_session=${token}`;
});
afterAll(() => server?.close());

function post(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(server.graphqlUrl, { method: 'POST', headers, body });
}

describe('session cookie and Origin over HTTP', () => {
  it('a mutation with the cookie from a foreign origin is refused, and nothing is written', async () => {
    const response = await post(JSON.stringify({ query: CREATE_WEBHOOK }), {
      'content-type': 'application/json',
      cookie,
      origin: FOREIGN_ORIGIN,
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('ORIGIN_NOT_ALLOWED');
    const hooks = await gql<{ webhooks: unknown[] }>(
      server.graphqlUrl,
      '{ webhooks { id } }',
      {},
      { token },
    );
    expect(hooks.data?.webhooks).toEqual([]);
  });

  it('the same mutation from the allowed origin works', async () => {
    const response = await post(JSON.stringify({ query: CREATE_WEBHOOK }), {
      'content-type': 'application/json',
      cookie,
      origin: OWN_ORIGIN,
    });
    const body = (await response.json()) as { data?: { createWebhook: { secret: string } } };
    expect(response.status).toBe(200);
    expect(body.data?.createWebhook.secret).toBeTruthy();
  });

  it('a foreign origin with an Authorization header is not cookie-authenticated and is unaffected', async () => {
    const response = await post(JSON.stringify({ query: '{ viewer { agent { email } } }' }), {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      cookie,
      origin: FOREIGN_ORIGIN,
    });
    expect(response.status).toBe(200);
  });

  it('a sign-in from a foreign origin sets no cookie', async () => {
    const ws = await createWorkspaceFixture(server);
    const response = await post(
      JSON.stringify({
        query: `mutation { signIn(input: { email: "${ws.email}", password: "${ws.password}" }) { token } }`,
      }),
      { 'content-type': 'application/json', origin: FOREIGN_ORIGIN },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('a body that is not exactly application/json is refused with 415 (no CORS preflight for it)', async () => {
    for (const contentType of [
      'text/plain;x=json',
      'text/plain',
      'application/x-www-form-urlencoded',
    ]) {
      const response = await post(JSON.stringify({ query: CREATE_WEBHOOK }), {
        'content-type': contentType,
        cookie,
      });
      expect(response.status, contentType).toBe(415);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const spec = await post(JSON.stringify({ query: '{ __typename }' }), {
      'content-type': 'application/graphql-response+json; charset=utf-8',
    });
    expect(spec.status).toBe(200);
  });

  it('every response says nosniff and no-referrer', async () => {
    const answered = await gql(server.graphqlUrl, '{ __typename }');
    expect(errorCode(answered)).toBeUndefined();
    for (const response of [answered.headers, (await fetch(`${server.url}/nowhere`)).headers]) {
      expect(response.get('x-content-type-options')).toBe('nosniff');
      expect(response.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

/** Opens a graphql-transport-ws socket with the given upgrade headers: 'ack' or the close code and reason. */
function connect(headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws', { headers });
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') {
        resolve('ack');
        socket.close();
      }
    });
    socket.on('close', (code, reason) => resolve(`${code} ${String(reason)}`));
    socket.on('error', () => undefined);
  });
}

describe('session cookie and Origin on a WebSocket upgrade', () => {
  it('a socket with the cookie from a foreign origin is refused', async () => {
    expect(await connect({ cookie, origin: FOREIGN_ORIGIN })).toBe('4403 Origin not allowed');
  });

  it('the same socket from the allowed origin (or without an Origin) is accepted', async () => {
    expect(await connect({ cookie, origin: OWN_ORIGIN })).toBe('ack');
    expect(await connect({ cookie, origin: 'http://127.0.0.1:3000' })).toBe('ack');
    expect(await connect({ cookie })).toBe('ack');
  });
});
