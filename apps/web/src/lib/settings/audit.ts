import type { AuditLogFilter } from '@/generated/graphql';

export type AuditFilterForm = {
  action: string;
  /** `YYYY-MM-DD` from a date input, or empty. */
  from: string;
  to: string;
};

const DAY_MS = 24 * 60 * 60 * 1000;

function localDayStart(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The API filter for the form: dates are whole local days, so "to" includes
 * the whole of its day. Returns null when nothing narrows the log.
 */
export function toAuditLogFilter(form: AuditFilterForm): AuditLogFilter | null {
  const filter: AuditLogFilter = {};
  const action = form.action.trim();
  if (action) filter.action = action;
  const from = localDayStart(form.from);
  if (from) filter.from = from.toISOString();
  const to = localDayStart(form.to);
  if (to) filter.to = new Date(to.getTime() + DAY_MS - 1).toISOString();
  return Object.keys(filter).length > 0 ? filter : null;
}

export function validateAuditFilter(form: AuditFilterForm): string | null {
  const from = localDayStart(form.from);
  const to = localDayStart(form.to);
  if (from && to && from.getTime() > to.getTime()) return 'The start date is after the end date.';
  return null;
}

/** Before/after snapshots as readable JSON; "—" when absent. */
export function formatJson(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return JSON.stringify(value, null, 2);
}
