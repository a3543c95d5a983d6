/**
 * Maps and filters an async stream, passing return() straight through so a
 * consumer that leaves ends the source at once (an async generator would wait
 * for the source's next item first).
 */
export function mapStream<T, U>(
  source: AsyncIterableIterator<T>,
  map: (item: T) => U | null,
): AsyncIterableIterator<U> {
  const iterator: AsyncIterableIterator<U> = {
    async next() {
      for (;;) {
        const item = await source.next();
        if (item.done) return { done: true, value: undefined };
        const mapped = map(item.value);
        if (mapped !== null) return { done: false, value: mapped };
      }
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
