// How many subscriptions a socket and an actor may hold. Every subscription
// holds memory (and, while it replays a backlog, database reads), so one
// socket or one credential must not open them without bound: past a limit the
// new one is refused with TOO_MANY_SUBSCRIPTIONS. Counted per process.
import type { Actor } from '@parley/core';
import { GraphQLError } from 'graphql';

export const TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS';

export interface SubscriptionLimitOptions {
  /** Operations running at once on one socket (subscriptions included); 0 = no limit. */
  perSocket: number;
  /** Subscriptions of one agent, API token or visitor across its sockets; 0 = no limit. */
  perActor: number;
}

function tooMany(message: string, limit: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: TOO_MANY_SUBSCRIPTIONS, limit } });
}

/** One agent across its sessions, one API token, one visitor. */
function actorKey(actor: Actor): string {
  switch (actor.kind) {
    case 'agent':
      return `a:${actor.agentId}`;
    case 'apiToken':
      return `t:${actor.tokenId}`;
    case 'visitor':
      return `v:${actor.visitorId}`;
  }
}

const ACTOR_NAMES: Record<Actor['kind'], string> = {
  agent: 'agent',
  apiToken: 'API token',
  visitor: 'visitor',
};

export class SubscriptionLimits {
  private readonly byActor = new Map<string, number>();

  constructor(private readonly options: SubscriptionLimitOptions) {}

  /** The refusal for an operation on a socket now running `running` (itself included), or null. */
  checkSocket(running: number): GraphQLError | null {
    const limit = this.options.perSocket;
    if (limit === 0 || running <= limit) return null;
    return tooMany(
      `Too many operations on this socket (limit ${limit}): complete a subscription before starting another.`,
      limit,
    );
  }

  /** Takes a subscription slot for the actor, or returns the refusal. */
  reserve(actor: Actor): GraphQLError | null {
    const limit = this.options.perActor;
    const key = actorKey(actor);
    const held = this.byActor.get(key) ?? 0;
    if (limit !== 0 && held >= limit) {
      return tooMany(
        `Too many subscriptions for this ${ACTOR_NAMES[actor.kind]} (limit ${limit} across its sockets): complete one before subscribing again.`,
        limit,
      );
    }
    this.byActor.set(key, held + 1);
    return null;
  }

  /** Gives back a slot taken by reserve(). */
  release(actor: Actor): void {
    const key = actorKey(actor);
    const held = this.byActor.get(key) ?? 0;
    if (held <= 1) this.byActor.delete(key);
    else this.byActor.set(key, held - 1);
  }

  /** The subscription's stream, giving its slot back once it ends. */
  counted<T>(stream: AsyncIterable<T>, actor: Actor): CountedStream<T> {
    return new CountedStream(stream[Symbol.asyncIterator](), this, actor);
  }
}

/**
 * A subscription's stream holding an actor's slot. graphql-ws calls return()
 * when the client completes it or the socket closes; the socket server calls
 * end() when the stream finished by itself (see onComplete / onError). Events
 * pass straight through (no extra promise per event); its methods live on the
 * prototype, so it adds no closures per subscription.
 */
export class CountedStream<T> implements AsyncIterableIterator<T> {
  private holding = true;

  constructor(
    private readonly source: AsyncIterator<T>,
    private readonly limits: SubscriptionLimits,
    private readonly actor: Actor,
  ) {}

  next(): Promise<IteratorResult<T>> {
    return this.source.next();
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return this.source.return
      ? this.source.return(undefined)
      : Promise.resolve({ done: true, value: undefined });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.end();
    return this.source.throw ? this.source.throw(error) : Promise.reject(error);
  }

  /** Gives the slot back (once). */
  end(): void {
    if (!this.holding) return;
    this.holding = false;
    this.limits.release(this.actor);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
