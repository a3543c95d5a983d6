'use client';

import { useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { describeSettingsError } from '@/lib/settings/errors';
import { CheckIcon } from '../icons';
import { focusRing } from '../labels';

export const inputClass =
  'block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500/40 disabled:bg-slate-50 disabled:text-slate-500';

export const primaryButton = `inline-flex items-center justify-center gap-1.5 rounded-lg bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-sm transition hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-60 ${focusRing}`;

export const secondaryButton = `inline-flex items-center justify-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 transition hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60 ${focusRing}`;

export const dangerButton = `inline-flex items-center justify-center gap-1.5 rounded-lg border border-rose-200 bg-white px-3 py-1.5 text-sm font-medium text-rose-700 transition hover:bg-rose-50 disabled:cursor-not-allowed disabled:opacity-60 ${focusRing}`;

export function SectionHeader({ title, description }: { title: string; description: string }) {
  return (
    <div className="mb-6">
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-1 text-sm text-slate-500">{description}</p>
    </div>
  );
}

export function Card({
  title,
  description,
  children,
  actions,
  testId,
}: {
  title?: string;
  description?: string;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <section
      data-testid={testId}
      className="mb-6 rounded-2xl border border-slate-200 bg-white shadow-sm"
    >
      {title ? (
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
          <div>
            <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
            {description ? <p className="mt-0.5 text-sm text-slate-500">{description}</p> : null}
          </div>
          {actions}
        </div>
      ) : null}
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}

/** A server error, explained by its code, shown where the action happened. */
export function ErrorNotice({
  error,
  testId = 'settings-error',
}: {
  error: CombinedError | undefined | null;
  testId?: string;
}) {
  if (!error) return null;
  const info = describeSettingsError(error);
  return (
    <p
      role="alert"
      data-testid={testId}
      data-code={info.code ?? undefined}
      className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700"
    >
      {info.message}
    </p>
  );
}

export function FieldError({ id, message }: { id: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs text-rose-700">
      {message}
    </p>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="rounded-2xl border border-slate-200 bg-white px-5 py-8 text-center text-sm text-slate-500">
      {children}
    </div>
  );
}

export function Badge({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
        className ?? 'bg-slate-50 text-slate-700 ring-slate-200'
      }`}
    >
      {children}
    </span>
  );
}

export function Toggle({
  checked,
  onChange,
  disabled,
  label,
  testId,
}: {
  checked: boolean;
  onChange: (next: boolean) => void;
  disabled?: boolean;
  label: string;
  testId?: string;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      data-testid={testId}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition disabled:opacity-60 ${focusRing} ${
        checked ? 'bg-indigo-600' : 'bg-slate-300'
      }`}
    >
      <span
        aria-hidden="true"
        className={`inline-block size-5 rounded-full bg-white shadow transition ${
          checked ? 'translate-x-5.5' : 'translate-x-0.5'
        }`}
      />
    </button>
  );
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (plain http, headless): select-and-copy fallback.
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

export function CopyButton({ value, testId }: { value: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      data-testid={testId}
      onClick={() =>
        void copyText(value).then((ok) => {
          setCopied(ok);
          if (ok) window.setTimeout(() => setCopied(false), 2000);
        })
      }
      className={secondaryButton}
    >
      {copied ? <CheckIcon className="size-4 text-emerald-600" /> : null}
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

/** A value the viewer must copy now: a read-only field with a copy button. */
export function CopyField({
  label,
  value,
  testId,
}: {
  label: string;
  value: string;
  testId: string;
}) {
  return (
    <div>
      <label htmlFor={testId} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={testId}
          data-testid={testId}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className={`${inputClass} font-mono`}
        />
        <CopyButton value={value} testId={`${testId}-copy`} />
      </div>
    </div>
  );
}

/** A secret shown once, with a copy button and a clear warning. */
export function SecretReveal({
  title,
  value,
  storage,
  testId,
  onDone,
}: {
  title: string;
  value: string;
  /** How the server keeps it, said after the warning. */
  storage: string;
  testId: string;
  onDone: () => void;
}) {
  return (
    <div
      role="status"
      className="mb-4 space-y-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3"
    >
      <p className="text-sm font-semibold text-amber-900">{title}</p>
      <CopyField label="Secret" value={value} testId={testId} />
      <p className="text-sm text-amber-900" data-testid={`${testId}-warning`}>
        Copy it now: <strong>you will not see this again.</strong> {storage}
      </p>
      <button type="button" onClick={onDone} className={secondaryButton}>
        I have copied it
      </button>
    </div>
  );
}

/** A destructive action that asks once more, inline (no browser dialog). */
export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
  disabled,
  testId,
}: {
  label: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  testId?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        data-testid={testId}
        disabled={disabled}
        onClick={() => setAsking(true)}
        className={dangerButton}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="inline-flex items-center gap-1.5">
      <button
        type="button"
        data-testid={testId ? `${testId}-confirm` : undefined}
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        className={`inline-flex items-center rounded-lg bg-rose-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-rose-500 disabled:opacity-60 ${focusRing}`}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)} className={secondaryButton}>
        Cancel
      </button>
    </span>
  );
}

export function Checkbox({
  checked,
  onChange,
  label,
  description,
  disabled,
  testId,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  description?: string;
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <label className="flex cursor-pointer items-start gap-2.5 rounded-lg px-2 py-1.5 hover:bg-slate-50">
      <input
        type="checkbox"
        data-testid={testId}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        className="mt-0.5 size-4 shrink-0 rounded border-slate-300 accent-indigo-600"
      />
      <span className="min-w-0">
        <span className="block text-sm font-medium text-slate-800">{label}</span>
        {description ? <span className="block text-xs text-slate-500">{description}</span> : null}
      </span>
    </label>
  );
}

/** Adds or removes `value` from a selection, keeping `order`. */
export function toggleIn<T>(selection: readonly T[], value: T, on: boolean, order: readonly T[]) {
  const next = new Set(selection);
  if (on) next.add(value);
  else next.delete(value);
  return order.filter((v) => next.has(v));
}
