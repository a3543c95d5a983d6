import { describe, expect, it } from 'vitest';
import { notTyping, TYPING_REFRESH_MS, typingInput, typingStop } from './typing-throttle';

describe('typing throttle', () => {
  it('sends true on the first key press', () => {
    const step = typingInput(notTyping, 1_000);
    expect(step.send).toBe(true);
    expect(step.state).toEqual({ typing: true, lastSentAt: 1_000 });
  });

  it('sends true at most once per refresh interval while typing', () => {
    let state = typingInput(notTyping, 0).state;
    const sent: number[] = [];
    for (let now = 100; now <= 7_000; now += 100) {
      const step = typingInput(state, now);
      state = step.state;
      if (step.send) sent.push(now);
    }
    expect(sent).toEqual([TYPING_REFRESH_MS, 2 * TYPING_REFRESH_MS]);
  });

  it('sends false once when stopping, and nothing when already idle', () => {
    const typing = typingInput(notTyping, 0).state;
    const stop = typingStop(typing);
    expect(stop.send).toBe(false);
    expect(stop.state).toEqual(notTyping);
    expect(typingStop(stop.state).send).toBeNull();
  });

  it('sends true again right after a stop', () => {
    const stopped = typingStop(typingInput(notTyping, 0).state).state;
    expect(typingInput(stopped, 500).send).toBe(true);
  });
});
