// bench/RESULTS.md: machine, date, this run's table, how each ratio moved
// since the previous run, the previous table, and hand-written notes, which
// are kept from one run to the next.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const TABLE_ROW = /^\| ([^|]+) \| ([^|]+) \| [^|]+ \| [^|]+ \| ([^|]+) \|/;

/** figure key → ratio cell, from a rendered table. */
export function ratiosOf(table: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of table.split('\n').slice(2)) {
    const match = TABLE_ROW.exec(line);
    if (match?.[1] && match[2] && match[3])
      out.set(`${match[1].trim()} — ${match[2].trim()}`, match[3].trim());
  }
  return out;
}

export function changesSince(previous: string | undefined, table: string): string[] {
  if (!previous) return ['- first run'];
  const before = ratiosOf(previous);
  const lines: string[] = [];
  for (const [key, ratio] of ratiosOf(table)) {
    const old = before.get(key);
    if (old === undefined) lines.push(`- ${key}: new (${ratio})`);
    else if (old !== ratio) lines.push(`- ${key}: ${old} → ${ratio}`);
  }
  return lines.length > 0 ? lines : ['- no ratio changed'];
}

function section(text: string, title: string): string | undefined {
  const start = text.indexOf(`## ${title}\n\n`);
  if (start < 0) return undefined;
  const body = text.slice(start + title.length + 5);
  const end = body.search(/\n## /);
  return (end < 0 ? body : body.slice(0, end)).trim();
}

export function writeResults(path: string, table: string, seconds: number): void {
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const previous = section(old, 'This run')?.split('\n\n')[0];
  const notes = section(old, 'Notes');
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
  writeFileSync(
    path,
    [
      '# Benchmark results',
      '',
      `Machine: ${machine}. Date: ${new Date().toISOString()}. PostgreSQL 15 (throwaway cluster, fsync on). The full run took ${seconds.toFixed(0)} s.`,
      'Ratios are Parley ÷ raw baseline, both measured in this run (`npm run bench`).',
      '',
      '## This run',
      '',
      table,
      '',
      '## Changed since the previous run',
      '',
      ...changesSince(previous, table),
      '',
      '## Previous run',
      '',
      previous ?? '(none)',
      '',
      '## Notes',
      '',
      notes ?? '(none yet)',
      '',
    ].join('\n'),
  );
}
