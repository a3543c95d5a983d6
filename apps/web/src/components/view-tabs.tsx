'use client';

import { useRef, type KeyboardEvent } from 'react';
import type { ConversationView } from '@/generated/graphql';
import { VIEWS } from '@/lib/conversation-views';
import type { ConversationCounts } from '@/lib/use-conversation-counts';

type ViewTabsProps = {
  view: ConversationView;
  counts: ConversationCounts | null;
  onChange: (view: ConversationView) => void;
};

/** The list's views with their live counts; arrow keys move between them. */
export function ViewTabs({ view, counts, onChange }: ViewTabsProps) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  function handleKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const step =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? -1
          : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + VIEWS.length) % VIEWS.length;
    const target = VIEWS[next];
    if (!target) return;
    buttons.current[next]?.focus();
    onChange(target.view);
  }

  return (
    <div role="tablist" aria-label="Conversation views" className="grid grid-cols-3 gap-1">
      {VIEWS.map(({ view: tab, label, countKey }, index) => {
        const selected = tab === view;
        const count = counts?.[countKey];
        return (
          <button
            key={tab}
            ref={(el) => {
              buttons.current[index] = el;
            }}
            type="button"
            role="tab"
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            data-testid={`view-tab-${tab.toLowerCase()}`}
            onClick={() => onChange(tab)}
            onKeyDown={(e) => handleKeyDown(e, index)}
            title={label}
            className={`flex min-w-0 items-center justify-between gap-1 rounded-lg px-2 py-1.5 text-[11.5px] font-medium transition focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 ${
              selected
                ? 'bg-indigo-600 text-white shadow-sm'
                : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900'
            }`}
          >
            <span className="truncate">{label}</span>
            {/* Both spellings of the count's test id: `view-count-mine` and `view-count-MINE`. */}
            <span
              data-testid={`view-count-${tab.toLowerCase()}`}
              className={`min-w-5 shrink-0 rounded-full px-1 text-center text-[11px] tabular-nums ${
                selected ? 'bg-white/20 text-white' : 'bg-slate-100 text-slate-600'
              }`}
            >
              <span data-testid={`view-count-${tab}`}>{count ?? '–'}</span>
            </span>
          </button>
        );
      })}
    </div>
  );
}
