'use client';

import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { useClient } from 'urql';
import {
  useAgentsQuery,
  AuditLogDocument,
  type AuditLogFilter,
  type AuditLogQuery,
  type AuditLogQueryVariables,
} from '@/generated/graphql';
import {
  auditActorLabel,
  auditChanges,
  describeAuditEntry,
  toAuditLogFilter,
  validateAuditFilter,
  type AgentNames,
} from '@/lib/settings/audit';
import { formatDateTime } from '@/lib/settings/format';
import { SECTIONS } from '@/lib/settings/permissions';
import { focusRing } from '../labels';
import {
  Card,
  ErrorNotice,
  inputClass,
  Notice,
  primaryButton,
  secondaryButton,
  SectionHeader,
} from './ui';

const info = SECTIONS.find((s) => s.id === 'audit-log');
const PAGE_SIZE = 50;

type Entry = AuditLogQuery['auditLog'][number];

export function AuditLogSettings() {
  const client = useClient();
  const [form, setForm] = useState({ action: '', from: '', to: '' });
  const [filter, setFilter] = useState<AuditLogFilter | null>(null);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<CombinedError | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  // Names for the agent ids in before/after (a group's members).
  const [agents] = useAgentsQuery();
  const names = useMemo<AgentNames>(
    () => new Map((agents.data?.agents ?? []).map((a) => [a.id, a.name])),
    [agents.data],
  );

  // Only the newest request may write: a slow "Load more" for the previous
  // filter must not append to the new filter's results.
  const latest = useRef(0);

  const load = useCallback(
    async (nextFilter: AuditLogFilter | null, after: string | null) => {
      const request = ++latest.current;
      setLoading(true);
      setError(null);
      const result = await client
        .query<AuditLogQuery, AuditLogQueryVariables>(
          AuditLogDocument,
          { filter: nextFilter, first: PAGE_SIZE, after },
          { requestPolicy: 'network-only' },
        )
        .toPromise();
      if (request !== latest.current) return;
      setLoading(false);
      if (result.error || !result.data) {
        setError(result.error ?? null);
        return;
      }
      const page = result.data.auditLog;
      setEntries((current) => (after ? [...current, ...page] : page));
      setHasMore(page.length === PAGE_SIZE);
    },
    [client],
  );

  useEffect(() => {
    // The first page on mount; later pages and filters load from handlers.
    void load(null, null);
  }, [load]);

  function handleFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid = validateAuditFilter(form);
    setFormError(invalid);
    if (invalid) return;
    const next = toAuditLogFilter(form);
    setFilter(next);
    void load(next, null);
  }

  const last = entries.at(-1);
  return (
    <div>
      <SectionHeader title="Audit log" description={info?.description ?? ''} />
      <Card>
        <form onSubmit={handleFilter} noValidate className="flex flex-wrap items-end gap-3">
          <div className="min-w-48 flex-1">
            <label htmlFor="audit-action" className="block text-sm font-medium text-slate-700">
              Action
            </label>
            <input
              id="audit-action"
              data-testid="audit-filter-action"
              value={form.action}
              onChange={(e) => setForm({ ...form, action: e.target.value })}
              placeholder="e.g. member, invitation, webhook"
              className={`${inputClass} mt-1.5`}
            />
          </div>
          <div>
            <label htmlFor="audit-from" className="block text-sm font-medium text-slate-700">
              From
            </label>
            <input
              id="audit-from"
              type="date"
              value={form.from}
              onChange={(e) => setForm({ ...form, from: e.target.value })}
              className={`${inputClass} mt-1.5`}
            />
          </div>
          <div>
            <label htmlFor="audit-to" className="block text-sm font-medium text-slate-700">
              To
            </label>
            <input
              id="audit-to"
              type="date"
              value={form.to}
              onChange={(e) => setForm({ ...form, to: e.target.value })}
              className={`${inputClass} mt-1.5`}
            />
          </div>
          <button type="submit" data-testid="audit-filter-apply" className={primaryButton}>
            Apply
          </button>
          {formError ? (
            <p role="alert" className="basis-full text-sm text-rose-700">
              {formError}
            </p>
          ) : null}
        </form>
      </Card>

      <ErrorNotice error={error} />
      {!loading && entries.length === 0 && !error ? (
        <Notice>No entries{filter ? ' match these filters' : ' yet'}.</Notice>
      ) : null}
      {entries.length > 0 ? (
        <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm" data-testid="audit-table">
            <thead className="text-xs text-slate-500 uppercase">
              <tr className="border-b border-slate-100">
                <th className="px-3 py-2 font-medium sm:px-5">What happened</th>
                <th className="hidden px-2 py-2 font-medium sm:table-cell">By</th>
                <th className="hidden px-2 py-2 font-medium md:table-cell">When</th>
                <th className="px-3 py-2 sm:px-5">
                  <span className="sr-only">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <AuditRow key={entry.id} entry={entry} names={names} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="mt-4 flex justify-center">
        {loading ? <p className="text-sm text-slate-500">Loading…</p> : null}
        {!loading && hasMore && last ? (
          <button
            type="button"
            data-testid="audit-load-more"
            onClick={() => void load(filter, last.id)}
            className={secondaryButton}
          >
            Load more
          </button>
        ) : null}
      </div>
    </div>
  );
}

function AuditRow({ entry, names }: { entry: Entry; names: AgentNames }) {
  const [open, setOpen] = useState(false);
  const detailsId = `audit-${entry.id}`;
  const actor = auditActorLabel(entry);
  const when = formatDateTime(entry.createdAt);
  const changes = auditChanges(entry.before, entry.after, names);
  return (
    <>
      <tr data-testid="audit-entry" className="border-b border-slate-100 align-top">
        <td className="px-3 py-2.5 sm:px-5">
          <p data-testid="audit-summary" className="font-medium break-words text-slate-900">
            {describeAuditEntry(entry, names)}
          </p>
          {/* On narrow screens who and when go under the sentence. */}
          <p className="text-xs text-slate-500 sm:hidden">
            {actor} · {when}
          </p>
          <p className="hidden text-xs text-slate-500 sm:block md:hidden">{when}</p>
        </td>
        <td className="hidden px-2 py-2.5 sm:table-cell">
          <p className="max-w-48 truncate font-medium text-slate-900" title={actor}>
            {actor}
          </p>
          {entry.actor ? (
            <p className="max-w-48 truncate text-xs text-slate-500" title={entry.actor.email}>
              {entry.actor.email}
            </p>
          ) : null}
        </td>
        <td className="hidden px-2 py-2.5 whitespace-nowrap text-slate-600 md:table-cell">
          {when}
        </td>
        <td className="px-3 py-2.5 text-right sm:px-5">
          {changes.length > 0 ? (
            <button
              type="button"
              aria-expanded={open}
              aria-controls={detailsId}
              onClick={() => setOpen((o) => !o)}
              className={`rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-indigo-700 hover:underline ${focusRing}`}
            >
              {open ? 'Hide changes' : 'Show changes'}
            </button>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr id={detailsId} className="border-b border-slate-100 bg-slate-50">
          <td colSpan={4} className="px-3 py-3 sm:px-5">
            <dl className="grid gap-x-4 gap-y-1.5 text-xs sm:grid-cols-[max-content_1fr]">
              {changes.map((change) => (
                <div key={change.field} className="contents">
                  <dt className="font-semibold text-slate-600">{change.field}</dt>
                  <dd className="min-w-0 break-words text-slate-800">
                    <span className="text-slate-500 line-through decoration-slate-300">
                      {change.before}
                    </span>
                    <span aria-hidden="true"> → </span>
                    <span className="sr-only"> changed to </span>
                    <span className="font-medium">{change.after}</span>
                  </dd>
                </div>
              ))}
            </dl>
          </td>
        </tr>
      ) : null}
    </>
  );
}
