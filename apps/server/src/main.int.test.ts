// The real entry point as a child process: first start seeds the demo
// workspace and prints the login; SIGTERM drains and exits cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, gql, wsClient } from './testing/index.js';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'parley-main-'));
let child: ChildProcess | null = null;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function waitFor(output: () => string, pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const check = () => {
      const match = output().match(pattern);
      if (match) resolve(match);
      else if (Date.now() > deadline) reject(new Error(`no ${pattern} in output:\n${output()}`));
      else setTimeout(check, 50);
    };
    check();
  });
}

describe('the server process', () => {
  it('seeds the demo workspace on an empty database, and exits 0 on SIGTERM with a socket open', async () => {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      PORT: '0',
      HOST: '127.0.0.1',
      PARLEY_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    };
    delete env.DATABASE_URL;
    child = spawn(process.execPath, ['--import', 'tsx', main], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const [, graphqlUrl] = await waitFor(() => output, /"url":"(http:\/\/[^"]+)"/, 30_000);
    await waitFor(() => output, /Parley demo login: demo@parley\.dev \/ parley-demo/, 30_000);
    const url = graphqlUrl!;

    const signIn = await gql<{ signIn: { token: string } }>(
      url,
      `mutation { signIn(input: { email: "demo@parley.dev", password: "parley-demo" }) { token } }`,
    );
    const token = signIn.data!.signIn.token;
    const list = await gql<{ conversations: { edges: unknown[] } }>(
      url,
      '{ conversations { edges { cursor } } }',
      {},
      { token },
    );
    expect(list.data?.conversations.edges.length).toBeGreaterThanOrEqual(3);

    const client = wsClient(url.replace(/^http/, 'ws'), { token });
    let closedWith: number | null = null;
    client.on('closed', (event) => {
      closedWith = (event as { code: number }).code;
    });
    const stream = collect(client, 'subscription { workspaceEvents { cursor } }');
    await waitFor(() => (closedWith === null ? 'open' : ''), /open/, 1_000);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const exited = new Promise<number | null>((resolve) =>
      child?.on('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(closedWith).toBe(1001);
    expect(output).toMatch(/"msg":"stopped"/);
    stream.dispose();
  });
});
