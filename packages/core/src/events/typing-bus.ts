// Typing and viewing indicators are ephemeral: never written to the event
// log, never replayed. Delivered in-process, and across server processes
// through a NOTIFY carrying the small signal itself. Each signal carries the
// conversation's assignee and group as they were when it was sent, so every
// subscriber applies the visibility rule to each signal (team/visibility.ts).
import { randomUUID } from 'node:crypto';

export interface TypingSignal {
  workspaceId: string;
  conversationId: string;
  /** The conversation's visitor (whose widget may see agent typing). */
  visitorId: string;
  /** The conversation's assignee and group when the signal was sent. */
  assigneeId: string | null;
  groupId: string | null;
  sender: 'AGENT' | 'VISITOR';
  /** Typing (default), or an agent having the conversation open. */
  kind?: 'TYPING' | 'VIEWING';
  agentId: string | null;
  name: string | null;
  /** Whether the activity started (true) or stopped (false). */
  typing: boolean;
}

export interface SignalTransport {
  listen(onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  publish(payload: string): Promise<void>;
}

type Listener = (signal: TypingSignal) => void;

const MAX_QUEUED = 100;

export class TypingBus {
  private readonly origin = randomUUID();
  private readonly listeners = new Set<Listener>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly transport: SignalTransport | null,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    if (!this.transport) return;
    this.unlisten = await this.transport.listen((payload) => {
      try {
        const { origin, ...signal } = JSON.parse(payload) as TypingSignal & { origin: string };
        if (origin !== this.origin) this.emit(signal);
      } catch (error) {
        this.onError(error);
      }
    });
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    await this.unlisten?.();
  }

  publish(signal: TypingSignal): void {
    this.emit(signal);
    this.transport?.publish(JSON.stringify({ ...signal, origin: this.origin })).catch(this.onError);
  }

  /** Signals matching `accept`, until return() is called. Slow consumers drop old signals. */
  subscribe(accept: (signal: TypingSignal) => boolean): AsyncIterableIterator<TypingSignal> {
    const queue: TypingSignal[] = [];
    let wake: (() => void) | null = null;
    let closed = false;
    const listener: Listener = (signal) => {
      if (!accept(signal)) return;
      if (queue.length >= MAX_QUEUED) queue.shift();
      queue.push(signal);
      wake?.();
    };
    this.listeners.add(listener);
    const close = () => {
      closed = true;
      this.listeners.delete(listener);
      wake?.();
    };
    const iterator: AsyncIterableIterator<TypingSignal> = {
      next: async () => {
        while (!closed && queue.length === 0) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
        }
        const value = queue.shift();
        return value && !closed ? { done: false, value } : { done: true, value: undefined };
      },
      return: async () => {
        close();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private emit(signal: TypingSignal): void {
    for (const listener of this.listeners) listener(signal);
  }
}
