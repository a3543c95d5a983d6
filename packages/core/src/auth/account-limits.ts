// Rate limits of the account operations (sign-in's own live in shared/rate-limiter.ts).
import type { RateLimit } from '../shared/rate-limiter.js';

export const ACCOUNT_LIMITS = {
  /** New workspaces per client address. */
  signUpPerAddress: { points: 5, durationSeconds: 60 * 60 },
  /** Reset mails per address (spraying) and per email (flooding one inbox). */
  passwordResetPerAddress: { points: 10, durationSeconds: 60 * 60 },
  passwordResetPerEmail: { points: 3, durationSeconds: 60 * 60 },
  /** Guesses at the current password from a stolen session. */
  changePasswordPerAgent: { points: 10, durationSeconds: 15 * 60 },
} as const satisfies Record<string, RateLimit>;
