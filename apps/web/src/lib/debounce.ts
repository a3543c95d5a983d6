export type Debounced = {
  /** Asks for a run: after `waitMs` of quiet, but no later than `maxWaitMs` after the first ask. */
  schedule: () => void;
  cancel: () => void;
};

/**
 * Trailing debounce with a ceiling, for refetching after bursts of events:
 * a storm of events yields one run per `maxWaitMs` at most, and a single
 * event one run after `waitMs`.
 */
export function debounce(run: () => void, waitMs: number, maxWaitMs = waitMs * 5): Debounced {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstAskAt: number | null = null;

  const fire = () => {
    timer = null;
    firstAskAt = null;
    run();
  };

  return {
    schedule() {
      const now = Date.now();
      firstAskAt ??= now;
      if (timer !== null) clearTimeout(timer);
      const delay = Math.max(0, Math.min(waitMs, firstAskAt + maxWaitMs - now));
      timer = setTimeout(fire, delay);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      firstAskAt = null;
    },
  };
}
