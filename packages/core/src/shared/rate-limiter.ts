// Rate limits behind a small interface. The in-memory store counts per server
// process (several processes each allow the full rate); a shared store can
// replace it without touching callers.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from './errors.js';

export interface RateLimiter {
  /** Counts one attempt for `key`; throws RATE_LIMITED when over the limit. */
  consume(key: string): Promise<void>;
  /** Forgets `key` (e.g. after a successful sign-in). */
  reset(key: string): Promise<void>;
}

export interface RateLimit {
  points: number;
  durationSeconds: number;
}

export function memoryRateLimiter(name: string, limit: RateLimit): RateLimiter {
  const limiter = new RateLimiterMemory({
    keyPrefix: name,
    points: limit.points,
    duration: limit.durationSeconds,
  });
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retryAfterSeconds = Math.ceil(rejection.msBeforeNext / 1000);
        throw new DomainError(
          'RATE_LIMITED',
          `Too many attempts; try again in ${retryAfterSeconds} s.`,
          {
            retryAfterSeconds,
          },
        );
      }
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

/** Sign-in: per email (guessing one account) and per address (spraying many). */
export const SIGN_IN_LIMITS = {
  perEmail: { points: 10, durationSeconds: 15 * 60 },
  perAddress: { points: 50, durationSeconds: 15 * 60 },
} as const;
