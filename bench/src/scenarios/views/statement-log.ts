// Captures the exact SQL (text and bound parameters) the Parley server sends
// while an action runs: statement logging is switched on for the throwaway
// cluster, the action is fenced by marker statements from our own session,
// and the server log between the markers is parsed. Background statements
// (presence heartbeats, the webhook dispatcher's timer) are dropped by
// capturing several times and keeping only what every capture contains.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Sql } from 'postgres';

export interface CapturedStatement {
  text: string;
  params: (string | null)[];
}

interface LogRecord {
  pid: number;
  level: string;
  message: string;
}

// Set for the capture so parsing does not depend on the cluster's defaults.
const PREFIX = '%m [%p] ';
const RECORD = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? \S+ \[(\d+)\] ([A-Z]+\d?): {2}(.*)$/;

/** `$1 = 'a''b', $2 = NULL` → ["a'b", null]. */
export function parseParameters(detail: string): (string | null)[] {
  const out: (string | null)[] = [];
  let i = 0;
  while (i < detail.length) {
    const head = /^\$(\d+) = /.exec(detail.slice(i));
    if (!head) throw new Error(`views: cannot parse parameters at: ${detail.slice(i, i + 40)}`);
    i += head[0].length;
    if (detail.startsWith('NULL', i)) {
      out.push(null);
      i += 4;
    } else if (detail[i] === "'") {
      let value = '';
      i += 1;
      for (;;) {
        const quote = detail.indexOf("'", i);
        if (quote < 0) throw new Error('views: unterminated parameter value in the log');
        value += detail.slice(i, quote);
        if (detail[quote + 1] === "'") {
          value += "'";
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      out.push(value);
    } else {
      throw new Error(`views: unexpected parameter value at: ${detail.slice(i, i + 40)}`);
    }
    if (detail.startsWith(', ', i)) i += 2;
  }
  return out;
}

function parseRecords(text: string): LogRecord[] {
  const records: LogRecord[] = [];
  for (const line of text.split('\n')) {
    const match = RECORD.exec(line);
    if (match) {
      records.push({ pid: Number(match[1]), level: match[2] ?? '', message: match[3] ?? '' });
    } else {
      // Continuation of a multi-line message: PostgreSQL indents it with a tab.
      const last = records.at(-1);
      if (last && line !== '') last.message += `\n${line.startsWith('\t') ? line.slice(1) : line}`;
    }
  }
  return records;
}

function statementsOf(records: LogRecord[], ownPid: number): CapturedStatement[] {
  const out: CapturedStatement[] = [];
  records.forEach((record, index) => {
    if (record.level !== 'LOG' || record.pid === ownPid) return;
    const execute = /^execute [^:]*: ([\s\S]*)$/.exec(record.message);
    const simple = /^statement: ([\s\S]*)$/.exec(record.message);
    const text = execute?.[1] ?? simple?.[1];
    if (text === undefined) return;
    const next = records[index + 1];
    const params =
      next && next.pid === record.pid && next.level === 'DETAIL'
        ? /^parameters: ([\s\S]*)$/.exec(next.message)?.[1]
        : undefined;
    out.push({ text, params: params === undefined ? [] : parseParameters(params) });
  });
  return out;
}

/** Statements present in every capture (as often as in the least of them), in the last one's order. */
export function commonStatements(captures: CapturedStatement[][]): CapturedStatement[] {
  const last = captures.at(-1) ?? [];
  const budget = new Map<string, number>();
  for (const { text } of last) {
    const counts = captures.map((c) => c.filter((s) => s.text === text).length);
    budget.set(text, Math.min(...counts));
  }
  return last.filter(({ text }) => {
    const left = budget.get(text) ?? 0;
    budget.set(text, left - 1);
    return left > 0;
  });
}

export class StatementLog {
  private constructor(
    private readonly admin: Sql,
    private readonly path: string,
    private readonly ownPid: number,
  ) {}

  /** The throwaway cluster writes its server log next to its data directory. */
  static async open(admin: Sql): Promise<StatementLog> {
    const [row] = await admin<{ dataDirectory: string; pid: number }[]>`
      select current_setting('data_directory') as "dataDirectory", pg_backend_pid() as pid`;
    if (!row) throw new Error('views: no data directory');
    const path = join(dirname(row.dataDirectory), 'log');
    statSync(path);
    return new StatementLog(admin, path, row.pid);
  }

  private async configure(on: boolean): Promise<void> {
    if (on) {
      await this.admin.unsafe(`alter system set log_statement = 'all'`);
      await this.admin.unsafe(`alter system set log_line_prefix = '${PREFIX}'`);
      await this.admin.unsafe(`alter system set log_parameter_max_length = -1`);
    } else {
      await this.admin.unsafe(`alter system reset log_statement`);
      await this.admin.unsafe(`alter system reset log_line_prefix`);
      await this.admin.unsafe(`alter system reset log_parameter_max_length`);
    }
    await this.admin.unsafe(`select pg_reload_conf()`);
    // Backends apply a reload before the next protocol message they read.
    await new Promise((resolve) => setTimeout(resolve, 300));
  }

  /**
   * Runs each action `times` times with statement logging on and returns, per
   * action, the statements common to all of its runs.
   */
  async capture(
    actions: readonly (() => Promise<unknown>)[],
    times: number,
  ): Promise<CapturedStatement[][]> {
    await this.configure(true);
    const windows: { action: number; from: string; to: string }[] = [];
    const start = statSync(this.path).size;
    try {
      for (let run = 0; run < times; run += 1) {
        for (const [index, action] of actions.entries()) {
          const tag = `parley-bench-views-${index}-${run}-${Math.random().toString(36).slice(2)}`;
          await this.admin.unsafe(`select '${tag}-begin'`);
          await action();
          await this.admin.unsafe(`select '${tag}-end'`);
          windows.push({ action: index, from: `${tag}-begin`, to: `${tag}-end` });
        }
      }
    } finally {
      await this.configure(false);
    }
    const records = parseRecords(readFileSync(this.path).subarray(start).toString('utf8'));
    const positionOf = (marker: string) =>
      records.findIndex((r) => r.pid === this.ownPid && r.message.includes(marker));
    return actions.map((_, index) =>
      commonStatements(
        windows
          .filter((w) => w.action === index)
          .map((w) => {
            const from = positionOf(w.from);
            const to = positionOf(w.to);
            if (from < 0 || to < from) throw new Error('views: capture markers not in the log');
            return statementsOf(records.slice(from + 1, to), this.ownPid);
          }),
      ),
    );
  }
}
