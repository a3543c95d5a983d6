// Runs a state change in one transaction and wakes event readers after commit.
import type { Database } from '@parley/db';
import type { EventLog } from '../events/event-log.js';
import type { EventType } from '../events/event-types.js';
import type { TypingBus } from '../events/typing-bus.js';
import type { AddressPolicy } from '../webhooks/address-policy.js';
import type { Mailer } from '../mail/mailer.js';
import type { MessageQuotas } from './message-quotas.js';
import type { VisitorChannels } from '../visitors/visitor-channel.js';
import type { RateLimiter } from './rate-limiter.js';
import type { StorageGuard } from './storage-guard.js';

export interface CoreDeps {
  db: Database;
  eventLog: EventLog;
  /** HMAC key for visitor tokens, shared by every server on the database. */
  visitorTokenKey: Buffer;
  typing: TypingBus;
  limits: {
    signInPerAccountAddress: RateLimiter;
    signInPerAddress: RateLimiter;
    signUpPerAddress: RateLimiter;
    passwordResetPerAddress: RateLimiter;
    passwordResetPerEmail: RateLimiter;
    changePasswordPerAgent: RateLimiter;
  };
  /** Server policy for accounts: public sign-up, where links point. */
  accounts: { signUpEnabled: boolean; publicUrl: string; onError: (error: unknown) => void };
  /** Visitors' message budgets. */
  quotas: MessageQuotas;
  /** Which channel a visitor came through (remembered per process). */
  visitorChannels: VisitorChannels;
  /** Refuses writes while the database's disk is nearly full. */
  storage: StorageGuard;
  webhookPolicy: AddressPolicy;
  /** Sends invitations; null when no mail transport is configured. */
  mailer: Mailer | null;
  /** Tells the webhook dispatcher about a commit; `true` forces a round (new webhook, replay). */
  webhooksWake: (force?: boolean) => void;
}

export async function inTransaction<T>(
  deps: CoreDeps,
  work: (tx: Database) => Promise<T>,
): Promise<T> {
  deps.storage.assertWritable();
  let wrote = false;
  const result = await deps.db.transaction(async (tx) => {
    const value = await work(tx as unknown as Database);
    wrote = writtenEvents.has(tx);
    return value;
  });
  // A transaction without events (presence bookkeeping, a cursor) wakes nobody.
  if (wrote) committed(deps);
  return result;
}

const writtenEvents = new WeakSet<object>();

/** Records that `db` (a transaction) appended events, so its commit wakes readers. */
export function noteEventsWritten(db: Database): void {
  writtenEvents.add(db);
}

/**
 * Wakes event readers and the webhook dispatcher; call after a single-statement
 * change committed on its own (inTransaction does it for transactions).
 */
export function committed(deps: CoreDeps, types?: readonly EventType[]): void {
  deps.eventLog.committed(types);
  deps.webhooksWake();
}
