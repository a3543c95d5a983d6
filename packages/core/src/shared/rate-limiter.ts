// Rate limits behind a small interface. The in-memory store counts per server
// process (several processes each allow the full rate); a shared store can
// replace it without touching callers.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from './errors.js';

export interface RateLimiter {
  /** Counts one attempt (or `points`) for `key`; throws RATE_LIMITED (or the limiter's refusal) when over the limit. */
  consume(key: string, points?: number): Promise<void>;
  /** Throws like consume when `key` is already over the limit, without counting. */
  check(key: string): Promise<void>;
  /** Forgets `key` (e.g. after a successful sign-in). */
  reset(key: string): Promise<void>;
}

export interface RateLimit {
  points: number;
  durationSeconds: number;
}

export function memoryRateLimiter(
  name: string,
  limit: RateLimit,
  /** The error when over the limit (default RATE_LIMITED "Too many attempts…"). */
  refusal: (msBeforeNext: number) => DomainError = rateLimited,
): RateLimiter {
  const limiter = new RateLimiterMemory({
    keyPrefix: name,
    points: limit.points,
    duration: limit.durationSeconds,
  });
  return {
    async consume(key, points = 1) {
      try {
        await limiter.consume(key, points);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        throw refusal(rejection.msBeforeNext);
      }
    },
    async check(key) {
      const current = await limiter.get(key);
      if (current && current.consumedPoints >= limit.points) throw refusal(current.msBeforeNext);
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

/** RATE_LIMITED with the seconds to wait, in the message and in `retryAfterSeconds`. */
export function rateLimited(msBeforeNext: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError(
    'RATE_LIMITED',
    `Too many attempts; try again in ${retryAfterSeconds} s.`,
    {
      retryAfterSeconds,
    },
  );
}

export interface ProgressiveLimit extends RateLimit {
  /** The first block once `points` are spent; each further block doubles it. */
  blockSeconds: number;
  maxBlockSeconds: number;
}

/**
 * Like memoryRateLimiter, but going over the limit blocks the key for a time
 * that doubles with each block in the last day (rate-limiter-flexible's
 * "consecutive failures" login pattern with a growing block). `reset` forgets
 * the count and the block history.
 */
export function progressiveRateLimiter(name: string, limit: ProgressiveLimit): RateLimiter {
  const attempts = new RateLimiterMemory({
    keyPrefix: name,
    points: limit.points,
    duration: limit.durationSeconds,
  });
  const blocks = new RateLimiterMemory({
    keyPrefix: `${name}-blocks`,
    points: Number.MAX_SAFE_INTEGER,
    duration: 24 * 60 * 60,
  });
  return {
    async consume(key) {
      const current = await attempts.get(key);
      // Already blocked: say how long is left, without lengthening it.
      if (current && current.consumedPoints > limit.points) throw rateLimited(current.msBeforeNext);
      try {
        await attempts.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const strikes = (await blocks.consume(key)).consumedPoints;
        const seconds = Math.min(limit.blockSeconds * 2 ** (strikes - 1), limit.maxBlockSeconds);
        await attempts.block(key, seconds);
        throw rateLimited(seconds * 1000);
      }
    },
    async check(key) {
      const current = await attempts.get(key);
      if (current && current.consumedPoints > limit.points) throw rateLimited(current.msBeforeNext);
    },
    async reset(key) {
      await Promise.all([attempts.delete(key), blocks.delete(key)]);
    },
  };
}

/**
 * Sign-in. Failures count per account AND address, so someone guessing from
 * elsewhere never locks the owner out of their own address: 5 in a row block
 * that pair for 1 minute, doubling up to an hour; a success clears it. Every
 * address also has a generous ceiling of failures over all accounts (spraying).
 */
export const SIGN_IN_LIMITS = {
  perAccountAddress: {
    points: 5,
    durationSeconds: 60 * 60,
    blockSeconds: 60,
    maxBlockSeconds: 60 * 60,
  },
  /** Failures from one address over all accounts (spraying). */
  perAddress: { points: 100, durationSeconds: 15 * 60 },
} as const;
