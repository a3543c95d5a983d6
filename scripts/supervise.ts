// Runs long-lived children together (npm start: the API and the workbench)
// and ends them together. Each child leads its own process group, so ending
// it reaches everything it started (`npx` wraps node, `next start` forks a
// worker); when one child dies the others are ended and the supervisor exits
// non-zero, so no orphan keeps a port for the next start.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

/** How long children get to stop after SIGTERM before their groups are killed. */
const GRACE_MS = 6_000;

export function supervise(specs: readonly ChildSpec[]): void {
  const children: ChildProcess[] = [];
  let stopping = false;

  const signalGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal); // the whole group: the child and its descendants
    } catch {
      // The group is gone already.
    }
  };

  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) signalGroup(child, 'SIGTERM');
    const force = setTimeout(() => {
      for (const child of children) signalGroup(child, 'SIGKILL');
      process.exit(code);
    }, GRACE_MS);
    force.unref();
    void Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) =>
            child.exitCode !== null || child.signalCode !== null
              ? resolve(null)
              : child.once('exit', resolve),
          ),
      ),
    ).then(() => {
      // A leader's exit does not mean its descendants are gone.
      for (const child of children) signalGroup(child, 'SIGKILL');
      process.exit(code);
    });
  };

  // Before any child starts. Children in their own groups no longer get the terminal's Ctrl-C: pass it on.
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  process.on('SIGHUP', () => stop(0));

  for (const spec of specs) {
    const child = spawn(spec.command, spec.args, {
      stdio: 'inherit',
      env: spec.env ?? process.env,
      detached: true,
    });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`${spec.name} exited (${signal ?? code}); stopping Parley.`);
      stop(code === 0 || code === null ? 1 : code);
    });
    child.on('error', (error) => {
      if (stopping) return;
      console.error(`${spec.name} could not start: ${error.message}; stopping Parley.`);
      stop(1);
    });
    children.push(child);
  }
}
