// Budgets for what visitors (anyone on the internet) may write, counted in
// memory per server process: messages per minute per visitor, text per
// visitor per hour and per day, and messages per minute for all visitors of a
// workspace together. A check is a few map operations, no query.
import { Buffer } from 'node:buffer';
import { DomainError } from './errors.js';
import { memoryRateLimiter, type RateLimiter } from './rate-limiter.js';

export interface MessageQuotaLimits {
  visitorMessagesPerMinute: number;
  visitorBytesPerHour: number;
  visitorBytesPerDay: number;
  /** Every visitor of a workspace together (its channels share it). */
  workspaceVisitorMessagesPerMinute: number;
}

/** Defaults: far above a person typing, far below filling a disk. */
export const DEFAULT_MESSAGE_QUOTAS: MessageQuotaLimits = {
  visitorMessagesPerMinute: 30,
  visitorBytesPerHour: 256 * 1024,
  visitorBytesPerDay: 1024 * 1024,
  workspaceVisitorMessagesPerMinute: 1_200,
};

function quotaExceeded(msBeforeNext: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError(
    'QUOTA_EXCEEDED',
    `You have sent a lot of text recently; you can write again in ${retryAfterSeconds} s.`,
    { retryAfterSeconds },
  );
}

function tooFast(msBeforeNext: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError(
    'RATE_LIMITED',
    `Messages are arriving too fast; wait ${retryAfterSeconds} s and send again.`,
    { retryAfterSeconds },
  );
}

export interface MessageQuotas {
  /** Spends one message of `body` from the visitor's and the workspace's budgets, or throws. */
  visitorMessage(workspaceId: string, visitorId: string, body: string): Promise<void>;
}

export function memoryMessageQuotas(limits: MessageQuotaLimits): MessageQuotas {
  const perMinute = memoryRateLimiter(
    'visitor-messages',
    { points: limits.visitorMessagesPerMinute, durationSeconds: 60 },
    tooFast,
  );
  const perWorkspace = memoryRateLimiter(
    'workspace-visitor-messages',
    { points: limits.workspaceVisitorMessagesPerMinute, durationSeconds: 60 },
    tooFast,
  );
  const bytes: RateLimiter[] = [
    memoryRateLimiter(
      'visitor-bytes-hour',
      { points: limits.visitorBytesPerHour, durationSeconds: 60 * 60 },
      quotaExceeded,
    ),
    memoryRateLimiter(
      'visitor-bytes-day',
      { points: limits.visitorBytesPerDay, durationSeconds: 24 * 60 * 60 },
      quotaExceeded,
    ),
  ];
  return {
    async visitorMessage(workspaceId, visitorId, body) {
      await perMinute.consume(visitorId);
      await perWorkspace.consume(workspaceId);
      const size = Buffer.byteLength(body);
      for (const budget of bytes) await budget.consume(visitorId, size);
    },
  };
}
