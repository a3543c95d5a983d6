import { spawn, type ChildProcess } from 'node:child_process';

/** A server started for a test, in its own process group so it can be stopped with every descendant. */
export type RunningProcess = {
  name: string;
  child: ChildProcess;
  /** The last lines it printed, for failure messages. */
  output: () => string;
  exited: Promise<number | null>;
};

const KEEP_OUTPUT_CHARS = 20_000;

export function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): RunningProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-KEEP_OUTPUT_CHARS);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => {
      collect(Buffer.from(`\n[spawn error] ${error.message}\n`));
      resolve(null);
    });
  });
  return { name, child, output: () => output, exited };
}

function signalGroup(process_: RunningProcess, signal: NodeJS.Signals): void {
  const { pid } = process_.child;
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** SIGTERM to the whole group, then SIGKILL if it has not exited in time. */
export async function stopProcess(process_: RunningProcess, graceMs = 10_000): Promise<void> {
  if (process_.child.exitCode !== null || process_.child.signalCode !== null) {
    signalGroup(process_, 'SIGKILL'); // reap any grandchildren left behind
    return;
  }
  signalGroup(process_, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(process_, 'SIGKILL'), graceMs);
  await process_.exited;
  clearTimeout(timer);
  signalGroup(process_, 'SIGKILL');
}

/** Polls `url` until it answers 200, failing early if the process dies. */
export async function waitForHttpOk(
  process_: RunningProcess,
  url: string,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void process_.exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(
        `${process_.name} exited (${exitCode}) before ${url} was ready:\n${process_.output()}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${process_.name} was not ready at ${url} within ${timeoutMs} ms:\n${process_.output()}`,
  );
}
