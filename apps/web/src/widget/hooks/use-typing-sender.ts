import { useCallback, useEffect, useRef } from 'react';
import { notTyping, TYPING_IDLE_MS, typingInput, typingStop } from '../lib/typing-throttle';

/**
 * Tells agents when the visitor is typing (see `typing-throttle.ts`):
 * `onDraftChange` on every edit, `stop` when the draft is sent.
 */
export function useTypingSender(
  conversationId: string | null,
  send: (conversationId: string, typing: boolean) => void,
): { onDraftChange: (draft: string) => void; stop: () => void } {
  const state = useRef(notTyping);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const target = useRef({ conversationId, send });

  useEffect(() => {
    target.current = { conversationId, send };
  }, [conversationId, send]);

  const stop = useCallback(() => {
    clearTimeout(idleTimer.current);
    const step = typingStop(state.current);
    state.current = step.state;
    const { conversationId: id, send: sendTyping } = target.current;
    if (step.send !== null && id) sendTyping(id, step.send);
  }, []);

  const onDraftChange = useCallback(
    (draft: string) => {
      const { conversationId: id, send: sendTyping } = target.current;
      // Typing is per conversation: before the first message there is none.
      if (!id) return;
      if (draft.trim() === '') {
        stop();
        return;
      }
      const step = typingInput(state.current, Date.now());
      state.current = step.state;
      if (step.send !== null) sendTyping(id, step.send);
      clearTimeout(idleTimer.current);
      idleTimer.current = setTimeout(stop, TYPING_IDLE_MS);
    },
    [stop],
  );

  // Leaving the conversation (or the page) ends the typing indicator.
  useEffect(() => stop, [conversationId, stop]);

  return { onDraftChange, stop };
}
