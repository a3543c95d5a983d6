/** Percentile of a sample (nearest rank), in the sample's unit. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export interface Row {
  scenario: string;
  figure: string;
  parley: number;
  /** null when there is no raw counterpart (e.g. counts that must be 0). */
  baseline: number | null;
  unit: string;
  /** How Parley compares with the baseline, and the target. */
  better: 'lower' | 'higher';
  target: string;
}

export function ratio(row: Row): number | null {
  return row.baseline === null ? null : row.parley / row.baseline;
}

export function renderTable(rows: readonly Row[]): string {
  const lines = [
    '| scenario | figure | Parley | raw baseline | ratio | target |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.figure} | ${withUnit(r.parley, r.unit)} | ${r.baseline === null ? '—' : withUnit(r.baseline, r.unit)} | ${ratio(r)?.toFixed(2) ?? '—'}${r.baseline === null ? '' : '×'} | ${r.target} |`,
    ),
  ];
  return lines.join('\n');
}

function withUnit(n: number, unit: string): string {
  return unit ? `${format(n)} ${unit}` : format(n);
}

function format(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}
