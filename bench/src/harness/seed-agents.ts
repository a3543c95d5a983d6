// Many signed-in agents at once, for scenarios that need distinct viewers:
// agents and memberships of the demo workspace plus a session each, written
// straight into the database (signing 200 agents in would only measure argon2).
// Tokens follow the server's format: a `pss_` prefix, stored as SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import postgres from 'postgres';

export interface SeededAgent {
  agentId: string;
  /** A session token, without the `Bearer ` prefix. */
  token: string;
}

export async function seedAgents(
  databaseUrl: string,
  options: { count: number; label: string; role?: 'ADMIN' | 'AGENT' },
): Promise<SeededAgent[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    const [owner] = await sql<{ workspaceId: string; passwordHash: string }[]>`
      select m.workspace_id as "workspaceId", a.password_hash as "passwordHash"
      from agents a join memberships m on m.agent_id = a.id
      where lower(a.email) = 'demo@parley.dev' limit 1`;
    if (!owner) throw new Error('the demo workspace is not seeded');
    const seeded: SeededAgent[] = [];
    await sql.begin(async (tx) => {
      for (let i = 0; i < options.count; i += 1) {
        const token = `pss_${randomBytes(32).toString('base64url')}`;
        const [agent] = await tx<{ id: string }[]>`
          insert into agents (email, name, password_hash)
          values (${`${options.label}-${i}@bench.parley.dev`}, ${`${options.label} ${i}`}, ${owner.passwordHash})
          returning id`;
        if (!agent) throw new Error('agent insert returned nothing');
        await tx`insert into memberships (workspace_id, agent_id, role)
          values (${owner.workspaceId}, ${agent.id}, ${options.role ?? 'ADMIN'})`;
        await tx`insert into auth_sessions (workspace_id, agent_id, token_hash, expires_at)
          values (${owner.workspaceId}, ${agent.id}, ${createHash('sha256').update(token).digest('hex')}, now() + interval '1 day')`;
        seeded.push({ agentId: agent.id, token });
      }
    });
    return seeded;
  } finally {
    await sql.end();
  }
}
