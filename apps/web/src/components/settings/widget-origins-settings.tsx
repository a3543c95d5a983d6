'use client';

import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import {
  useUpdateChannelAllowedOriginsMutation,
  useWebsiteChannelsQuery,
} from '@/generated/graphql';
import { Card, ErrorNotice, FieldError, inputClass, Notice, primaryButton } from './ui';

/** `https://Shop.example.com/cart` → `https://shop.example.com`; null when not an http(s) address. */
function toOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Which websites may show (frame) each website channel's chat widget. */
export function WidgetOriginsSettings() {
  const [{ data, error, fetching }] = useWebsiteChannelsQuery({ requestPolicy: 'network-only' });
  return (
    <Card title="Websites that may show the widget">
      <p className="text-sm text-slate-500">
        Browsers only show the chat widget on the websites listed here and on this workbench’s own
        pages (such as the demo storefront). Add the address of every site whose pages include the
        widget script, e.g. <code>https://shop.example.com</code>.
      </p>
      {error && !data ? <ErrorNotice error={error} /> : null}
      {fetching && !data ? <Notice>Loading…</Notice> : null}
      {data?.websiteChannels.length === 0 ? (
        <Notice>This workspace has no website channel.</Notice>
      ) : null}
      {data?.websiteChannels.map((channel) => (
        <ChannelOrigins key={channel.id} channel={channel} />
      ))}
    </Card>
  );
}

function ChannelOrigins({
  channel,
}: {
  channel: { id: string; name: string; key: string; allowedOrigins: string[] };
}) {
  const [{ fetching }, update] = useUpdateChannelAllowedOriginsMutation();
  const [origins, setOrigins] = useState(channel.allowedOrigins);
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const inputId = `origin-${channel.id}`;

  async function save(next: string[], message: string): Promise<boolean> {
    setError(null);
    setSaved(null);
    const result = await update({ channelId: channel.id, allowedOrigins: next });
    if (result.data) {
      setOrigins(result.data.updateChannelAllowedOrigins.allowedOrigins);
      setSaved(message);
      return true;
    }
    setError(result.error ?? null);
    return false;
  }

  async function handleAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const origin = toOrigin(draft);
    if (!origin) {
      setInvalid('Enter a website address starting with https:// (or http://).');
      return;
    }
    if (origins.includes(origin)) {
      setInvalid(`${origin} is already listed.`);
      return;
    }
    setInvalid(null);
    if (await save([...origins, origin], `Added ${origin}.`)) setDraft('');
  }

  return (
    <div
      className="mt-4 border-t border-slate-100 pt-4"
      data-testid={`widget-origins-${channel.key}`}
    >
      <p className="text-sm font-medium text-slate-800">
        {channel.name} <span className="font-normal text-slate-500">(key {channel.key})</span>
      </p>
      {origins.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500" data-testid="widget-origins-empty">
          No websites listed: only this workbench’s own pages can show this widget.
        </p>
      ) : (
        <ul className="mt-2 space-y-1">
          {origins.map((origin) => (
            <li key={origin} className="flex max-w-md items-center justify-between gap-2 text-sm">
              <code>{origin}</code>
              <button
                type="button"
                className="text-xs text-red-700 hover:underline disabled:opacity-50"
                disabled={fetching}
                onClick={() =>
                  void save(
                    origins.filter((o) => o !== origin),
                    `Removed ${origin}.`,
                  )
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={handleAdd} noValidate className="mt-2 flex max-w-md gap-2">
        <label htmlFor={inputId} className="sr-only">
          Website address
        </label>
        <input
          id={inputId}
          data-testid="widget-origin-input"
          value={draft}
          placeholder="https://shop.example.com"
          maxLength={300}
          onChange={(e) => {
            setDraft(e.target.value);
            setInvalid(null);
          }}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${inputId}-error` : undefined}
          className={`${inputClass} min-w-0 flex-1`}
        />
        <button
          type="submit"
          data-testid="widget-origin-add"
          disabled={fetching || draft.trim() === '' || origins.length >= 20}
          className={primaryButton}
        >
          Add
        </button>
      </form>
      <FieldError id={`${inputId}-error`} message={invalid} />
      <div className="mt-1 min-h-5 text-xs" aria-live="polite">
        {saved ? <span className="text-emerald-700">{saved}</span> : null}
      </div>
      <ErrorNotice error={error} />
    </div>
  );
}
