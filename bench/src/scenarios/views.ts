// Scenario 4: views at scale. Seeds 100k conversations / 1M messages across
// 50 agents and 20 tags, then measures the first page of each inbox view
// (Mine, Unassigned, Unread, All with a tag filter) as the workbench asks for
// it over GraphQL. Baseline: the very statements Parley sent for one such
// request (captured from the server log, with their parameters), run
// directly with postgres.js as prepared statements, one after the other.
// Every request's statements count on both sides, the auth-session lookup
// included. Parley and raw requests alternate, so both see the same noise.
// Each distinct statement's plan is printed with the index it uses.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import postgres, { type Sql } from 'postgres';
import type { Scenario } from '../harness/context.js';
import { gql, type ParleyProcess } from '../harness/parley-process.js';
import { percentile, type Row } from '../harness/stats.js';
import { explain, usesIndex, type PlanSummary } from './views/plans.js';
import { seedInbox, type SeededInbox, type SeedScale } from './views/seed.js';
import { StatementLog, type CapturedStatement } from './views/statement-log.js';

export interface ViewsOptions {
  scale: SeedScale;
  /** Measured requests per view (each side). */
  requests: number;
  warmup: number;
  quick: boolean;
}

/** The demo password; the seeded agents get the demo owner's hash. */
const PASSWORD = 'parley-demo';
const PAGE_SIZE = 30;
/** Index of the filter tag: on ~4.6 % of visitors (0.2 × 0.85^9). */
const FILTER_TAG = 9;

interface ConversationNode {
  id: string;
  status: string;
  pinned: boolean;
  lastActivityAt: string;
  unreadCount: number;
  assignee: { id: string } | null;
  visitor: { tags: { id: string }[] };
}

interface ConversationsData {
  conversations: {
    edges: { node: ConversationNode }[];
    pageInfo: { hasNextPage: boolean };
  };
}

interface View {
  name: string;
  variables: Record<string, unknown>;
  /** How many conversations the view holds, counted directly. */
  count: string;
  check(node: ConversationNode): boolean;
}

// The workbench's own list operation (apps/web), so the selection set is
// exactly what a conversation list asks for.
function graphqlBlock(file: string, header: string): string {
  const source = readFileSync(new URL(`../../../apps/web/src/graphql/${file}`, import.meta.url), {
    encoding: 'utf8',
  });
  const start = source.indexOf(header);
  let depth = 0;
  if (start >= 0)
    for (let i = source.indexOf('{', start); i >= 0 && i < source.length; i += 1) {
      if (source[i] === '{') depth += 1;
      if (source[i] === '}' && --depth === 0) return source.slice(start, i + 1);
    }
  throw new Error(`views: no "${header}" block in apps/web/src/graphql/${file}`);
}

export function listDocument(): string {
  return [
    graphqlBlock('conversations.graphql', 'query Conversations('),
    graphqlBlock('fragments.graphql', 'fragment ConversationSummary on Conversation'),
  ].join('\n\n');
}

function views(agentId: string, tagId: string): View[] {
  const open = `c.status <> 'RESOLVED'`;
  return [
    {
      name: 'Mine',
      variables: { view: 'MINE', filter: null },
      count: `c.assignee_id = '${agentId}' and c.status = 'ASSIGNED'`,
      check: (n) => n.status === 'ASSIGNED' && n.assignee?.id === agentId,
    },
    {
      name: 'Unassigned',
      variables: { view: 'UNASSIGNED', filter: null },
      count: `c.status = 'UNASSIGNED'`,
      check: (n) => n.status === 'UNASSIGNED',
    },
    {
      name: 'Unread',
      variables: { view: 'UNREAD', filter: null },
      count: `${open} and c.last_message_seq > coalesce((select r.last_read_seq from conversation_reads r
                where r.conversation_id = c.id and r.agent_id = '${agentId}'), 0)`,
      check: (n) => n.status !== 'RESOLVED' && n.unreadCount > 0,
    },
    {
      name: 'All + tag',
      variables: { view: 'ALL', filter: { tagIds: [tagId] } },
      count: `${open} and exists (select 1 from visitor_tags t where t.visitor_id = c.visitor_id and t.tag_id = '${tagId}')`,
      check: (n) => n.status !== 'RESOLVED' && n.visitor.tags.some((t) => t.id === tagId),
    },
  ];
}

function compact(n: number): string {
  if (n >= 1e6) return `${Number((n / 1e6).toFixed(1))}M`;
  if (n >= 1e3) return `${Math.round(n / 1e3)}k`;
  return String(n);
}

/** The table a statement reads from at the top level (not in a subquery), to name it. */
function label(statement: CapturedStatement): string {
  const text = statement.text;
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')') depth -= 1;
    else if (depth === 0) {
      const table = /^from "?(\w+)"?/i.exec(text.slice(i))?.[1];
      if (table && /\s/.test(text[i - 1] ?? ' '))
        return table === 'auth_sessions' ? 'auth_sessions (session lookup)' : table;
    }
  }
  return '?';
}

async function checkPage(
  parley: ParleyProcess,
  admin: Sql,
  seeded: SeededInbox,
  document: string,
  auth: string,
  view: View,
): Promise<void> {
  const [row] = await admin.unsafe<{ n: number }[]>(
    `select count(*)::int as n from conversations c where c.workspace_id = $1 and ${view.count}`,
    [seeded.workspaceId],
  );
  const expected = row?.n ?? 0;
  const data = await gql<ConversationsData>(
    parley.httpUrl,
    document,
    { ...view.variables, first: PAGE_SIZE, after: null },
    auth,
  );
  const nodes = data.conversations.edges.map((e) => e.node);
  const ordered = nodes.every((node, i) => {
    const prev = nodes[i - 1];
    return (
      !prev ||
      Number(prev.pinned) > Number(node.pinned) ||
      (prev.pinned === node.pinned && prev.lastActivityAt >= node.lastActivityAt)
    );
  });
  const wrong = nodes.filter((n) => !view.check(n)).length;
  console.log(
    `views: ${view.name}: ${expected} conversations match; first page ${nodes.length}, hasNextPage ${data.conversations.pageInfo.hasNextPage}`,
  );
  if (nodes.length !== Math.min(PAGE_SIZE, expected) || wrong > 0 || !ordered)
    throw new Error(
      `views: ${view.name} answered wrongly (${nodes.length} rows for ${expected} matching, ${wrong} not in the view, ordered: ${ordered})`,
    );
}

async function runStatements(raw: Sql, statements: CapturedStatement[], perStatement: number[][]) {
  for (const [i, s] of statements.entries()) {
    const t0 = performance.now();
    await raw.unsafe(s.text, s.params, { prepare: true });
    perStatement[i]?.push(performance.now() - t0);
  }
}

/** Sorts of many rows to keep a page of them: no index gave the list order. */
function unorderedSorts(plan: PlanSummary): PlanSummary['sorts'] {
  return plan.sorts.filter((sort) => sort.rows > 2 * PAGE_SIZE && sort.rows > 2 * sort.kept);
}

function printPlan(
  views: string[],
  statement: CapturedStatement,
  plan: PlanSummary,
  rawMs: number,
  printed: Set<string>,
) {
  const verdict = usesIndex(plan) ? 'uses an index' : 'NO INDEX';
  console.log(
    `views: plan [${views.join(', ')}] ${label(statement)}: top ${plan.top}; driving ${plan.driving}; ` +
      `indexes ${plan.indexes.join(', ') || 'none'}; seq scans on large tables: ${plan.largeSeqScans.join(', ') || 'none'}` +
      `${plan.smallSeqScans.length ? ` (on small tables: ${plan.smallSeqScans.join(', ')})` : ''}; ` +
      `${plan.genericDiffers ? 'generic plan after 5 runs differs from the custom plan; ' : ''}` +
      `raw p50 ${rawMs.toFixed(2)} ms, EXPLAIN ANALYZE ${plan.executionMs?.toFixed(2) ?? '?'} ms → ${verdict}`,
  );
  if (plan.error) console.log(`views:   EXPLAIN failed: ${plan.error}`);
  const bigSorts = unorderedSorts(plan);
  for (const sort of bigSorts)
    console.log(
      `views:   sorts ${sort.rows} rows by ${sort.key} to keep ${sort.kept}: no index gives this order`,
    );
  // The SQL of anything to look at, once per text.
  if ((!usesIndex(plan) || bigSorts.length > 0) && !printed.has(statement.text)) {
    printed.add(statement.text);
    const { params } = statement;
    const shown = params.length > 6 ? [...params.slice(0, 5), `… ${params.length} in all`] : params;
    console.log(`views:   SQL: ${statement.text}\nviews:   parameters: ${JSON.stringify(shown)}`);
  }
  for (const line of plan.tree) console.log(`views:     ${line}`);
}

export async function viewsBench(
  parley: ParleyProcess,
  databaseUrl: string,
  options: ViewsOptions,
): Promise<Row[]> {
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  const raw = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    const seeded = await seedInbox(admin, options.scale);
    console.log(
      `views: seeded ${seeded.conversations} conversations, ${seeded.messages} messages, ${seeded.visitors} visitors ` +
        `(${seeded.visitorTags} tags on them), ${seeded.reads} read pointers, ${seeded.agentEmails.length} agents, ` +
        `${seeded.tagIds.length} tags in ${seeded.seconds.toFixed(1)} s (${seeded.phases})`,
    );

    const email = seeded.agentEmails[0];
    const tagId = seeded.tagIds[FILTER_TAG] ?? seeded.tagIds.at(-1);
    if (!email || !tagId) throw new Error('views: no seeded agent or tag');
    const signedIn = await gql<{ signIn: { token: string } }>(
      parley.httpUrl,
      'mutation($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }',
      { e: email, p: PASSWORD },
    );
    const auth = `Bearer ${signedIn.signIn.token}`;
    const [agent] = await admin<{ id: string }[]>`select id from agents where email = ${email}`;
    if (!agent) throw new Error('views: seeded agent vanished');

    const document = listDocument();
    const all = views(agent.id, tagId);
    const request = (view: View) =>
      gql<ConversationsData>(
        parley.httpUrl,
        document,
        { ...view.variables, first: PAGE_SIZE, after: null },
        auth,
      );
    for (const view of all) await checkPage(parley, admin, seeded, document, auth, view);
    for (const view of all) for (let i = 0; i < options.warmup; i += 1) await request(view);

    // The exact SQL behind one request per view.
    const log = await StatementLog.open(admin);
    const captured = await log.capture(
      all.map((view) => () => request(view)),
      3,
    );
    for (const [i, view] of all.entries()) {
      const statements = captured[i] ?? [];
      if (!statements.some((s) => /from "conversations"/.test(s.text)))
        throw new Error(`views: no conversations query captured for ${view.name}`);
      console.log(
        `views: ${view.name} runs ${statements.length} statements: ${statements.map(label).join(' → ')}`,
      );
    }

    // Timings: Parley and raw alternate request by request.
    const results = [];
    for (const [i, view] of all.entries()) {
      const statements = captured[i] ?? [];
      const perStatement = statements.map((): number[] => []);
      for (let w = 0; w < options.warmup; w += 1) {
        await request(view);
        await runStatements(raw, statements, []);
      }
      const ours: number[] = [];
      const base: number[] = [];
      for (let n = 0; n < options.requests; n += 1) {
        let t0 = performance.now();
        await request(view);
        ours.push(performance.now() - t0);
        t0 = performance.now();
        await runStatements(raw, statements, perStatement);
        base.push(performance.now() - t0);
      }
      console.log(
        `views: ${view.name}: Parley p50 ${percentile(ours, 50).toFixed(2)} / p99 ${percentile(ours, 99).toFixed(2)} ms; ` +
          `raw p50 ${percentile(base, 50).toFixed(2)} / p99 ${percentile(base, 99).toFixed(2)} ms ` +
          `(per statement p50: ${statements.map((s, k) => `${label(s).split(' ')[0]} ${percentile(perStatement[k] ?? [], 50).toFixed(2)}`).join(', ')})`,
      );
      results.push({ view, ours, base, statements, perStatement });
    }

    // Plans: each distinct statement (text + parameters) once.
    const distinct = new Map<
      string,
      { statement: CapturedStatement; views: string[]; rawMs: number[] }
    >();
    for (const { view, statements, perStatement } of results)
      for (const [k, statement] of statements.entries()) {
        const key = JSON.stringify([statement.text, statement.params]);
        const entry = distinct.get(key) ?? { statement, views: [], rawMs: [] };
        entry.views.push(view.name);
        entry.rawMs.push(...(perStatement[k] ?? []));
        distinct.set(key, entry);
      }
    let indexed = 0;
    let unordered = 0;
    const printed = new Set<string>();
    for (const { statement, views: names, rawMs } of distinct.values()) {
      const plan = await explain(admin, statement);
      if (usesIndex(plan)) indexed += 1;
      if (unorderedSorts(plan).length > 0) unordered += 1;
      printPlan(names, statement, plan, percentile(rawMs, 50), printed);
    }
    console.log(
      `views: plans using an index: ${indexed} / ${distinct.size}; ` +
        `plans sorting all matches for one page: ${unordered} / ${distinct.size}` +
        (options.quick
          ? ' (quick scale: tables this small are cheaper to scan; judge plans at full scale)'
          : ''),
    );

    const scenario = `4 views (${compact(seeded.conversations)} conversations, ${compact(seeded.messages)} messages)`;
    return [
      ...results.flatMap(({ view, ours, base }): Row[] => [
        {
          scenario,
          figure: `${view.name}: p50 first page (${PAGE_SIZE})`,
          parley: percentile(ours, 50),
          baseline: percentile(base, 50),
          unit: 'ms',
          better: 'lower',
          target: '—',
        },
        {
          scenario,
          figure: `${view.name}: p99 first page (${PAGE_SIZE})`,
          parley: percentile(ours, 99),
          baseline: percentile(base, 99),
          unit: 'ms',
          better: 'lower',
          target: '≤ 2×',
        },
      ]),
      {
        scenario,
        figure: 'statement plans using an index',
        parley: indexed,
        baseline: null,
        unit: `of ${distinct.size}`,
        better: 'higher',
        target: `all ${distinct.size}`,
      },
      {
        scenario,
        figure: 'statement plans sorting every match for one page',
        parley: unordered,
        baseline: null,
        unit: `of ${distinct.size}`,
        better: 'lower',
        target: '0',
      },
    ];
  } finally {
    await admin.end();
    await raw.end();
  }
}

export const viewsScenario: Scenario = {
  name: 'views',
  run: ({ parley, databaseUrl, quick }) =>
    viewsBench(parley, databaseUrl, {
      scale: quick
        ? { conversations: 2_000, averageMessages: 10, agents: 50, tags: 20 }
        : { conversations: 100_000, averageMessages: 10, agents: 50, tags: 20 },
      // p99 of 200 would be the second-worst request: one GC pause on either
      // side decided it. 600 puts it at the sixth.
      requests: quick ? 20 : 600,
      // Steady state: V8 has optimised the request path before any view is
      // timed (with 20, the first view measured paid for the warm-up).
      warmup: quick ? 3 : 200,
      quick,
    }),
};
