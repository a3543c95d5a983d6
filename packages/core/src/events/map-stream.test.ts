import { describe, expect, it } from 'vitest';
import { mapStream } from './map-stream.js';

function pending(): AsyncIterableIterator<number> & { returned: boolean; push(n: number): void } {
  const queue: number[] = [];
  let wake: (() => void) | null = null;
  const it = {
    returned: false,
    push(n: number) {
      queue.push(n);
      wake?.();
    },
    async next(): Promise<IteratorResult<number>> {
      while (!it.returned && queue.length === 0) await new Promise<void>((r) => (wake = r));
      return it.returned
        ? { done: true, value: undefined }
        : { done: false, value: queue.shift()! };
    },
    async return(): Promise<IteratorResult<number>> {
      it.returned = true;
      wake?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return it;
    },
  };
  return it;
}

describe('mapStream', () => {
  it('maps and skips nulls', async () => {
    const source = pending();
    const doubledOdds = mapStream(source, (n) => (n % 2 ? n * 2 : null));
    source.push(1);
    source.push(2);
    source.push(3);
    expect((await doubledOdds.next()).value).toBe(2);
    expect((await doubledOdds.next()).value).toBe(6);
  });

  it('return() ends the source even while waiting for it', async () => {
    const source = pending();
    const mapped = mapStream(source, (n) => n);
    const waiting = mapped.next();
    await mapped.return?.();
    expect(source.returned).toBe(true);
    await expect(waiting).resolves.toMatchObject({ done: true });
  });
});
