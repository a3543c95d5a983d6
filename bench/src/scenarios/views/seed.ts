// Seeds the demo workspace with a large inbox, set-based, straight into the
// cluster: agents (who can sign in with the demo password), tags, visitors
// with tags, conversations with a realistic spread of statuses, assignees,
// pins and activity, their messages (seq 1..n), and per-agent read pointers
// so that Unread is selective. Then VACUUM ANALYZE and a CHECKPOINT, like a settled database.
import { performance } from 'node:perf_hooks';
import type { Sql } from 'postgres';

export interface SeedScale {
  conversations: number;
  /** Messages per conversation are 1..(2 × average − 1), uniform. */
  averageMessages: number;
  agents: number;
  tags: number;
}

export interface SeededInbox {
  workspaceId: string;
  /** Bench agents in order (index 0 is the one the views are measured for). */
  agentEmails: string[];
  /** Tag ids in order; index k is attached to a visitor with probability 0.2 × 0.85^k. */
  tagIds: string[];
  visitors: number;
  conversations: number;
  messages: number;
  reads: number;
  visitorTags: number;
  seconds: number;
  /** Where the seeding time went, e.g. "messages 20.1 s". */
  phases: string;
}

export const BENCH_AGENT_DOMAIN = 'views.bench.parley.dev';

// Bodies cycle through a few support lines so rows have a realistic width.
const LINES = [
  'Hi, I have a question about my order',
  'Could you tell me when the parcel ships?',
  'Thanks, that helps a lot!',
  'Let me check that for you right away.',
  'The tracking link does not seem to work.',
  'I have refunded the difference to your card.',
  'Is the walnut desk available in oak as well?',
  'Great, have a nice day!',
];

function bodyExpression(n: string, s: string): string {
  const lines = LINES.map((line) => `'${line.replace(/'/g, "''")}'`).join(', ');
  return `format('%s (message %s of conversation %s)', (array[${lines}])[1 + (${n} + ${s}) % ${LINES.length}], ${s}, ${n})`;
}

/**
 * Parley seeds the demo workspace after it reports healthy; its last step is
 * the third scripted conversation, so wait for that.
 */
async function waitForDemo(sql: Sql): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 200) {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from conversations c
      join channels ch on ch.workspace_id = c.workspace_id and ch.public_key = 'demo-website'`;
    if ((row?.n ?? 0) >= 3) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('views: Parley did not seed its demo workspace within 60 s');
}

export async function seedInbox(sql: Sql, scale: SeedScale): Promise<SeededInbox> {
  const started = performance.now();
  const phases: string[] = [];
  let lapStart = started;
  const lap = (name: string) => {
    const now = performance.now();
    phases.push(`${name} ${((now - lapStart) / 1000).toFixed(1)} s`);
    lapStart = now;
  };
  await waitForDemo(sql);
  lap('waiting for the demo seed');
  const [demo] = await sql<{ workspaceId: string; channelId: string; passwordHash: string }[]>`
    select ch.workspace_id as "workspaceId", ch.id as "channelId", a.password_hash as "passwordHash"
    from channels ch
    join memberships m on m.workspace_id = ch.workspace_id
    join agents a on a.id = m.agent_id and lower(a.email) = 'demo@parley.dev'
    where ch.public_key = 'demo-website'`;
  if (!demo)
    throw new Error('views: the demo workspace (demo-website, demo@parley.dev) is missing');
  const [existing] = await sql<{ n: number }[]>`
    select count(*)::int as n from agents where email like ${`%@${BENCH_AGENT_DOMAIN}`}`;
  if ((existing?.n ?? 0) > 0) throw new Error('views: this database was already seeded');

  const ws = demo.workspaceId;
  const maxMessages = 2 * scale.averageMessages - 1;
  const nVisitors = Math.round(scale.conversations * 0.8);
  // One session: temp tables, seed and settings stay on it. Foreign keys are
  // consistent by construction, so their per-row triggers are skipped.
  return sql
    .begin(async (tx) => {
      await tx.unsafe(`set local session_replication_role = replica`);
      await tx.unsafe(`set local work_mem = '64MB'`);
      await tx.unsafe(`select setseed(0.4242)`);

      await tx.unsafe(
        `insert into tags (workspace_id, name, color)
       select $1::uuid, format('bench-tag-%s', lpad(k::text, 2, '0')),
              (array['#ef4444','#f59e0b','#10b981','#3b82f6','#8b5cf6','#ec4899'])[1 + k % 6]
       from generate_series(0, $2::int - 1) k`,
        [ws, scale.tags],
      );
      await tx.unsafe(
        `create temp table bench_tags on commit drop as
       select (row_number() over (order by name) - 1)::int as k, id from tags
       where workspace_id = $1 and name like 'bench-tag-%'`,
        [ws],
      );

      await tx.unsafe(
        `insert into agents (email, name, password_hash)
       select format('agent-%s@${BENCH_AGENT_DOMAIN}', lpad(k::text, 2, '0')),
              format('Bench Agent %s', k), $1::text
       from generate_series(0, $2::int - 1) k`,
        [demo.passwordHash, scale.agents],
      );
      await tx.unsafe(
        `create temp table bench_agents on commit drop as
       select (row_number() over (order by email) - 1)::int as k, id, email from agents
       where email like '%@${BENCH_AGENT_DOMAIN}'`,
      );
      // OFFLINE (the default): auto-assignment leaves the seeded queue alone.
      await tx.unsafe(
        `insert into memberships (workspace_id, agent_id, role, reception_limit)
       select $1::uuid, id, 'AGENT', 1000 from bench_agents`,
        [ws],
      );

      await tx.unsafe(
        `create temp table bench_visitors on commit drop as
       select n, gen_random_uuid() as id from generate_series(1, $1::int) n`,
        [nVisitors],
      );
      await tx.unsafe(
        `insert into visitors (id, workspace_id, channel_id, name, email, phone, language, last_seen_at, created_at)
       select id, $1::uuid, $2::uuid, format('Visitor %s', n),
              case when n % 5 < 3 then format('visitor%s@example.com', n) end,
              case when n % 5 >= 2 then format('+4366%s', lpad(n::text, 8, '0')) end,
              (array['en-US','de-AT','fr-FR','es-ES','pt-BR'])[1 + n % 5],
              now() - random() * interval '30 days',
              now() - interval '200 days' + random() * interval '10 days'
       from bench_visitors`,
        [ws, demo.channelId],
      );
      // random() sits in a materialized CTE's select list: as a bare WHERE
      // condition the planner would evaluate it once per tag, not per pair.
      lap('agents, tags, visitors');
      const visitorTags = await tx.unsafe(
        `insert into visitor_tags (workspace_id, visitor_id, tag_id)
         with pairs as materialized (
           select v.id as visitor_id, t.id as tag_id, t.k, random() as r
           from bench_visitors v cross join bench_tags t
         )
         select $1::uuid, visitor_id, tag_id from pairs where r < 0.2 * power(0.85, k)`,
        [ws],
      );

      // 80 % resolved (older), 12 % assigned, 6 % waiting, 2 % with the robot;
      // open ones were active in the last week, 2 % of them pinned.
      await tx.unsafe(
        `create temp table bench_conversations on commit drop as
       with draws as (
         select n, random() as r_status, random() as r_time, random() as r_pin,
                random() as r_channel, random() as r_read, random() as r_read_seq,
                floor(random() * $2::int)::int as agent_k, 1 + floor(random() * $3::int)::int as msgs
         from generate_series(1, $1::int) n
       ), shaped as (
         select d.*,
                (case when r_status < 0.80 then 'RESOLVED' when r_status < 0.92 then 'ASSIGNED'
                      when r_status < 0.98 then 'UNASSIGNED' else 'ROBOT' end)::conversation_status as status
         from draws d
       ), timed as (
         select s.*,
                case when status = 'RESOLVED' then now() - interval '1 hour' - r_time * interval '180 days'
                     else now() - r_time * interval '7 days' end as last_activity_at
         from shaped s
       )
       select t.n, gen_random_uuid() as id, v.id as visitor_id, t.status, t.msgs,
              case when t.status in ('ASSIGNED', 'RESOLVED') then a.id end as assignee_id,
              (t.status <> 'RESOLVED' and t.r_pin < 0.02) as pinned,
              (case when r_channel < 0.6 then 'WEBSITE' when r_channel < 0.75 then 'MESSENGER'
                    when r_channel < 0.85 then 'WHATSAPP' when r_channel < 0.95 then 'EMAIL'
                    else 'TELEGRAM' end)::channel as channel,
              t.last_activity_at,
              t.last_activity_at - t.msgs * interval '4 minutes' as created_at,
              case when t.status = 'RESOLVED' or t.r_read < 0.7 then t.msgs
                   else floor(t.r_read_seq * t.msgs)::int end as assignee_read_seq
       from timed t
       join bench_visitors v on v.n = 1 + (t.n - 1) % $4::int
       join bench_agents a on a.k = t.agent_k`,
        [scale.conversations, scale.agents, maxMessages, nVisitors],
      );
      lap('visitor tags');
      await tx.unsafe(
        `insert into conversations (id, workspace_id, visitor_id, channel_id, channel, status, assignee_id,
         pinned, last_message_seq, last_message_preview, last_activity_at, visitor_last_read_seq,
         agent_last_read_seq, resolved_at, first_agent_reply_at, created_at)
       select id, $1::uuid, visitor_id, case when channel = 'WEBSITE' then $2::uuid end, channel, status,
              assignee_id, pinned, msgs, ${bodyExpression('n', 'msgs')}, last_activity_at, msgs,
              case when assignee_id is null then 0 else assignee_read_seq end,
              case when status = 'RESOLVED' then last_activity_at end,
              case when assignee_id is not null and msgs >= 2 then created_at + interval '4 minutes' end,
              created_at
       from bench_conversations`,
        [ws, demo.channelId],
      );
      lap('conversations');
      const messages = await tx.unsafe(
        `insert into messages (workspace_id, conversation_id, seq, sender_type, sender_agent_id,
         sender_visitor_id, body, created_at)
       select $1::uuid, c.id, s,
              (case when s % 2 = 1 or (c.assignee_id is null and c.status <> 'ROBOT') then 'VISITOR'
                    when c.assignee_id is null then 'SYSTEM' else 'AGENT' end)::sender_type,
              case when s % 2 = 0 then c.assignee_id end,
              case when s % 2 = 1 or (c.assignee_id is null and c.status <> 'ROBOT') then c.visitor_id end,
              ${bodyExpression('c.n', 's')},
              c.created_at + (c.last_activity_at - c.created_at) * (s::float8 / c.msgs)
       from bench_conversations c cross join lateral generate_series(1, c.msgs) s`,
        [ws],
      );
      // The assignee's pointer, plus 30 % of the other agents on each open
      // conversation (60 % of those read to the end).
      lap('messages');
      const reads = await tx.unsafe(
        `insert into conversation_reads (conversation_id, agent_id, workspace_id, last_read_seq)
         with others as materialized (
           select c.id, a.id as agent_id, c.msgs, random() as r, random() as r_seq
           from bench_conversations c join bench_agents a on a.id is distinct from c.assignee_id
           where c.status <> 'RESOLVED'
         )
         select id, assignee_id, $1::uuid, assignee_read_seq from bench_conversations
         where assignee_id is not null
         union all
         select id, agent_id, $1::uuid, case when r < 0.18 then msgs else floor(r_seq * msgs)::int end
         from others where r < 0.3`,
        [ws],
      );
      lap('read pointers');
      const tagRows = await tx.unsafe<{ id: string }[]>(`select id from bench_tags order by k`);
      const agentRows = await tx.unsafe<{ email: string }[]>(
        `select email from bench_agents order by k`,
      );
      return {
        workspaceId: ws,
        agentEmails: agentRows.map((r) => r.email),
        tagIds: tagRows.map((r) => r.id),
        visitors: nVisitors,
        conversations: scale.conversations,
        messages: messages.count,
        reads: reads.count,
        visitorTags: visitorTags.count,
        seconds: 0,
        phases: '',
      };
    })
    .then(async (seeded) => {
      await sql.unsafe(
        `vacuum (analyze) conversations, messages, visitors, visitor_tags, conversation_reads, tags, agents, memberships`,
      );
      // Write the seed's dirty pages out now: otherwise the checkpointer
      // flushes a gigabyte during the first view's measurements.
      await sql.unsafe('checkpoint');
      lap('commit, vacuum analyze, checkpoint');
      return {
        ...seeded,
        seconds: (performance.now() - started) / 1000,
        phases: phases.join(', '),
      };
    });
}
