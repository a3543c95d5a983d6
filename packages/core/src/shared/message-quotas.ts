// Budgets for what visitors (anyone on the internet) may write, counted in
// memory per server process: messages per minute and text per hour and per
// day, per visitor; messages per minute and text per hour for all visitors of
// a channel together; messages per minute for all visitors of a workspace. A
// check is a few map operations, no query.
import { Buffer } from 'node:buffer';
import { DomainError } from './errors.js';
import { memoryRateLimiter, type RateLimiter } from './rate-limiter.js';

export interface MessageQuotaLimits {
  visitorMessagesPerMinute: number;
  visitorBytesPerHour: number;
  visitorBytesPerDay: number;
  /** Every visitor of one channel together. */
  channelVisitorMessagesPerMinute: number;
  channelVisitorBytesPerHour: number;
  /** Every visitor of a workspace together (its channels share it). */
  workspaceVisitorMessagesPerMinute: number;
}

/** Defaults: far above a person typing, far below filling a disk. */
export const DEFAULT_MESSAGE_QUOTAS: MessageQuotaLimits = {
  visitorMessagesPerMinute: 30,
  visitorBytesPerHour: 256 * 1024,
  visitorBytesPerDay: 1024 * 1024,
  channelVisitorMessagesPerMinute: 600,
  channelVisitorBytesPerHour: 64 * 1024 * 1024,
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

/** Whose budgets a visitor's message spends. */
export interface QuotaSender {
  workspaceId: string;
  visitorId: string;
  /** The visitor's channel; null once it was deleted (its budget goes with it). */
  channelId: string | null;
}

export interface MessageQuotas {
  /** Spends one message of `body` from the visitor's, channel's and workspace's budgets, or throws. */
  visitorMessage(sender: QuotaSender, body: string): Promise<void>;
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
  const perChannel = memoryRateLimiter(
    'channel-visitor-messages',
    { points: limits.channelVisitorMessagesPerMinute, durationSeconds: 60 },
    tooFast,
  );
  const channelBytes = memoryRateLimiter(
    'channel-visitor-bytes-hour',
    { points: limits.channelVisitorBytesPerHour, durationSeconds: 60 * 60 },
    quotaExceeded,
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
    async visitorMessage({ workspaceId, visitorId, channelId }, body) {
      await perMinute.consume(visitorId);
      if (channelId) await perChannel.consume(channelId);
      await perWorkspace.consume(workspaceId);
      const size = Buffer.byteLength(body);
      for (const budget of bytes) await budget.consume(visitorId, size);
      if (channelId) await channelBytes.consume(channelId, size);
    },
  };
}
