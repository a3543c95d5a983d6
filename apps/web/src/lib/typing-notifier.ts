/** Sends "typing" at most this often while the agent keeps typing. */
export const TYPING_REFRESH_MS = 3_000;
/** Sends "stopped typing" after this long without a keystroke. */
export const TYPING_IDLE_MS = 4_000;

type Timers = {
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type TypingNotifier = {
  /** Call on every change of the draft. */
  input: () => void;
  /** Call when the message is sent, the draft emptied or the composer closes. */
  stop: () => void;
};

/**
 * Throttles typing notifications: `true` at once and then at most every
 * 3 s while typing continues; `false` after 4 s without input, or on stop.
 */
export function createTypingNotifier(
  send: (typing: boolean) => void,
  timers: Timers = realTimers,
): TypingNotifier {
  let typing = false;
  let lastSentAt = 0;
  let idle: unknown = null;

  const clearIdle = () => {
    if (idle !== null) timers.clearTimeout(idle);
    idle = null;
  };

  const stop = () => {
    clearIdle();
    if (!typing) return;
    typing = false;
    send(false);
  };

  return {
    input() {
      const now = timers.now();
      if (!typing || now - lastSentAt >= TYPING_REFRESH_MS) {
        typing = true;
        lastSentAt = now;
        send(true);
      }
      clearIdle();
      idle = timers.setTimeout(stop, TYPING_IDLE_MS);
    },
    stop,
  };
}
