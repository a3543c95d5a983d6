'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTagsQuery, type Channel, type ConversationFilter } from '@/generated/graphql';
import { CHANNELS, countFunnelCriteria } from '@/lib/conversation-views';
import { FunnelIcon } from './icons';
import { channelLabel, focusRing } from './labels';

type FunnelFilter = Omit<ConversationFilter, 'search'>;

type FilterPopoverProps = {
  filter: FunnelFilter;
  onChange: (filter: FunnelFilter) => void;
};

type Range = 'any' | 'today' | '7d' | '30d' | 'custom';

const DAY = 86_400_000;

function startOfDay(date: string): string {
  return new Date(`${date}T00:00:00`).toISOString();
}

function endOfDay(date: string): string {
  return new Date(`${date}T23:59:59.999`).toISOString();
}

function dateInputValue(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const inputClass =
  'block w-full rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500/40';

/** The funnel: visitor tag, phone, email, last reply time and channel, combinable with any view. */
export function FilterPopover({ filter, onChange }: FilterPopoverProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const active = countFunnelCriteria(filter);

  useEffect(() => {
    if (!open) return undefined;
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        data-testid="filter-button"
        aria-label={active > 0 ? `Filter (${active} active)` : 'Filter'}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
        className={`relative flex size-9 items-center justify-center rounded-lg border transition ${focusRing} ${
          active > 0
            ? 'border-indigo-300 bg-indigo-50 text-indigo-700'
            : 'border-slate-300 text-slate-500 hover:bg-slate-50 hover:text-slate-700'
        }`}
      >
        <FunnelIcon className="size-4" />
        {active > 0 ? (
          <span className="absolute -top-1.5 -right-1.5 flex size-4 items-center justify-center rounded-full bg-indigo-600 text-[10px] font-semibold text-white">
            {active}
          </span>
        ) : null}
      </button>
      {open ? (
        <FilterPanel
          id={panelId}
          filter={filter}
          onApply={(next) => {
            onChange(next);
            setOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}

function FilterPanel({
  id,
  filter,
  onApply,
}: {
  id: string;
  filter: FunnelFilter;
  onApply: (filter: FunnelFilter) => void;
}) {
  const [{ data: tagData, fetching: tagsLoading }] = useTagsQuery({
    requestPolicy: 'network-only',
  });
  const [tagIds, setTagIds] = useState<string[]>((filter.tagIds ?? []).map(String));
  const [phone, setPhone] = useState(filter.phone ?? '');
  const [email, setEmail] = useState(filter.email ?? '');
  const [channels, setChannels] = useState<Channel[]>([...(filter.channels ?? [])]);
  const [range, setRange] = useState<Range>(
    filter.lastReplyFrom || filter.lastReplyTo ? 'custom' : 'any',
  );
  const [from, setFrom] = useState(dateInputValue(filter.lastReplyFrom));
  const [to, setTo] = useState(dateInputValue(filter.lastReplyTo));
  const tags = tagData?.tags ?? [];

  function toggle<T>(list: T[], item: T): T[] {
    return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
  }

  function lastReply(): Pick<FunnelFilter, 'lastReplyFrom' | 'lastReplyTo'> {
    const now = Date.now();
    switch (range) {
      case 'any':
        return {};
      case 'today':
        return { lastReplyFrom: startOfDay(dateInputValue(new Date(now).toISOString())) };
      case '7d':
        return { lastReplyFrom: new Date(now - 7 * DAY).toISOString() };
      case '30d':
        return { lastReplyFrom: new Date(now - 30 * DAY).toISOString() };
      case 'custom':
        return {
          ...(from ? { lastReplyFrom: startOfDay(from) } : {}),
          ...(to ? { lastReplyTo: endOfDay(to) } : {}),
        };
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({
      ...(tagIds.length ? { tagIds } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(channels.length ? { channels } : {}),
      ...lastReply(),
    });
  }

  return (
    <form
      id={id}
      role="dialog"
      aria-label="Filter conversations"
      onSubmit={handleSubmit}
      className="absolute top-11 right-0 z-30 w-[min(20rem,calc(100vw-2rem))] space-y-4 rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-xl"
    >
      <fieldset>
        <legend className="mb-1.5 font-medium text-slate-700">Visitor tag</legend>
        {tagsLoading && tags.length === 0 ? (
          <p className="text-xs text-slate-400">Loading tags…</p>
        ) : tags.length === 0 ? (
          <p className="text-xs text-slate-400">No tags in this workspace yet.</p>
        ) : (
          <div className="flex flex-wrap gap-1.5">
            {tags.map((tag) => {
              const on = tagIds.includes(tag.id);
              return (
                <button
                  key={tag.id}
                  type="button"
                  aria-pressed={on}
                  onClick={() => setTagIds((list) => toggle(list, tag.id))}
                  className={`flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-medium ${focusRing} ${
                    on
                      ? 'border-indigo-300 bg-indigo-50 text-indigo-700'
                      : 'border-slate-200 text-slate-600 hover:bg-slate-50'
                  }`}
                >
                  <span
                    aria-hidden="true"
                    className="size-2 rounded-full"
                    style={{ backgroundColor: tag.color }}
                  />
                  {tag.name}
                </button>
              );
            })}
          </div>
        )}
      </fieldset>

      <div className="grid grid-cols-2 gap-3">
        <label className="space-y-1">
          <span className="block font-medium text-slate-700">Phone</span>
          <input
            type="search"
            inputMode="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            placeholder="+43 660…"
            className={inputClass}
          />
        </label>
        <label className="space-y-1">
          <span className="block font-medium text-slate-700">Email</span>
          <input
            type="search"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            placeholder="@example.com"
            className={inputClass}
          />
        </label>
      </div>

      <fieldset className="space-y-2">
        <legend className="mb-1.5 font-medium text-slate-700">Last reply</legend>
        <select
          aria-label="Last reply time"
          value={range}
          onChange={(e) => setRange(e.target.value as Range)}
          className={inputClass}
        >
          <option value="any">Any time</option>
          <option value="today">Today</option>
          <option value="7d">Last 7 days</option>
          <option value="30d">Last 30 days</option>
          <option value="custom">Custom range…</option>
        </select>
        {range === 'custom' ? (
          <div className="grid grid-cols-2 gap-3">
            <label className="space-y-1">
              <span className="block text-xs text-slate-500">From</span>
              <input
                type="date"
                value={from}
                max={to || undefined}
                onChange={(e) => setFrom(e.target.value)}
                className={inputClass}
              />
            </label>
            <label className="space-y-1">
              <span className="block text-xs text-slate-500">To</span>
              <input
                type="date"
                value={to}
                min={from || undefined}
                onChange={(e) => setTo(e.target.value)}
                className={inputClass}
              />
            </label>
          </div>
        ) : null}
      </fieldset>

      <fieldset>
        <legend className="mb-1.5 font-medium text-slate-700">Channel</legend>
        <div className="flex flex-wrap gap-1.5">
          {CHANNELS.map((channel) => {
            const on = channels.includes(channel);
            return (
              <button
                key={channel}
                type="button"
                aria-pressed={on}
                onClick={() => setChannels((list) => toggle(list, channel))}
                className={`rounded-full border px-2.5 py-0.5 text-xs font-medium ${focusRing} ${
                  on
                    ? 'border-indigo-300 bg-indigo-50 text-indigo-700'
                    : 'border-slate-200 text-slate-600 hover:bg-slate-50'
                }`}
              >
                {channelLabel[channel]}
              </button>
            );
          })}
        </div>
      </fieldset>

      <div className="flex items-center justify-between gap-2 border-t border-slate-100 pt-3">
        <button
          type="button"
          onClick={() => onApply({})}
          className={`rounded-lg px-3 py-1.5 font-medium text-slate-600 hover:bg-slate-100 ${focusRing}`}
        >
          Clear all
        </button>
        <button
          type="submit"
          className={`rounded-lg bg-indigo-600 px-3 py-1.5 font-semibold text-white hover:bg-indigo-500 ${focusRing}`}
        >
          Apply
        </button>
      </div>
    </form>
  );
}
