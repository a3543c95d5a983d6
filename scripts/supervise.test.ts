// npm start's supervisor: when one child dies, everything the others started
// is ended too (no orphan keeps a port), and the supervisor exits non-zero.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const supervisor = fileURLToPath(new URL('./supervise.ts', import.meta.url));

/** Running (a zombie waiting for a reaper counts as ended). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Runs the supervisor over `sh` children; resolves with its exit code and every pid the children printed. */
function run(children: { name: string; script: string }[], terminateAfterPids?: number) {
  const specs = children.map(({ name, script }) => ({ name, command: 'sh', args: ['-c', script] }));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { supervise } from ${JSON.stringify(supervisor)}; supervise(JSON.parse(process.argv[1]));`,
      JSON.stringify(specs),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const pids = () => [...output.matchAll(/pid (\d+)/g)].map((match) => Number(match[1]));
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    // Once every child has started (and so the supervisor's handlers are in place).
    if (terminateAfterPids !== undefined && pids().length === terminateAfterPids) {
      terminateAfterPids = undefined;
      child.kill('SIGTERM');
    }
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  return new Promise<{ code: number | null; pids: number[]; output: string }>((resolve) =>
    child.on('exit', (code) =>
      resolve({
        code,
        pids: pids(),
        output,
      }),
    ),
  );
}

// A child that starts a grandchild (as `npx` starts node) and waits.
const LONG_LIVED = 'sleep 60 & echo "pid $$"; echo "pid $!"; wait';

describe('the npm start supervisor', () => {
  it('when one child dies, ends every other process tree and exits non-zero', async () => {
    const { code, pids, output } = await run([
      { name: 'api', script: LONG_LIVED },
      { name: 'workbench', script: 'sleep 1; exit 3' },
    ]);
    expect(code, output).toBe(3);
    expect(pids).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pids.filter(alive)).toEqual([]);
  });

  it('a child that exits 0 on its own still stops everything with a non-zero code', async () => {
    const { code, pids } = await run([
      { name: 'api', script: LONG_LIVED },
      { name: 'workbench', script: 'sleep 1; exit 0' },
    ]);
    expect(code).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pids.filter(alive)).toEqual([]);
  });

  it('SIGTERM ends every process tree and exits 0', async () => {
    const { code, pids } = await run([{ name: 'api', script: LONG_LIVED }], 2);
    expect(code).toBe(0);
    expect(pids).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pids.filter(alive)).toEqual([]);
  });
});
