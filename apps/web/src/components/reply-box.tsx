'use client';

import { useEffect, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useSendMessageMutation, useSendTypingMutation } from '@/generated/graphql';
import { describeError } from '@/lib/graphql-error-code';
import { createTypingNotifier } from '@/lib/typing-notifier';
import type { MessageItem } from '@/lib/workbench-state';
import { SendIcon } from './icons';

type ReplyBoxProps = {
  conversationId: string;
  visitorName: string;
  onSent: (message: MessageItem) => void;
};

/** Enter sends, Shift+Enter adds a line; the draft stays if sending fails. */
export function ReplyBox({ conversationId, visitorName, onSent }: ReplyBoxProps) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, sendMessage] = useSendMessageMutation();
  const [, sendTyping] = useSendTypingMutation();
  const body = draft.trim();
  const canSend = body !== '' && !fetching;

  // "Typing" at most every 3 s while typing, "stopped" after 4 s idle, on
  // send, or when the agent leaves the conversation. Best effort: errors are ignored.
  const typing = useMemo(
    () =>
      createTypingNotifier((isTyping) => {
        void sendTyping({ input: { conversationId, typing: isTyping } });
      }),
    [conversationId, sendTyping],
  );
  useEffect(() => () => typing.stop(), [typing]);

  async function send() {
    if (!canSend) return;
    setError(null);
    typing.stop();
    const result = await sendMessage({ input: { conversationId, body } });
    if (result.data) {
      onSent(result.data.sendMessage);
      setDraft('');
    } else {
      setError(result.error ? describeError(result.error) : 'The reply was not sent.');
    }
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void send();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send();
  }

  return (
    <form onSubmit={handleSubmit} className="border-t border-slate-200 bg-white px-4 py-3">
      {error ? (
        <p role="alert" className="mb-2 rounded-md bg-rose-50 px-3 py-1.5 text-sm text-rose-700">
          {error}
        </p>
      ) : null}
      <div className="flex items-end gap-2 rounded-xl border border-slate-300 bg-white p-2 focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/30">
        <label htmlFor={`reply-${conversationId}`} className="sr-only">
          Reply to {visitorName}
        </label>
        <textarea
          id={`reply-${conversationId}`}
          data-testid="reply-input"
          rows={2}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            if (e.target.value.trim() === '') typing.stop();
            else typing.input();
          }}
          onKeyDown={handleKeyDown}
          onBlur={() => typing.stop()}
          placeholder={`Reply to ${visitorName}…`}
          aria-describedby={`reply-hint-${conversationId}`}
          className="max-h-40 min-h-[2.5rem] flex-1 resize-none bg-transparent px-1.5 py-1 text-sm placeholder:text-slate-400 focus:outline-none"
        />
        <button
          type="submit"
          data-testid="reply-send"
          disabled={!canSend}
          aria-label="Send reply"
          className="flex shrink-0 items-center gap-1.5 rounded-lg bg-indigo-600 px-3 py-2 text-sm font-semibold text-white transition hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:bg-slate-300"
        >
          <SendIcon className="size-4" />
          <span className="hidden sm:inline">Send</span>
        </button>
      </div>
      <p
        id={`reply-hint-${conversationId}`}
        className="mt-1.5 hidden text-xs text-slate-400 sm:block"
      >
        Enter to send · Shift+Enter for a new line
      </p>
    </form>
  );
}
