// EXPLAIN for captured statements, the way a reused prepared statement runs:
// PREPARE, then EXPLAIN EXECUTE six times. The first is the custom plan for
// these parameters; by the sixth the plan cache has decided between custom
// and generic plans, which is what Parley's pooled prepared statements (and
// the raw baseline's) use from then on. The sixth runs with ANALYZE.
import type { Sql } from 'postgres';
import type { CapturedStatement } from './statement-log.js';

/** Tables that are large at scale: a Seq Scan on one of them is a finding. */
export const LARGE_TABLES = new Set([
  'conversations',
  'messages',
  'visitors',
  'visitor_tags',
  'conversation_reads',
  'events',
  'auth_sessions',
]);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Total Time'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Sort Key'?: string[];
  Plans?: PlanNode[];
}

export interface PlanSummary {
  /** e.g. "Limit". */
  top: string;
  /** The first scan in the plan tree, e.g. "Index Scan using x on conversations". */
  driving: string;
  indexes: string[];
  largeSeqScans: string[];
  smallSeqScans: string[];
  /** Sorts in the plan: the index did not give the order; with their input rows. */
  sorts: { key: string; rows: number; kept: number }[];
  /** The sixth execution's plan differs in shape from the custom plan. */
  genericDiffers: boolean;
  executionMs: number | null;
  /** The sixth execution's plan, one node per line with actual rows and loops. */
  tree: string[];
  error?: string;
}

function describe(node: PlanNode): string {
  const type = node['Node Type'];
  if (node['Index Name'] && node['Relation Name'])
    return `${type} using ${node['Index Name']} on ${node['Relation Name']}`;
  if (node['Index Name']) return `${type} using ${node['Index Name']}`;
  if (node['Relation Name']) return `${type} on ${node['Relation Name']}`;
  return type;
}

function walk(node: PlanNode, visit: (node: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

function lines(node: PlanNode, depth = 0): string[] {
  const rows = node['Actual Rows'];
  const loops = node['Actual Loops'];
  const actual =
    rows === undefined ? '' : ` (rows ${rows}${loops && loops > 1 ? ` × ${loops} loops` : ''})`;
  return [
    `${'  '.repeat(depth)}${describe(node)}${actual}`,
    ...(node.Plans ?? []).flatMap((child) => lines(child, depth + 1)),
  ];
}

function shape(node: PlanNode): string {
  return `${describe(node)}(${(node.Plans ?? []).map(shape).join(',')})`;
}

function literal(value: string | null): string {
  return value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
}

let counter = 0;

export async function explain(sql: Sql, statement: CapturedStatement): Promise<PlanSummary> {
  counter += 1;
  const name = `bench_views_plan_${counter}`;
  const args = statement.params.length ? `(${statement.params.map(literal).join(', ')})` : '';
  try {
    await sql.unsafe(`prepare ${name} as ${statement.text}`);
    const plans: { plan: PlanNode; executionMs: number | null }[] = [];
    for (let i = 0; i < 6; i += 1) {
      const options = i === 5 ? 'analyze, buffers, format json' : 'format json';
      const [row] = await sql.unsafe<
        { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time'?: number }] }[]
      >(`explain (${options}) execute ${name}${args}`);
      const top = row?.['QUERY PLAN'][0];
      if (!top) throw new Error('empty plan');
      plans.push({ plan: top.Plan, executionMs: top['Execution Time'] ?? null });
    }
    const custom = plans[0];
    const steady = plans[5];
    if (!custom || !steady) throw new Error('missing plans');
    const indexes = new Set<string>();
    const largeSeqScans = new Set<string>();
    const smallSeqScans = new Set<string>();
    const sorts: PlanSummary['sorts'] = [];
    let driving: string | null = null;
    walk(steady.plan, (node) => {
      if (node['Node Type'] === 'Sort') {
        const input = node.Plans?.[0];
        const rows = (input?.['Actual Rows'] ?? 0) * (input?.['Actual Loops'] ?? 1);
        const kept = (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1);
        sorts.push({ key: (node['Sort Key'] ?? []).join(', '), rows, kept });
      }
      const type = node['Node Type'];
      if (node['Relation Name'] && driving === null) driving = describe(node);
      if (node['Index Name']) indexes.add(node['Index Name']);
      if (type === 'Seq Scan' && node['Relation Name'])
        (LARGE_TABLES.has(node['Relation Name']) ? largeSeqScans : smallSeqScans).add(
          node['Relation Name'],
        );
    });
    return {
      top: describe(steady.plan),
      driving: driving ?? '(no scan)',
      indexes: [...indexes],
      largeSeqScans: [...largeSeqScans],
      smallSeqScans: [...smallSeqScans],
      sorts,
      genericDiffers: shape(custom.plan) !== shape(steady.plan),
      executionMs: steady.executionMs,
      tree: lines(steady.plan),
    };
  } catch (error) {
    return {
      top: '?',
      driving: '?',
      indexes: [],
      largeSeqScans: [],
      smallSeqScans: [],
      sorts: [],
      genericDiffers: false,
      executionMs: null,
      tree: [],
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    await sql.unsafe(`deallocate ${name}`).catch(() => undefined);
  }
}

/** A plan uses an index: some index scan, and no Seq Scan on a large table. */
export function usesIndex(plan: PlanSummary): boolean {
  return !plan.error && plan.indexes.length > 0 && plan.largeSeqScans.length === 0;
}
