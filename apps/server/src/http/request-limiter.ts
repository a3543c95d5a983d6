// Per-client request rate limit at the HTTP edge, before any work is done.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** The error a refused request or socket operation answers with. */
export function rateLimited(retryAfter: number): {
  message: string;
  extensions: { code: 'RATE_LIMITED'; retryAfterSeconds: number };
} {
  return {
    message: `Too many requests; try again in ${retryAfter} s.`,
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
  };
}

export interface RequestLimiter {
  /** Null when allowed; otherwise the seconds to wait. */
  check(client: string): Promise<number | null>;
}

export function createRequestLimiter(perMinute: number): RequestLimiter {
  if (perMinute <= 0) return { check: async () => null };
  const limiter = new RateLimiterMemory({ keyPrefix: 'http', points: perMinute, duration: 60 });
  return {
    async check(client) {
      try {
        await limiter.consume(client);
        return null;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes)
          return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw rejection;
      }
    },
  };
}
