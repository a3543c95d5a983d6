/**
 * When the widget tells agents that the visitor is typing: `true` at most
 * every TYPING_REFRESH_MS while keys are pressed, `false` once the visitor has
 * been idle for TYPING_IDLE_MS or sends the message. Pure; the hook owns the clock.
 */
export const TYPING_REFRESH_MS = 3_000;
export const TYPING_IDLE_MS = 4_000;

export type TypingThrottle = {
  /** Whether agents were last told the visitor is typing. */
  typing: boolean;
  /** When `typing: true` was last sent (ms), or null. */
  lastSentAt: number | null;
};

export const notTyping: TypingThrottle = { typing: false, lastSentAt: null };

export type TypingStep = { state: TypingThrottle; send: boolean | null };

/** The visitor edited the draft at `now`: maybe send `typing: true`. */
export function typingInput(state: TypingThrottle, now: number): TypingStep {
  if (state.typing && state.lastSentAt !== null && now - state.lastSentAt < TYPING_REFRESH_MS) {
    return { state, send: null };
  }
  return { state: { typing: true, lastSentAt: now }, send: true };
}

/** The visitor went idle, cleared the draft or sent it: send `typing: false` if needed. */
export function typingStop(state: TypingThrottle): TypingStep {
  return state.typing ? { state: notTyping, send: false } : { state, send: null };
}
