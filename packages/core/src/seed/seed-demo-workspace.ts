// On an empty database, creates a demo workspace a new user can sign in to.
// Conversations are created through the same domain operations the API uses,
// so the demo data has its events like any other.
import { sql, workspaces, type Database } from '@parley/db';
import { FIRST_WORKSPACE_LOCK } from '../auth/set-up-workspace.js';
import { sendMessage } from '../conversations/send-message.js';
import { visitorSendMessage } from '../conversations/visitor-send-message.js';
import type { CoreDeps } from '../shared/transaction.js';
import { startVisitorSession } from '../visitors/start-visitor-session.js';
import { verifyVisitorToken } from '../visitors/visitor-token.js';
import { addTeamMember } from '../team/add-team-member.js';
import { createWorkspace } from '../workspaces/create-workspace.js';

export const DEMO_LOGIN = { email: 'demo@parley.dev', password: 'parley-demo' } as const;
export const DEMO_CHANNEL_KEY = 'demo-website';
/** A second agent (role AGENT), to try reassignment and permissions by hand. */
export const DEMO_AGENT_LOGIN = { email: 'lee@parley.dev', password: 'parley-demo' } as const;

const SCRIPT: { visitor: string; lines: [from: 'visitor' | 'agent', body: string][] }[] = [
  {
    visitor: 'Mina Okafor',
    lines: [
      ['visitor', 'Hi! I ordered the walnut desk last week — any idea when it ships?'],
      ['agent', 'Hi Mina, let me check that order for you.'],
      ['visitor', 'Thanks, the order number is #10482.'],
    ],
  },
  {
    visitor: 'Lukas Brandt',
    lines: [
      ['visitor', 'Hallo, do you ship to Austria?'],
      ['agent', 'We do! Standard delivery to Austria takes 3–5 business days.'],
    ],
  },
  {
    visitor: 'Priya Raman',
    lines: [['visitor', 'Can I change the colour of my order after paying?']],
  },
];

export interface DemoSeedResult {
  seeded: boolean;
  email: string;
  password: string;
}

export async function seedDemoWorkspace(deps: CoreDeps): Promise<DemoSeedResult> {
  // Serialise concurrent first starts on one database; only the first seeds.
  const owner = await deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_WORKSPACE_LOCK})`);
    const [existing] = await tx.select({ id: workspaces.id }).from(workspaces).limit(1);
    if (existing) return null;
    const created = await createWorkspace(
      { ...deps, db: tx as unknown as Database },
      {
        name: 'Demo Workspace',
        owner: { email: DEMO_LOGIN.email, name: 'Dana Demo', password: DEMO_LOGIN.password },
        websiteChannelKey: DEMO_CHANNEL_KEY,
      },
    );
    return created.owner;
  });
  if (!owner) return { seeded: false, ...DEMO_LOGIN };
  await addTeamMember(deps, owner, { ...DEMO_AGENT_LOGIN, name: 'Lee Agent', role: 'AGENT' });

  for (const { visitor: name, lines } of SCRIPT) {
    const session = await startVisitorSession(deps, { channelKey: DEMO_CHANNEL_KEY, name });
    const claims = verifyVisitorToken(deps.visitorTokenKey, session.token);
    if (!claims) throw new Error('demo visitor token did not verify');
    const visitor = { kind: 'visitor', ...claims } as const;
    let conversationId: string | null = null;
    for (const [from, body] of lines) {
      if (from === 'visitor') {
        const message = await visitorSendMessage(deps, visitor, { conversationId, body });
        conversationId = message.conversationId;
      } else {
        await sendMessage(deps, owner, { conversationId, body });
      }
    }
  }
  return { seeded: true, ...DEMO_LOGIN };
}
