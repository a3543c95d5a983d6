import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { SendIcon } from './icons';

const MAX_HEIGHT_PX = 120;

export function Composer({
  disabled,
  focusKey,
  onSend,
  onDraftChange,
}: {
  disabled: boolean;
  /** Focuses the input whenever this changes to a truthy value (e.g. the chat opened). */
  focusKey: unknown;
  onSend: (body: string) => Promise<boolean>;
  onDraftChange: (draft: string) => void;
}) {
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (focusKey && !disabled) input.current?.focus();
  }, [focusKey, disabled]);

  // Grow with the text, up to a few lines.
  useEffect(() => {
    const element = input.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [draft]);

  const body = draft.trim();
  const submit = async () => {
    if (!body || disabled) return;
    setDraft('');
    const sent = await onSend(body);
    // Not sent: give the text back rather than losing it.
    if (!sent) setDraft((current) => current || draft);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form
      className="flex shrink-0 items-end gap-2 border-t border-slate-200 bg-white px-3 py-2.5"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <textarea
        ref={input}
        rows={1}
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
          onDraftChange(event.target.value);
        }}
        onKeyDown={onKeyDown}
        placeholder={disabled ? 'Connecting…' : 'Write a message…'}
        aria-label="Message"
        maxLength={5_000}
        disabled={disabled}
        className="max-h-[120px] min-h-10 flex-1 resize-none rounded-xl border border-slate-200 bg-slate-50 px-3 py-2 text-[14px] leading-5 text-slate-900 placeholder:text-slate-400 focus:border-indigo-400 focus:bg-white focus:ring-2 focus:ring-indigo-100 focus:outline-none disabled:opacity-60"
        data-testid="widget-input"
      />
      <button
        type="submit"
        disabled={disabled || !body}
        className="grid size-10 shrink-0 place-items-center rounded-full bg-indigo-600 text-white shadow-sm transition hover:bg-indigo-700 focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:ring-offset-2 focus-visible:outline-none disabled:bg-slate-200 disabled:text-slate-400 disabled:shadow-none"
        aria-label="Send message"
        data-testid="widget-send"
      >
        <SendIcon className="size-5" />
      </button>
    </form>
  );
}
