import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTypingNotifier } from './typing-notifier';

describe('createTypingNotifier', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends true at once, then at most every 3 s while typing continues', () => {
    const sent: boolean[] = [];
    const notifier = createTypingNotifier((typing) => sent.push(typing));
    notifier.input();
    expect(sent).toEqual([true]);
    for (let i = 0; i < 10; i += 1) {
      vi.advanceTimersByTime(500); // 5 s of steady typing
      notifier.input();
    }
    expect(sent).toEqual([true, true]);
    vi.advanceTimersByTime(1_000);
    notifier.input();
    expect(sent).toEqual([true, true, true]);
  });

  it('sends false after 4 s idle, once', () => {
    const sent: boolean[] = [];
    const notifier = createTypingNotifier((typing) => sent.push(typing));
    notifier.input();
    vi.advanceTimersByTime(3_999);
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([true, false]);
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([true, false]);
    // Typing again starts over with an immediate true.
    notifier.input();
    expect(sent).toEqual([true, false, true]);
  });

  it('sends false on stop (a sent message) only if it had said true', () => {
    const sent: boolean[] = [];
    const notifier = createTypingNotifier((typing) => sent.push(typing));
    notifier.stop();
    expect(sent).toEqual([]);
    notifier.input();
    notifier.stop();
    expect(sent).toEqual([true, false]);
    vi.advanceTimersByTime(5_000);
    expect(sent).toEqual([true, false]);
  });
});
