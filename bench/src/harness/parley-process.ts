// Parley's server as a separate process on the bench's database, driven only
// over loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '@parley/db/testing';

const main = fileURLToPath(new URL('../../../apps/server/src/main.ts', import.meta.url));

export interface ParleyProcess {
  httpUrl: string;
  wsUrl: string;
  pid: number;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export { freePort };

/** Exited, by its own hand or by a signal (then exitCode stays null). */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Sends `signal` and resolves once the process is gone (at once if it already is). */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (hasExited(child)) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Node flags that let a benchmark ask the process for a full GC (SIGUSR2). */
export const GC_ON_SIGNAL = [
  '--expose-gc',
  '--import',
  fileURLToPath(new URL('./gc-on-signal.mjs', import.meta.url)),
];

export async function startParley(
  databaseUrl: string,
  port?: number,
  nodeArgs: readonly string[] = [],
): Promise<ParleyProcess> {
  const chosen = port ?? (await freePort());
  // PARLEY_BENCH_NODE_ARGS passes flags to the server's node, e.g. --cpu-prof.
  const extra = [
    ...nodeArgs,
    ...(process.env.PARLEY_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const child: ChildProcess = spawn(process.execPath, [...extra, '--import', 'tsx', main], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(chosen),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PARLEY_RATE_LIMIT_PER_MINUTE: '0',
      // The fan-out holds thousands of sockets of one agent.
      PARLEY_MAX_SUBSCRIPTIONS_PER_ACTOR: '0',
      // The load generator is one "visitor population" far above any real one.
      PARLEY_VISITOR_MESSAGES_PER_MINUTE: '100000000',
      PARLEY_VISITOR_KB_PER_HOUR: '100000000',
      PARLEY_VISITOR_KB_PER_DAY: '100000000',
      PARLEY_WORKSPACE_VISITOR_MESSAGES_PER_MINUTE: '100000000',
      PARLEY_CHANNEL_VISITOR_MESSAGES_PER_MINUTE: '100000000',
      PARLEY_CHANNEL_VISITOR_KB_PER_HOUR: '100000000',
      NODE_ENV: 'production',
      // Production turns the demo seed off by default; the scenarios sign in as the demo owner.
      PARLEY_SEED_DEMO: 'true',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const httpUrl = `http://127.0.0.1:${chosen}`;
  try {
    await until(300, async () => {
      if (hasExited(child)) throw new Error('Parley exited during start-up');
      return fetch(`${httpUrl}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    });
    // The server answers before it has seeded the demo workspace on a fresh
    // database: every scenario signs in as the demo owner, so wait for that.
    await until(300, async () => {
      if (hasExited(child)) throw new Error('Parley exited during start-up');
      return agentToken(`${httpUrl}/graphql`).then(
        () => true,
        () => false,
      );
    });
  } catch (error) {
    await stopChild(child, 'SIGKILL');
    throw error;
  }
  return {
    httpUrl: `${httpUrl}/graphql`,
    wsUrl: `ws://127.0.0.1:${chosen}/graphql`,
    pid: child.pid ?? 0,
    kill: (signal = 'SIGTERM') => stopChild(child, signal),
  };
}

/** Polls `ready` every 100 ms, at most `attempts` times. */
async function until(attempts: number, ready: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < attempts; i += 1) {
    if (await ready()) return;
    await sleep(100);
  }
  throw new Error('Parley did not become ready');
}

// The load generator shares the machine with the server: node:http with
// keep-alive costs the client far less CPU per request than fetch.
const agent = new Agent({ keepAlive: true, maxSockets: 512 });

export function gql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  auth?: string,
): Promise<T> {
  const body = JSON.stringify({ query, variables });
  return new Promise<T>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(auth ? { authorization: auth } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
              data?: T;
              errors?: unknown;
            };
            if (parsed.data) resolve(parsed.data);
            else reject(new Error(`GraphQL failed: ${JSON.stringify(parsed.errors)}`));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Signs in as the demo owner (seeded on an empty database). */
export async function agentToken(url: string): Promise<string> {
  const data = await gql<{ signIn: { token: string } }>(
    url,
    `mutation { signIn(input: { email: "demo@parley.dev", password: "parley-demo" }) { token } }`,
    {},
  );
  return `Bearer ${data.signIn.token}`;
}

export async function visitorToken(url: string): Promise<string> {
  const data = await gql<{ startVisitorSession: { token: string } }>(
    url,
    `mutation { startVisitorSession(input: { channelKey: "demo-website" }) { token } }`,
    {},
  );
  return data.startVisitorSession.token;
}

/** A visitor's open conversation, with the visitor's token. */
export interface Conversation {
  visitor: string;
  id: string;
}

/** Opens `count` conversations, each by a new visitor, 25 at a time. */
export async function openConversations(url: string, count: number): Promise<Conversation[]> {
  const out: Conversation[] = [];
  for (let batch = 0; batch < count; batch += 25) {
    const made = await Promise.all(
      Array.from({ length: Math.min(25, count - batch) }, async () => {
        const visitor = await visitorToken(url);
        const sent = await gql<{ visitorSendMessage: { conversationId: string } }>(
          url,
          'mutation { visitorSendMessage(input: { body: "hello" }) { conversationId } }',
          {},
          `Visitor ${visitor}`,
        );
        return { visitor, id: sent.visitorSendMessage.conversationId };
      }),
    );
    out.push(...made);
  }
  return out;
}
