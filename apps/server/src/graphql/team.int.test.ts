// Team, roles and permissions over real GraphQL: the permission matrix (one
// table), custom roles, last-owner protection, deactivation, invitations
// (expiry, single use, SMTP), the audit log, and revocation on open sockets.
import { invitations, sql } from '@parley/db';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeCodeOf,
  collect,
  errorCode,
  gql,
  startTestServer,
  wsClient,
  type TestServer,
} from '../testing/index.js';
import { createInboxFixture, type InboxFixture } from '../testing/inbox-fixtures.js';

let server: TestServer;
let f: InboxFixture;
let adminToken: string;
let adminId: string;
const mail: { to: string; body: string }[] = [];
let smtp: SMTPServer;

beforeAll(async () => {
  // A real SMTP server on loopback receives the invitation mail.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
      stream.on('end', () => {
        mail.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as { port: number }).port;
  server = await startTestServer({
    env: { SMTP_URL: `smtp://127.0.0.1:${port}`, PARLEY_PUBLIC_URL: 'http://parley.test' },
  });
  f = await createInboxFixture(server);
  const owner = await server.core.authenticate({ bearer: f.ownerToken });
  await server.core.addTeamMember(owner, {
    email: `admin-${Date.now()}@example.test`,
    name: 'Ada Admin',
    password: 'admin-password',
    role: 'ADMIN',
  });
  const members = (await server.core.listTeamMembers(owner)).filter((m) => m.role === 'ADMIN');
  adminId = members[0]!.agent.id;
  adminToken = (
    await server.core.signIn({ email: members[0]!.agent.email, password: 'admin-password' })
  ).token;
});
afterAll(async () => {
  await server?.close();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

type Role = 'OWNER' | 'ADMIN' | 'AGENT';
const tokenOf = (role: Role) =>
  role === 'OWNER' ? f.ownerToken : role === 'ADMIN' ? adminToken : f.agentToken;

/**
 * The permission matrix: each operation, the permission it needs, and which
 * built-in roles may run it. Every row runs as every role.
 */
const MATRIX: {
  operation: string;
  permission: string;
  allowed: Role[];
  run: (token: string) => Promise<string | undefined>;
}[] = [
  {
    operation: "reassign another agent's conversation",
    permission: 'conversation.reassign',
    allowed: ['OWNER', 'ADMIN'],
    run: async (token) => {
      const { conversationId } = await f.visitorSays(await f.newVisitor(), 'hi');
      await f.call(
        `mutation($id: ID!) { takeConversation(id: $id) { id } }`,
        { id: conversationId },
        { token: f.ownerToken },
      );
      return errorCode(
        await f.call(
          `mutation($i: AssignConversationInput!) { assignConversation(input: $i) { id } }`,
          { i: { conversationId, agentId: f.agentId } },
          { token },
        ),
      );
    },
  },
  {
    operation: "pin another agent's conversation",
    permission: 'conversation.pin_others',
    allowed: ['OWNER', 'ADMIN'],
    run: async (token) => {
      const { conversationId } = await f.visitorSays(await f.newVisitor(), 'hi');
      await f.call(
        `mutation($id: ID!) { takeConversation(id: $id) { id } }`,
        { id: conversationId },
        { token: f.ownerToken },
      );
      return errorCode(
        await f.call(
          `mutation($id: ID!) { pinConversation(id: $id, pinned: true) { id } }`,
          { id: conversationId },
          { token },
        ),
      );
    },
  },
  {
    operation: 'edit a visitor',
    permission: 'visitor.edit',
    allowed: ['OWNER', 'ADMIN', 'AGENT'],
    run: async (token) => {
      const list = await f.call<{
        conversations: { edges: { node: { visitor: { id: string } } }[] };
      }>(`{ conversations(first: 1) { edges { node { visitor { id } } } } }`);
      const visitorId = list.data!.conversations.edges[0]!.node.visitor.id;
      return errorCode(
        await f.call(
          `mutation($v: ID!) { updateVisitor(input: { visitorId: $v, phone: "+1 202 555 0199" }) { id } }`,
          { v: visitorId },
          { token },
        ),
      );
    },
  },
  {
    operation: 'create a tag',
    permission: 'tag.manage',
    allowed: ['OWNER', 'ADMIN', 'AGENT'],
    run: async (token) =>
      errorCode(
        await f.call(
          `mutation($n: String!) { createTag(name: $n) { id } }`,
          { n: `tag-${Math.random()}` },
          { token },
        ),
      ),
  },
  {
    operation: 'change workspace settings',
    permission: 'settings.manage',
    allowed: ['OWNER', 'ADMIN'],
    run: async (token) =>
      errorCode(
        await f.call(
          `mutation { updateWorkspaceSettings(input: { defaultReceptionLimit: 12 }) { defaultReceptionLimit } }`,
          {},
          { token },
        ),
      ),
  },
  {
    operation: 'list webhooks',
    permission: 'settings.manage',
    allowed: ['OWNER', 'ADMIN'],
    run: async (token) => errorCode(await f.call(`{ webhooks { id } }`, {}, { token })),
  },
  {
    operation: 'list team members',
    permission: 'team.manage',
    allowed: ['OWNER', 'ADMIN'],
    run: async (token) => errorCode(await f.call(`{ teamMembers { role } }`, {}, { token })),
  },
  {
    operation: 'invite a member',
    permission: 'team.manage',
    allowed: ['OWNER', 'ADMIN'],
    run: async (token) =>
      errorCode(
        await f.call(
          `mutation($e: String!) { inviteMember(input: { email: $e, role: AGENT }) { link } }`,
          { e: `x-${Math.random()}@example.test` },
          { token },
        ),
      ),
  },
  {
    operation: 'read session events',
    permission: 'reports.view',
    allowed: ['OWNER', 'ADMIN'],
    run: async (token) =>
      errorCode(await f.call(`{ sessionEvents(first: 1) { cursor } }`, {}, { token })),
  },
  {
    operation: 'create an API token',
    permission: 'api_token.manage',
    allowed: ['OWNER', 'ADMIN'],
    run: async (token) =>
      errorCode(
        await f.call(
          `mutation { createApiToken(input: { name: "matrix" }) { token } }`,
          {},
          { token },
        ),
      ),
  },
  {
    operation: 'read the audit log',
    permission: 'owner only',
    allowed: ['OWNER'],
    run: async (token) => errorCode(await f.call(`{ auditLog(first: 1) { id } }`, {}, { token })),
  },
];

describe('permission matrix', () => {
  for (const row of MATRIX) {
    for (const role of ['OWNER', 'ADMIN', 'AGENT'] as const) {
      const allowed = row.allowed.includes(role);
      it(`${role} ${allowed ? 'may' : 'may not'} ${row.operation} (${row.permission})`, async () => {
        const code = await row.run(tokenOf(role));
        if (allowed) expect(code).toBeUndefined();
        else expect(code).toBe('FORBIDDEN');
      });
    }
  }

  it('a read-only API token changes nothing; a WRITE token acts for the workspace', async () => {
    const tokenWith = async (scopes: string) =>
      (
        await f.call<{ createApiToken: { token: string } }>(
          `mutation { createApiToken(input: { name: "scoped", scopes: [${scopes}] }) { token } }`,
        )
      ).data!.createApiToken.token;
    const reader = await tokenWith('READ, EVENTS');
    const writer = await tokenWith('WRITE');
    const mutations = [
      `mutation { inviteMember(input: { email: "reader-${Date.now()}@example.test", role: ADMIN }) { link } }`,
      `mutation { updateWorkspaceSettings(input: { defaultReceptionLimit: 12 }) { defaultReceptionLimit } }`,
      `mutation { createCustomRole(input: { name: "by-token", permissions: [] }) { id } }`,
      `mutation { createTag(name: "by-token") { id } }`,
    ];
    for (const mutation of mutations)
      expect(errorCode(await f.call(mutation, {}, { token: reader })), mutation).toBe('FORBIDDEN');
    // Reading stays allowed with READ.
    expect(
      errorCode(await f.call(`{ conversations(first: 1) { eventCursor } }`, {}, { token: reader })),
    ).toBeUndefined();
    expect(errorCode(await f.call(mutations[3] ?? '', {}, { token: writer }))).toBeUndefined();
  });

  it('the viewer knows its permissions, for the UI to hide the rest', async () => {
    const agent = await f.call<{ viewer: { permissions: string[] } }>(
      `{ viewer { permissions } }`,
      {},
      { token: f.agentToken },
    );
    expect(agent.data?.viewer.permissions).toEqual([
      'CONVERSATION_VIEW_ALL',
      'VISITOR_EDIT',
      'TAG_MANAGE',
    ]);
    const owner = await f.call<{ viewer: { permissions: string[] } }>(`{ viewer { permissions } }`);
    expect(owner.data?.viewer.permissions).toHaveLength(12);
  });
});

describe('custom roles', () => {
  it('give exactly their permissions, and the change reaches the member at once', async () => {
    const created = await f.call<{ createCustomRole: { id: string; permissions: string[] } }>(
      `mutation { createCustomRole(input: { name: "Supervisor", permissions: [CONVERSATION_REASSIGN, REPORTS_VIEW, API_TOKEN_MANAGE] }) { id permissions } }`,
    );
    expect(created.data?.createCustomRole.permissions).toEqual([
      'CONVERSATION_REASSIGN',
      'REPORTS_VIEW',
      'API_TOKEN_MANAGE',
    ]);
    const customRoleId = created.data!.createCustomRole.id;
    expect(
      errorCode(
        await f.call(`{ sessionEvents(first: 1) { cursor } }`, {}, { token: f.agentToken }),
      ),
    ).toBe('FORBIDDEN');
    await f.call(
      `mutation($i: ChangeMemberRoleInput!) { changeMemberRole(input: $i) { role customRole { name } } }`,
      {
        i: { agentId: f.agentId, role: 'AGENT', customRoleId },
      },
    );
    expect(
      errorCode(
        await f.call(`{ sessionEvents(first: 1) { cursor } }`, {}, { token: f.agentToken }),
      ),
    ).toBeUndefined();
    const members = await f.call<{
      teamMembers: {
        agent: { id: string };
        customRole: { name: string; memberCount: number } | null;
      }[];
    }>(`{ teamMembers { agent { id } customRole { name memberCount } } }`);
    expect(members.data?.teamMembers.find((m) => m.agent.id === f.agentId)?.customRole).toEqual({
      name: 'Supervisor',
      memberCount: 1,
    });
    const invited = await f.call<{
      inviteMember: { invitation: { customRole: { name: string } | null } };
    }>(
      `mutation($e: String!, $r: ID) { inviteMember(input: { email: $e, role: AGENT, customRoleId: $r }) { invitation { customRole { name } } } }`,
      { e: `supervisor-${Date.now()}@example.test`, r: customRoleId },
    );
    expect(invited.data?.inviteMember.invitation.customRole).toEqual({ name: 'Supervisor' });
    // Without visitor.edit now (not in the custom role).
    expect(
      errorCode(
        await f.call(
          `mutation { createTag(name: "nope-custom") { id } }`,
          {},
          { token: f.agentToken },
        ),
      ),
    ).toBe('FORBIDDEN');
    // Changing the role reaches the member's open socket: it closes (4000) so
    // the client reconnects with the new permissions.
    const socket = wsClient(server.wsUrl, { token: f.agentToken });
    let closed: number | null = null;
    socket.on('closed', (event) => (closed = (event as { code: number }).code));
    const stream = collect(socket, 'subscription { typing { conversationId } }');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await f.call(
      `mutation($id: ID!) { updateCustomRole(id: $id, input: { name: "Supervisor", permissions: [CONVERSATION_REASSIGN, REPORTS_VIEW] }) { id } }`,
      { id: customRoleId },
    );
    await expect.poll(() => closed).toBe(4000);
    stream.dispose();
    await f.call(`mutation($id: ID!) { deleteCustomRole(id: $id) }`, { id: customRoleId });
    expect(
      errorCode(
        await f.call(`{ sessionEvents(first: 1) { cursor } }`, {}, { token: f.agentToken }),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('owners', () => {
  it('the last owner cannot be demoted or deactivated; an admin cannot touch owners', async () => {
    const demote = await f.call(
      `mutation($i: ChangeMemberRoleInput!) { changeMemberRole(input: $i) { role } }`,
      { i: { agentId: f.ownerId, role: 'ADMIN' } },
    );
    expect(errorCode(demote)).toBe('CONFLICT');
    expect(demote.errors?.[0]?.extensions?.reason).toBe('LAST_OWNER');
    expect(
      errorCode(
        await f.call(`mutation($id: ID!) { deactivateMember(agentId: $id) { active } }`, {
          id: f.ownerId,
        }),
      ),
    ).toBe('CONFLICT');
    const byAdmin = await f.call(
      `mutation($i: ChangeMemberRoleInput!) { changeMemberRole(input: $i) { role } }`,
      { i: { agentId: f.agentId, role: 'OWNER' } },
      { token: adminToken },
    );
    expect(errorCode(byAdmin)).toBe('FORBIDDEN');
    // Nor can an admin deactivate an owner, or themselves.
    for (const id of [f.ownerId, adminId])
      expect(
        errorCode(
          await f.call(
            `mutation($id: ID!) { deactivateMember(agentId: $id) { active } }`,
            { id },
            { token: adminToken },
          ),
        ),
      ).toBe('FORBIDDEN');
  });
});

describe('invitations', () => {
  const INVITE = `mutation($e: String!) { inviteMember(input: { email: $e, role: AGENT }) { link emailed invitation { id email } } }`;
  const ACCEPT = `mutation($t: String!, $p: String!) { acceptInvitation(input: { token: $t, name: "New Person", password: $p }) { token viewer { role agent { email } } } }`;
  const tokenFrom = (link: string) => new URL(link).searchParams.get('token')!;

  it('are emailed over SMTP, previewed anonymously, accepted once, and sign the invitee in', async () => {
    const email = `new-${Date.now()}@example.test`;
    const invited = await f.call<{ inviteMember: { link: string; emailed: boolean } }>(INVITE, {
      e: email,
    });
    expect(invited.data?.inviteMember.emailed).toBe(true);
    const link = invited.data!.inviteMember.link;
    expect(link).toMatch(/^http:\/\/parley\.test\/invite\?token=inv_/);
    await expect
      .poll(() => mail.find((m) => m.to === email)?.body ?? '')
      .toContain('parley.test/invite');

    const token = tokenFrom(link);
    const preview = await gql<{ invitation: { email: string; workspaceName: string } }>(
      server.graphqlUrl,
      `query($t: String!) { invitation(token: $t) { email workspaceName } }`,
      { t: token },
    );
    expect(preview.data?.invitation.email).toBe(email);

    const accepted = await gql<{
      acceptInvitation: { token: string; viewer: { role: string; agent: { email: string } } };
    }>(server.graphqlUrl, ACCEPT, { t: token, p: 'new-password' });
    expect(accepted.data?.acceptInvitation.viewer).toEqual({ role: 'AGENT', agent: { email } });
    expect(accepted.headers.get('set-cookie')).toMatch(/parley_session=/);

    const again = await gql(server.graphqlUrl, ACCEPT, { t: token, p: 'new-password' });
    expect(errorCode(again)).toBe('NOT_FOUND');
    expect(
      errorCode(
        await gql(server.graphqlUrl, `query($t: String!) { invitation(token: $t) { email } }`, {
          t: token,
        }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('expire', async () => {
    const invited = await f.call<{ inviteMember: { link: string } }>(INVITE, {
      e: `late-${Date.now()}@example.test`,
    });
    await server.database.db
      .update(invitations)
      .set({ expiresAt: sql`now() - interval '1 minute'` });
    const accepted = await gql(server.graphqlUrl, ACCEPT, {
      t: tokenFrom(invited.data!.inviteMember.link),
      p: 'new-password',
    });
    expect(errorCode(accepted)).toBe('NOT_FOUND');
  });

  it('cannot be sent to someone already in the team', async () => {
    const members = await f.call<{ teamMembers: { agent: { email: string } }[] }>(
      `{ teamMembers { agent { email } } }`,
    );
    const existing = members.data!.teamMembers[0]!.agent.email;
    expect(errorCode(await f.call(INVITE, { e: existing }))).toBe('CONFLICT');
  });
});

describe('deactivation', () => {
  it('signs the member out everywhere, closes their sockets, and returns their conversations to the queue', async () => {
    const g = await createInboxFixture(server);
    const { conversationId } = await g.visitorSays(await g.newVisitor(), 'help');
    await g.call(
      `mutation($id: ID!) { takeConversation(id: $id) { id } }`,
      { id: conversationId },
      { token: g.agentToken },
    );

    const socket = wsClient(server.wsUrl, { token: g.agentToken });
    let closedWith: number | null = null;
    socket.on('closed', (event) => (closedWith = (event as { code: number }).code));
    const stream = collect(socket, 'subscription { typing { conversationId } }');
    await expect
      .poll(
        async () =>
          (
            await g.call<{ agents: { id: string; status: string }[] }>(`{ agents { id status } }`)
          ).data?.agents.find((a) => a.id === g.agentId)?.status,
      )
      .toBe('ONLINE');

    const off = await g.call<{ deactivateMember: { active: boolean } }>(
      `mutation($id: ID!) { deactivateMember(agentId: $id) { active } }`,
      { id: g.agentId },
    );
    expect(off.data?.deactivateMember.active).toBe(false);
    await expect.poll(() => closedWith).toBe(4403);
    expect(errorCode(await g.call(`{ viewer { role } }`, {}, { token: g.agentToken }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      errorCode(
        await gql(
          server.graphqlUrl,
          `mutation($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }`,
          {
            e: (
              await g.call<{ teamMembers: { agent: { id: string; email: string } }[] }>(
                `{ teamMembers { agent { id email } } }`,
              )
            ).data!.teamMembers.find((m) => m.agent.id === g.agentId)!.agent.email,
            p: 'agent-password',
          },
        ),
      ),
    ).toBe('UNAUTHENTICATED');

    const list = await g.call<{ conversations: { edges: { node: { id: string } }[] } }>(
      `{ conversations(view: UNASSIGNED) { edges { node { id } } } }`,
    );
    expect(list.data?.conversations.edges.map((e) => e.node.id)).toContain(conversationId);
    expect(await closeCodeOf(server.wsUrl, { token: g.agentToken })).toBe(4403);
    stream.dispose();
  });
});

describe('revocation on open sockets', () => {
  it("revoking an API token closes its open WebSocket; signing out closes the session's", async () => {
    const g = await createInboxFixture(server);
    const created = await g.call<{ createApiToken: { token: string; apiToken: { id: string } } }>(
      `mutation { createApiToken(input: { name: "live" }) { token apiToken { id } } }`,
    );
    const apiToken = created.data!.createApiToken;
    const tokenSocket = wsClient(server.wsUrl, { token: apiToken.token });
    let tokenClosed: number | null = null;
    tokenSocket.on('closed', (event) => (tokenClosed = (event as { code: number }).code));
    const s1 = collect(tokenSocket, 'subscription { workspaceEvents { cursor } }');

    const session = (await server.core.signIn({ email: g.ws.email, password: g.ws.password }))
      .token;
    const sessionSocket = wsClient(server.wsUrl, { token: session });
    let sessionClosed: number | null = null;
    sessionSocket.on('closed', (event) => (sessionClosed = (event as { code: number }).code));
    const s2 = collect(sessionSocket, 'subscription { typing { conversationId } }');
    await new Promise((resolve) => setTimeout(resolve, 300));

    await g.call(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, {
      id: apiToken.apiToken.id,
    });
    await expect.poll(() => tokenClosed).toBe(4403);
    await gql(server.graphqlUrl, 'mutation { signOut }', {}, { token: session });
    await expect.poll(() => sessionClosed).toBe(4403);
    s1.dispose();
    s2.dispose();
  });
});

describe('audit log', () => {
  it('records admin actions with who, what, and before/after; owners filter it', async () => {
    const log = await f.call<{
      auditLog: { actor: { id: string } | null; action: string; before: unknown; after: unknown }[];
    }>(`{ auditLog(first: 100) { actor { id } action before after } }`);
    const actions = log.data!.auditLog.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'settings.changed',
        'member.role_changed',
        'role.created',
        'role.deleted',
        'invitation.created',
        'api_token.created',
      ]),
    );
    // Newest first: the oldest settings change is the one from the default.
    const settings = log.data!.auditLog.filter((e) => e.action === 'settings.changed').at(-1);
    expect(settings?.before).toMatchObject({ defaultReceptionLimit: 10 });
    expect(settings?.after).toMatchObject({ defaultReceptionLimit: 12 });
    // Targets come with the name people know them by, not only an id.
    const named = await f.call<{
      auditLog: { action: string; targetId: string | null; targetName: string | null }[];
    }>(`{ auditLog(first: 100) { action targetId targetName } }`);
    const roleChange = named.data!.auditLog.find((e) => e.action === 'member.role_changed');
    expect(roleChange?.targetName).toEqual(expect.any(String));
    expect(roleChange?.targetName).not.toBe(roleChange?.targetId);
    const invitation = named.data!.auditLog.find((e) => e.action === 'invitation.created');
    expect(invitation?.targetName).toContain('@');
    const filtered = await f.call<{ auditLog: { action: string }[] }>(
      `{ auditLog(filter: { action: "invitation" }) { action } }`,
    );
    expect(filtered.data!.auditLog.length).toBeGreaterThan(0);
    expect(filtered.data!.auditLog.every((e) => e.action.startsWith('invitation.'))).toBe(true);
  });
});
