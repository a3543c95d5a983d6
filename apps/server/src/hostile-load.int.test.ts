// Hostile load against the real server process: an anonymous visitor and a
// plain agent try the attacks of the "Parley for real teams" issue (holes 1–5:
// subscription floods, spoofed addresses, response amplification, cross-origin
// requests with the cookie, message floods) at once. Throughout, /healthz
// answers within 1 s, the process's RSS stays under a fixed bound above its
// idle size, every refusal carries a coded error (never INTERNAL_SERVER_ERROR
// or a 500), and every message the server acknowledged is still there.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTestDatabase, type TestDatabase } from '@parley/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { gql } from './testing/index.js';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'parley-hostile-'));
/** Growth of the server's RSS over its idle size that the attacks may cause. */
const RSS_GROWTH_BOUND_MB = 350;
const HEALTH_BOUND_MS = 1_000;

let child: ChildProcess | null = null;
let database: TestDatabase | null = null;
let output = '';
let url = '';
let wsUrl = '';

afterAll(async () => {
  child?.kill('SIGKILL');
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function waitFor(pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const check = () => {
      const match = output.match(pattern);
      if (match) resolve(match);
      else if (Date.now() > deadline) reject(new Error(`no ${pattern} in output:\n${output}`));
      else setTimeout(check, 50);
    };
    check();
  });
}

/** The process's resident size; infinite once it is gone (a crash fails the bound). */
function rssMb(pid: number): number {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/**
 * Polls /healthz and the server's RSS until told to stop, keeping the worst of
 * each. It runs as a process of its own: the attack clients below keep this
 * test's event loop busy, and their load must not read as a slow server.
 */
const PROBE = `
const { readFileSync } = require('node:fs');
const [url, pid] = process.argv.slice(1);
const failures = [];
let worstHealthMs = 0;
let worstAt = 0;
const first = performance.now();
let peakRss = 0;
let running = true;
function rssMb() {
  try {
    const status = readFileSync('/proc/' + pid + '/status', 'utf8');
    return Number((/VmRSS:\\s+(\\d+)/.exec(status) || [])[1] || 0) / 1024;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
process.stdin.on('data', () => { running = false; });
(async () => {
  while (running) {
    const started = performance.now();
    try {
      const response = await fetch(url + '/healthz', { signal: AbortSignal.timeout(5000) });
      const text = await response.text();
      if (response.status !== 200) failures.push(response.status + ' ' + text);
    } catch (error) {
      failures.push(String(error));
    }
    const took = performance.now() - started;
    if (took > worstHealthMs) { worstHealthMs = took; worstAt = started - first; }
    peakRss = Math.max(peakRss, rssMb());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.stdout.write(JSON.stringify({ worstHealthMs, worstAt, failures, peakRss }));
})();
`;

function monitor(pid: number) {
  const probe = spawn(process.execPath, ['-e', PROBE, url, String(pid)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  probe.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const done = new Promise<void>((resolve) => probe.on('exit', () => resolve()));
  return {
    async stop() {
      probe.stdin?.end('stop\n');
      await done;
      return JSON.parse(out) as { worstHealthMs: number; failures: string[]; peakRss: number };
    },
  };
}

interface SocketOutcome {
  next: number;
  errorCodes: string[];
  closeCode: number | null;
}

/**
 * A raw graphql-transport-ws socket that starts `count` subscriptions at once
 * and reads for `ms`, then closes. Counts results and error codes.
 */
function floodSubscriptions(
  params: Record<string, unknown>,
  query: string,
  count: number,
  ms: number,
  headers: Record<string, string> = {},
): Promise<SocketOutcome> {
  return new Promise((resolve) => {
    const outcome: SocketOutcome = { next: 0, errorCodes: [], closeCode: null };
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws', { headers });
    const done = setTimeout(() => socket.close(1000), ms);
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: params })),
    );
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      // Results are counted, not parsed: the attacker's own CPU shares the
      // machine with the server under test.
      if (text.slice(0, 40).includes('"type":"next"') && !text.includes('"errors"')) {
        outcome.next += 1;
        return;
      }
      const message = JSON.parse(text) as {
        type: string;
        payload?: { extensions?: { code?: string } }[] | { errors?: unknown[] };
      };
      if (message.type === 'connection_ack') {
        for (let i = 0; i < count; i += 1)
          socket.send(JSON.stringify({ id: String(i), type: 'subscribe', payload: { query } }));
      } else if (message.type === 'next') {
        outcome.next += 1;
        const errors = (message.payload as { errors?: { extensions?: { code?: string } }[] })
          .errors;
        for (const error of errors ?? [])
          outcome.errorCodes.push(error.extensions?.code ?? 'NO_CODE');
      } else if (message.type === 'error') {
        for (const error of (message.payload ?? []) as { extensions?: { code?: string } }[])
          outcome.errorCodes.push(error.extensions?.code ?? 'NO_CODE');
      }
    });
    socket.on('close', (code) => {
      clearTimeout(done);
      outcome.closeCode = code;
      resolve(outcome);
    });
    socket.on('error', () => undefined);
  });
}

function count(values: (string | number)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

let ownerToken = '';
let agentToken = '';
let agentCookie = '';
let visitorToken = '';
let conversationId = '';

beforeAll(async () => {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: '0',
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_SEED_DEMO: 'true',
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    PARLEY_SECURE_COOKIES: 'false',
    // The attacks below come from one address (loopback): the per-address
    // request budget would refuse them all before they reach the limits
    // under test, so it is raised; every other limit is the default.
    PARLEY_RATE_LIMIT_PER_MINUTE: '100000',
    // The attackers call the API directly: no proxy of theirs is trusted.
    PARLEY_TRUST_PROXY: 'false',
  };
  if (process.env.DATABASE_URL) {
    database = await openTestDatabase();
    env.DATABASE_URL = database.url!;
  } else {
    delete env.DATABASE_URL;
  }
  child = spawn(process.execPath, ['--import', 'tsx', main], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [, graphqlUrl] = await waitFor(/"url":"(http:\/\/[^"]+)"/, 60_000);
  await waitFor(/Parley demo login/, 60_000);
  url = graphqlUrl!.replace(/\/graphql$/, '');
  wsUrl = graphqlUrl!.replace(/^http/, 'ws');

  const signIn = async (email: string) => {
    const response = await fetch(graphqlUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($e: String!) { signIn(input: { email: $e, password: "parley-demo" }) { token } }`,
        variables: { e: email },
      }),
    });
    const body = (await response.json()) as { data: { signIn: { token: string } } };
    return {
      token: body.data.signIn.token,
      cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!,
    };
  };
  ownerToken = (await signIn('demo@parley.dev')).token;
  const agent = await signIn('lee@parley.dev');
  agentToken = agent.token;
  agentCookie = agent.cookie;

  const session = await gql<{ startVisitorSession: { token: string } }>(
    graphqlUrl!,
    `mutation { startVisitorSession(input: { channelKey: "demo-website" }) { token } }`,
  );
  visitorToken = session.data!.startVisitorSession.token;
  const first = await gql<{ visitorSendMessage: { conversationId: string } }>(
    graphqlUrl!,
    `mutation { visitorSendMessage(input: { body: "hello" }) { conversationId } }`,
    {},
    { visitor: visitorToken },
  );
  conversationId = first.data!.visitorSendMessage.conversationId;
  // A long conversation the visitor can replay: the owner's replies.
  await pool(
    Array.from({ length: 2_000 }, (_, i) => i),
    16,
    (i) =>
      gql(
        graphqlUrl!,
        `mutation($c: ID!, $b: String!) { sendMessage(input: { conversationId: $c, body: $b }) { id } }`,
        { c: conversationId, b: `reply ${i} ${'x'.repeat(1_000)}` },
        { token: ownerToken },
      ),
  );
}, 240_000);

describe('hostile load', () => {
  it('a visitor and a plain agent attack at once; the server stays up, bounded and lossless', async () => {
    const pid = child!.pid!;
    // Idle size after the seed, with a collection's worth of settling.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const idleRss = rssMb(pid);
    const watch = monitor(pid);
    const graphqlUrl = `${url}/graphql`;
    const codes: string[] = [];
    const statuses: number[] = [];
    const note = (response: { status: number; errors?: { extensions?: { code?: string } }[] }) => {
      statuses.push(response.status);
      for (const error of response.errors ?? []) codes.push(error.extensions?.code ?? 'NO_CODE');
    };

    // Hole 5: a visitor floods 10 KB messages. Acknowledged ones must survive.
    const acknowledged: string[] = [];
    const flood = () =>
      pool(
        Array.from({ length: 300 }, (_, i) => i),
        8,
        async (i) => {
          const response = await gql<{ visitorSendMessage: { id: string } }>(
            graphqlUrl,
            `mutation($c: ID!, $b: String!) { visitorSendMessage(input: { conversationId: $c, body: $b }) { id } }`,
            { c: conversationId, b: `flood ${i} ${'y'.repeat(9_900)}` },
            { visitor: visitorToken },
          ).catch(() => ({ status: 599, data: null, errors: undefined }));
          note(response);
          if (response.data?.visitorSendMessage)
            acknowledged.push(response.data.visitorSendMessage.id);
        },
      );

    // Hole 1: subscription floods from both, replaying from the start.
    const subscriptionFloods = () =>
      Promise.all([
        floodSubscriptions(
          { visitorToken },
          'subscription { visitorEvents(after: "0") { cursor message { body } } }',
          100,
          6_000,
        ),
        floodSubscriptions(
          { token: agentToken },
          'subscription { workspaceEvents(after: "0") { cursor message { body } conversation { id lastMessagePreview } } }',
          1_000,
          6_000,
        ),
        ...Array.from({ length: 5 }, () =>
          floodSubscriptions(
            { visitorToken },
            'subscription { visitorEvents(after: "0") { cursor message { body } } }',
            20,
            6_000,
          ),
        ),
      ]);

    // Hole 3: response amplification, as the visitor and as the agent.
    const aliases = (field: string) =>
      Array.from({ length: 20 }, (_, i) => `a${i}: ${field}`).join(' ');
    const amplification = () =>
      Promise.all([
        fetch(graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Visitor ${visitorToken}` },
          body: JSON.stringify({
            query: `{ ${aliases('visitorConversations { messages(last: 200) { body } }')} }`,
          }),
        }),
        fetch(graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${agentToken}` },
          body: JSON.stringify({
            query: `{ ${aliases('conversations(first: 100) { edges { node { messages(last: 200) { body } } } }')} }`,
          }),
        }),
      ]).then((responses) =>
        Promise.all(
          responses.map(async (response) => {
            const text = await response.text();
            statuses.push(response.status);
            return text.length;
          }),
        ),
      );

    // Hole 2: rotating spoofed addresses past the sign-in limit, and a
    // script stored as the visitor's address.
    const spoofedSignIns = () =>
      pool(
        Array.from({ length: 40 }, (_, i) => i),
        4,
        async (i) => {
          try {
            const response = await fetch(graphqlUrl, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'x-forwarded-for': `203.0.113.${i}`,
              },
              body: JSON.stringify({
                query: `mutation { signIn(input: { email: "lee@parley.dev", password: "wrong-password-${i}" }) { token } }`,
              }),
            });
            const body = (await response.json()) as {
              errors?: { extensions?: { code?: string } }[];
            };
            return body.errors?.[0]?.extensions?.code ?? 'NO_CODE';
          } catch (error) {
            return `NETWORK_ERROR ${String((error as { cause?: unknown }).cause ?? error)}`;
          }
        },
      );
    const spoofedVisitor = () =>
      fetch(graphqlUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': '<script>alert(1)</script>',
        },
        body: JSON.stringify({
          query: `mutation { startVisitorSession(input: { channelKey: "demo-website" }) { token visitor { id } } }`,
        }),
      }).then(async (response) => {
        const { data } = (await response.json()) as {
          data: { startVisitorSession: { token: string; visitor: { id: string } } };
        };
        // A message, so the visitor shows in the owner's list.
        await gql(
          graphqlUrl,
          `mutation { visitorSendMessage(input: { body: "spoofed" }) { id } }`,
          {},
          { visitor: data.startVisitorSession.token },
        );
        return data.startVisitorSession.visitor.id;
      });

    // Hole 4: another origin of the same host uses the agent's cookie.
    const crossOrigin = () =>
      Promise.all([
        fetch(graphqlUrl, {
          method: 'POST',
          headers: {
            'content-type': 'text/plain;x=json',
            cookie: agentCookie,
            origin: 'http://localhost:5555',
          },
          body: JSON.stringify({ query: 'mutation { setAgentStatus(status: AWAY) { status } }' }),
        }),
        fetch(graphqlUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: agentCookie,
            origin: 'http://localhost:5555',
          },
          body: JSON.stringify({ query: 'mutation { setAgentStatus(status: AWAY) { status } }' }),
        }),
      ]).then((responses) => responses.map((response) => response.status));
    const crossOriginSocket = () =>
      floodSubscriptions({}, 'subscription { workspaceEvents { cursor } }', 1, 2_000, {
        cookie: agentCookie,
        origin: 'http://localhost:5555',
      });

    // Both attackers at once, one hole after another (1 to 5).
    const floods = await subscriptionFloods();
    const [signInCodes, spoofedVisitorId] = await Promise.all([spoofedSignIns(), spoofedVisitor()]);
    const sizes = await amplification();
    const [crossStatuses, crossSocket] = await Promise.all([crossOrigin(), crossOriginSocket()]);
    await flood();
    const health = await watch.stop();
    console.log(
      'hostile load:',
      JSON.stringify({
        health,
        idleRss,
        statuses: count(statuses),
        codes: count(codes),
        signInCodes: count(signInCodes),
        sizes,
        crossStatuses,
        crossSocket,
        floods: floods.map((f) => ({
          next: f.next,
          errors: count(f.errorCodes),
          close: f.closeCode,
        })),
        acknowledged: acknowledged.length,
      }),
    );

    // Up and bounded throughout.
    expect(health.failures).toEqual([]);
    expect(health.worstHealthMs).toBeLessThan(HEALTH_BOUND_MS);
    expect(health.peakRss - idleRss).toBeLessThan(RSS_GROWTH_BOUND_MB);

    // Every refusal is coded; nothing is a 500 or an internal error.
    for (const floodOutcome of floods) codes.push(...floodOutcome.errorCodes);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(codes.filter((code) => code === 'INTERNAL_SERVER_ERROR' || code === 'NO_CODE')).toEqual(
      [],
    );

    // 5: the flood was cut short by a quota, and what was acknowledged is kept.
    expect(acknowledged.length).toBeLessThan(300);
    expect(codes.some((code) => code === 'RATE_LIMITED' || code === 'QUOTA_EXCEEDED')).toBe(true);
    // 1: past the per-socket limit, subscriptions are refused.
    expect(floods[1]!.errorCodes.length).toBeGreaterThan(0);
    // 3: the largest answer stays small.
    for (const size of sizes) expect(size).toBeLessThan(5_000_000);
    // 2: rotating X-Forwarded-For does not escape the sign-in limit.
    expect(signInCodes).toContain('RATE_LIMITED');
    // 4: the cookie from another origin acts for no one.
    for (const status of crossStatuses) expect(status).toBeGreaterThanOrEqual(400);
    expect(crossSocket.next).toBe(0);

    const check = await gql<{
      conversation: { messages: { id: string }[] };
      agents: { email: string; status: string }[];
    }>(
      graphqlUrl,
      `query($c: ID!) { conversation(id: $c) { messages(last: 200) { id } } agents { email status } }`,
      { c: conversationId },
      { token: ownerToken },
    );
    const stored = new Set(check.data!.conversation.messages.map((message) => message.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    // The cross-origin mutation changed nothing.
    expect(check.data!.agents.find((agent) => agent.email === 'lee@parley.dev')?.status).not.toBe(
      'AWAY',
    );
    // The spoofed address was not stored as the visitor's IP.
    const spoofed = await gql<{
      conversations: { edges: { node: { visitor: { id: string; ip: string | null } } }[] };
    }>(
      graphqlUrl,
      `{ conversations(first: 100) { edges { node { visitor { id ip } } } } }`,
      {},
      { token: ownerToken },
    );
    const spoofedIp = spoofed.data?.conversations.edges.find(
      (edge) => edge.node.visitor.id === spoofedVisitorId,
    )?.node.visitor.ip;
    expect(spoofedIp).toBeDefined();
    expect(spoofedIp ?? '').not.toContain('<');
  }, 180_000);
});
