// Outgoing webhooks against a real HTTP receiver on loopback: signed
// deliveries, retries, replay, SSRF refusal, and a slow receiver that never
// slows the chat.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@parley/core';
import { sql, webhookDeliveries } from '@parley/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestServer, type TestServer } from '../testing/index.js';
import { createInboxFixture, type InboxFixture } from '../testing/inbox-fixtures.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

class Receiver {
  readonly received: Received[] = [];
  /** Status codes to answer with, in order; then 200. */
  statuses: number[] = [];
  /** While set, requests wait for it to resolve before answering. */
  hold: Promise<void> | null = null;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (this.hold) await this.hold;
        res.statusCode = this.statuses.shift() ?? 200;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/hooks/parley`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id url eventTypes } } }`;
const DELIVERIES = `{ webhooks { id deliveries { id eventCursor eventType status attempts lastStatusCode lastError } } }`;
type Deliveries = {
  webhooks: {
    id: string;
    deliveries: {
      id: string;
      eventCursor: string;
      eventType: string;
      status: string;
      attempts: number;
      lastStatusCode: number | null;
    }[];
  }[];
};

let server: TestServer;
let f: InboxFixture;
const receiver = new Receiver();

beforeAll(async () => {
  server = await startTestServer({ env: { PARLEY_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  f = await createInboxFixture(server);
  await receiver.start();
});
afterAll(async () => {
  await server?.close();
  await receiver.stop();
});

describe('outgoing webhooks', () => {
  let secret: string;
  let webhookId: string;

  it('deliver subscribed events, signed, and retry a failure until it succeeds', async () => {
    // An event from before the webhook existed is never delivered.
    await f.visitorSays(await f.newVisitor(), 'before the webhook');
    const created = await f.call<{
      createWebhook: { secret: string; webhook: { id: string; eventTypes: string[] } };
    }>(CREATE, {
      input: { url: receiver.url, eventTypes: ['MESSAGE_CREATED'] },
    });
    expect(created.errors).toBeUndefined();
    ({ secret } = created.data!.createWebhook);
    webhookId = created.data!.createWebhook.webhook.id;
    expect(secret).toMatch(/^whsec_/);

    receiver.statuses = [500];
    const said = await f.visitorSays(await f.newVisitor(), 'Hello webhook');
    await server.core.drainWebhooks();

    expect(receiver.received).toHaveLength(1);
    const first = receiver.received[0]!;
    expect(verifySignature(secret, first.body, String(first.headers['parley-signature']))).toBe(
      true,
    );
    expect(
      verifySignature(secret, `${first.body}x`, String(first.headers['parley-signature'])),
    ).toBe(false);
    const payload = JSON.parse(first.body) as {
      type: string;
      data: { message: { id: string; body: string } };
    };
    expect(payload).toMatchObject({
      type: 'MESSAGE_CREATED',
      data: { message: { id: said.id, body: 'Hello webhook' } },
    });
    expect(first.headers['parley-event']).toBe('MESSAGE_CREATED');

    let list = (await f.call<Deliveries>(DELIVERIES)).data!.webhooks[0]!.deliveries;
    expect(list[0]).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: 500 });

    // The retry is scheduled with backoff; bring it forward instead of waiting.
    await server.database.db.update(webhookDeliveries).set({ nextAttemptAt: sql`now()` });
    await server.core.drainWebhooks();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers['parley-delivery']).toBe(first.headers['parley-delivery']);
    list = (await f.call<Deliveries>(DELIVERIES)).data!.webhooks[0]!.deliveries;
    expect(list[0]).toMatchObject({ status: 'SUCCEEDED', attempts: 2, lastStatusCode: 200 });
  });

  it('replays a delivery by hand', async () => {
    const [delivery] = (await f.call<Deliveries>(DELIVERIES)).data!.webhooks[0]!.deliveries;
    const replayed = await f.call<{ replayWebhookDelivery: { status: string } }>(
      `mutation($id: ID!) { replayWebhookDelivery(id: $id) { status } }`,
      { id: delivery!.id },
    );
    expect(replayed.data?.replayWebhookDelivery.status).toBe('PENDING');
    await server.core.drainWebhooks();
    expect(receiver.received).toHaveLength(3);
    expect(JSON.parse(receiver.received[2]!.body).id).toBe(delivery!.eventCursor);
  });

  it('a slow receiver never slows the chat', async () => {
    let release!: () => void;
    receiver.hold = new Promise<void>((resolve) => (release = resolve));
    const before = receiver.received.length;
    await f.visitorSays(await f.newVisitor(), 'while the receiver hangs');
    const sending = server.core.drainWebhooks();
    // The receiver has the request and has not answered, yet the chat goes on.
    await expect.poll(() => receiver.received.length).toBe(before + 1);
    const reply = await f.visitorSays(await f.newVisitor(), 'still fast');
    expect(reply.seq).toBe(1);
    release();
    receiver.hold = null;
    await sending;
  });

  it('only admins manage webhooks', async () => {
    expect(errorCode(await f.call(DELIVERIES, {}, { token: f.agentToken }))).toBe('FORBIDDEN');
    const refused = await f.call(
      CREATE,
      { input: { url: receiver.url, eventTypes: ['MESSAGE_CREATED'] } },
      { token: f.agentToken },
    );
    expect(errorCode(refused)).toBe('FORBIDDEN');
  });

  it('rejects bad URLs and event types', async () => {
    expect(
      errorCode(
        await f.call(CREATE, {
          input: { url: 'ftp://example.com', eventTypes: ['MESSAGE_CREATED'] },
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await f.call(CREATE, { input: { url: receiver.url, eventTypes: [] } }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('deleting a webhook stops its deliveries', async () => {
    const deleted = await f.call<{ deleteWebhook: boolean }>(
      `mutation($id: ID!) { deleteWebhook(id: $id) }`,
      { id: webhookId },
    );
    expect(deleted.data?.deleteWebhook).toBe(true);
    const before = receiver.received.length;
    await f.visitorSays(await f.newVisitor(), 'after deletion');
    await server.core.drainWebhooks();
    expect(receiver.received.length).toBe(before);
  });
});

describe('webhook address policy', () => {
  it("refuses URLs pointing at the server's own network unless configured", async () => {
    const strict = await startTestServer();
    try {
      const g = await createInboxFixture(strict);
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://localhost/x',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]/x',
      ]) {
        const response = await g.call(CREATE, { input: { url, eventTypes: ['MESSAGE_CREATED'] } });
        expect(errorCode(response), url).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0]?.message, url).toMatch(/internal address/);
      }
    } finally {
      await strict.close();
    }
  });
});
