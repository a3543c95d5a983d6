// Accounts over real GraphQL: first-run setup (once, even when raced), public
// sign-up (off by default, neutral on a taken email, rate-limited), changing a
// password, password reset by e-mail through a real SMTP server, and the
// session list with revocation.
import { authSessions, eq, isNull, passwordResetTokens, sql, workspaces } from '@parley/db';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  createWorkspaceFixture,
  errorCode,
  gql,
  startTestServer,
  wsClient,
  type TestServer,
  type WorkspaceFixture,
} from '../testing/index.js';

/** A server on an empty database, with sign-up off and no SMTP (the defaults). */
let fresh: TestServer;
/** A server with PARLEY_SIGNUP=true and SMTP pointing at `smtp`. */
let server: TestServer;
let smtp: SMTPServer;
const mail: { to: string; body: string }[] = [];

beforeAll(async () => {
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
  [fresh, server] = await Promise.all([
    startTestServer(),
    startTestServer({
      env: {
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        PARLEY_PUBLIC_URL: 'http://parley.test',
        PARLEY_SIGNUP: 'true',
      },
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([fresh?.close(), server?.close()]);
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

const STATUS = '{ setupStatus { needsSetup signUpEnabled passwordResetByEmail } }';
const SET_UP = `mutation($input: NewWorkspaceInput!) {
  setUpWorkspace(input: $input) { token viewer { role workspace { name } agent { email } } }
}`;
const SIGN_UP = `mutation($input: NewWorkspaceInput!) {
  signUp(input: $input) { token viewer { role workspace { id name } agent { email } } }
}`;
const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }`;
const CHANGE = `mutation($c: String!, $n: String!) { changePassword(input: { currentPassword: $c, newPassword: $n }) }`;
const REQUEST_RESET = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation($t: String!, $n: String!) {
  resetPassword(input: { token: $t, newPassword: $n }) { token viewer { agent { email } } }
}`;
const SESSIONS = '{ sessions { id createdAt lastUsedAt userAgent ip current } }';
const WHO = '{ viewer { agent { email } } }';

type SessionRow = {
  id: string;
  createdAt: string;
  lastUsedAt: string | null;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
};

let counter = 0;
const unique = (label: string) => `${label}-${Date.now().toString(36)}-${++counter}@example.test`;
const newWorkspace = (overrides: Record<string, string> = {}) => ({
  workspaceName: 'Acme Support',
  name: 'Olu Owner',
  email: unique('owner'),
  password: 'a sturdy passphrase',
  ...overrides,
});

async function signIn(target: TestServer, email: string, password: string) {
  return gql<{ signIn: { token: string } }>(target.graphqlUrl, SIGN_IN, { e: email, p: password });
}

async function canAct(target: TestServer, token: string): Promise<boolean> {
  const response = await gql(target.graphqlUrl, WHO, {}, { token });
  return response.data != null;
}

describe('first-run setup', () => {
  it('an empty server needs setup; sign-up is off and no reset mail without SMTP', async () => {
    const status = await gql(fresh.graphqlUrl, STATUS);
    expect(status.data).toEqual({
      setupStatus: { needsSetup: true, signUpEnabled: false, passwordResetByEmail: false },
    });
  });

  it('refuses a short or common password before creating anything', async () => {
    const short = await gql(fresh.graphqlUrl, SET_UP, {
      input: newWorkspace({ password: 'short' }),
    });
    expect(errorCode(short)).toBe('BAD_USER_INPUT');
    expect(short.errors?.[0]?.message).toBe('Use at least 10 characters.');
    const common = await gql(fresh.graphqlUrl, SET_UP, {
      input: newWorkspace({ password: 'password123' }),
    });
    expect(errorCode(common)).toBe('BAD_USER_INPUT');
    expect(common.errors?.[0]?.message).toBe('This password is too common; choose another.');
    expect((await gql(fresh.graphqlUrl, STATUS)).data).toMatchObject({
      setupStatus: { needsSetup: true },
    });
  });

  it('two concurrent setups create one workspace; the winner is signed in as its owner', async () => {
    const first = newWorkspace({ workspaceName: 'First' });
    const second = newWorkspace({ workspaceName: 'Second' });
    const results = await Promise.all([
      gql<{ setUpWorkspace: { token: string; viewer: { role: string } } }>(
        fresh.graphqlUrl,
        SET_UP,
        { input: first },
      ),
      gql(fresh.graphqlUrl, SET_UP, { input: second }),
    ]);
    const won = results.filter((r) => r.data);
    const lost = results.filter((r) => !r.data);
    expect(won).toHaveLength(1);
    expect(lost.map(errorCode)).toEqual(['FORBIDDEN']);
    expect(won[0]!.headers.get('set-cookie')).toMatch(/parley_session=pss_/);
    const all = await fresh.database.db.select({ id: workspaces.id }).from(workspaces);
    expect(all).toHaveLength(1);

    // The cookie alone authenticates the owner.
    const cookie = won[0]!.headers.get('set-cookie')!.split(';')[0]!;
    const viewer = await gql<{ viewer: { role: string; workspace: { name: string } } }>(
      fresh.graphqlUrl,
      '{ viewer { role workspace { name } } }',
      {},
      { cookie },
    );
    expect(viewer.data?.viewer.role).toBe('OWNER');
    expect(['First', 'Second']).toContain(viewer.data?.viewer.workspace.name);
  });

  it('is closed once a workspace exists', async () => {
    expect((await gql(fresh.graphqlUrl, STATUS)).data).toMatchObject({
      setupStatus: { needsSetup: false },
    });
    const again = await gql(fresh.graphqlUrl, SET_UP, { input: newWorkspace() });
    expect(errorCode(again)).toBe('FORBIDDEN');
    expect(again.errors?.[0]?.message).toMatch(/already set up/);
  });

  it('the demo seed and setup exclude each other (one lock, one answer)', async () => {
    const seeded = await fresh.core.seedDemoWorkspace();
    expect(seeded.seeded).toBe(false);
  });
});

describe('public sign-up', () => {
  it('is refused with FORBIDDEN when the server has not enabled it', async () => {
    const response = await gql(fresh.graphqlUrl, SIGN_UP, { input: newWorkspace() });
    expect(errorCode(response)).toBe('FORBIDDEN');
    expect(response.errors?.[0]?.message).toBe('Sign-up is disabled on this server.');
  });

  it('creates a new workspace with its owner and signs them in', async () => {
    const existing = await createWorkspaceFixture(server);
    const input = newWorkspace({ workspaceName: 'Team Two' });
    const response = await gql<{
      signUp: { token: string; viewer: { role: string; workspace: { id: string; name: string } } };
    }>(server.graphqlUrl, SIGN_UP, { input });
    expect(response.errors).toBeUndefined();
    expect(response.data?.signUp.viewer).toMatchObject({
      role: 'OWNER',
      workspace: { name: 'Team Two' },
    });
    expect(response.data?.signUp.viewer.workspace.id).not.toBe(existing.workspaceId);
    expect(response.headers.get('set-cookie')).toMatch(/parley_session=pss_/);
    expect((await signIn(server, input.email, input.password)).data?.signIn.token).toMatch(/^pss_/);
  });

  it('a taken email gets a neutral CONFLICT and neither signs in nor changes the account', async () => {
    const victim = await createWorkspaceFixture(server);
    const response = await gql(server.graphqlUrl, SIGN_UP, {
      input: newWorkspace({ email: victim.email.toUpperCase(), password: 'attacker password' }),
    });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors?.[0]?.message).toBe(
      'This email cannot be used to sign up. If it is yours, sign in or reset your password.',
    );
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(errorCode(await signIn(server, victim.email, 'attacker password'))).toBe(
      'UNAUTHENTICATED',
    );
    expect((await signIn(server, victim.email, victim.password)).data?.signIn.token).toMatch(
      /^pss_/,
    );
  });

  it('refuses weak passwords', async () => {
    const response = await gql(server.graphqlUrl, SIGN_UP, {
      input: newWorkspace({ password: 'qwertyuiop' }),
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });
});

describe('changing a password', () => {
  let ws: WorkspaceFixture;
  let current: string;
  beforeAll(async () => {
    ws = await createWorkspaceFixture(server);
    current = (await signIn(server, ws.email, ws.password)).data!.signIn.token;
  });

  it('needs the right current password, and then changes nothing', async () => {
    const other = (await signIn(server, ws.email, ws.password)).data!.signIn.token;
    const wrong = await gql(
      server.graphqlUrl,
      CHANGE,
      { c: 'not my password', n: 'a new long passphrase' },
      { token: current },
    );
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0]?.message).toBe('The current password is not correct.');
    expect(await canAct(server, other)).toBe(true);
    expect((await signIn(server, ws.email, ws.password)).data).toBeTruthy();
  });

  it('refuses a weak new password', async () => {
    const weak = await gql(
      server.graphqlUrl,
      CHANGE,
      { c: ws.password, n: 'password1234' },
      { token: current },
    );
    expect(errorCode(weak)).toBe('BAD_USER_INPUT');
    expect(weak.errors?.[0]?.extensions?.field).toBe('newPassword');
  });

  it('ends every other session (their sockets close) and keeps this one', async () => {
    const other = (await signIn(server, ws.email, ws.password)).data!.signIn.token;
    const socket = wsClient(server.wsUrl, { token: other });
    let closedWith: number | null = null;
    socket.on('closed', (event) => (closedWith = (event as { code: number }).code));
    const stream = collect(socket, 'subscription { typing { conversationId } }');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const changed = await gql<{ changePassword: number }>(
      server.graphqlUrl,
      CHANGE,
      { c: ws.password, n: 'a new long passphrase' },
      { token: current },
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.changePassword).toBeGreaterThanOrEqual(2);
    await expect.poll(() => closedWith).toBe(4403);
    expect(await canAct(server, other)).toBe(false);
    expect(await canAct(server, current)).toBe(true);
    expect(errorCode(await signIn(server, ws.email, ws.password))).toBe('UNAUTHENTICATED');
    expect((await signIn(server, ws.email, 'a new long passphrase')).data).toBeTruthy();
    stream.dispose();
  });

  it('an API token cannot change a password', async () => {
    const created = await gql<{ createApiToken: { token: string } }>(
      server.graphqlUrl,
      'mutation { createApiToken(input: { name: "ci" }) { token } }',
      {},
      { token: current },
    );
    const response = await gql(
      server.graphqlUrl,
      CHANGE,
      { c: 'a new long passphrase', n: 'another long passphrase' },
      { token: created.data!.createApiToken.token },
    );
    expect(errorCode(response)).toBe('FORBIDDEN');
  });
});

describe('password reset by e-mail', () => {
  const tokenFrom = (body: string) => {
    // Quoted-printable may wrap the line; undo soft breaks before reading the link.
    const text = body.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const match = text.match(/http:\/\/parley\.test\/reset-password\?token=([A-Za-z0-9_%-]+)/);
    if (!match) throw new Error(`no reset link in:\n${body}`);
    return decodeURIComponent(match[1]!);
  };
  const mailFor = async (email: string, after = 0) => {
    await expect
      .poll(() => mail.filter((m) => m.to === email).length, { timeout: 10_000 })
      .toBeGreaterThan(after);
    return mail.filter((m) => m.to === email).at(-1)!.body;
  };

  it('always answers true and mails only real accounts', async () => {
    const ws = await createWorkspaceFixture(server);
    const nobody = unique('nobody');
    const unknown = await gql(server.graphqlUrl, REQUEST_RESET, { e: nobody });
    const known = await gql(server.graphqlUrl, REQUEST_RESET, { e: ws.email });
    expect(unknown.data).toEqual({ requestPasswordReset: true });
    expect(known.data).toEqual({ requestPasswordReset: true });
    const body = await mailFor(ws.email);
    expect(body).toContain('Reset your Parley password');
    expect(tokenFrom(body)).toMatch(/^prt_/);
    expect(mail.some((m) => m.to === nobody)).toBe(false);
  });

  it('a link resets once, ends every session, signs in, and cannot be reused', async () => {
    const ws = await createWorkspaceFixture(server);
    const before = (await signIn(server, ws.email, ws.password)).data!.signIn.token;
    const sent = mail.filter((m) => m.to === ws.email).length;
    await gql(server.graphqlUrl, REQUEST_RESET, { e: ws.email });
    const token = tokenFrom(await mailFor(ws.email, sent));

    // The token is checked first: a weak password does not spend it.
    const weak = await gql(server.graphqlUrl, RESET, { t: token, n: 'short' });
    expect(errorCode(weak)).toBe('BAD_USER_INPUT');

    const reset = await gql<{
      resetPassword: { token: string; viewer: { agent: { email: string } } };
    }>(server.graphqlUrl, RESET, { t: token, n: 'a brand new passphrase' });
    expect(reset.errors).toBeUndefined();
    expect(reset.data?.resetPassword.viewer.agent.email).toBe(ws.email);
    expect(reset.headers.get('set-cookie')).toMatch(/parley_session=pss_/);
    expect(await canAct(server, before)).toBe(false);
    expect(await canAct(server, reset.data!.resetPassword.token)).toBe(true);
    expect(errorCode(await signIn(server, ws.email, ws.password))).toBe('UNAUTHENTICATED');
    expect((await signIn(server, ws.email, 'a brand new passphrase')).data).toBeTruthy();

    const reused = await gql(server.graphqlUrl, RESET, { t: token, n: 'yet another passphrase' });
    expect(errorCode(reused)).toBe('NOT_FOUND');
    expect(reused.errors?.[0]?.message).toBe(
      'This reset link is invalid, used or expired; ask for a new one.',
    );
    expect((await signIn(server, ws.email, 'a brand new passphrase')).data).toBeTruthy();
  });

  it('an expired link or a made-up token is NOT_FOUND (checked before the new password)', async () => {
    const ws = await createWorkspaceFixture(server);
    const sent = mail.filter((m) => m.to === ws.email).length;
    await gql(server.graphqlUrl, REQUEST_RESET, { e: ws.email });
    const token = tokenFrom(await mailFor(ws.email, sent));
    await server.database.db
      .update(passwordResetTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(isNull(passwordResetTokens.usedAt));
    expect(
      errorCode(await gql(server.graphqlUrl, RESET, { t: token, n: 'a fine passphrase' })),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(await gql(server.graphqlUrl, RESET, { t: 'prt_made-up-token', n: 'short' })),
    ).toBe('NOT_FOUND');
    expect((await signIn(server, ws.email, ws.password)).data).toBeTruthy();
  });

  it('without SMTP, still answers true (and the status says mail is off)', async () => {
    const response = await gql(fresh.graphqlUrl, REQUEST_RESET, { e: 'demo@parley.dev' });
    expect(response.data).toEqual({ requestPasswordReset: true });
    expect((await gql(fresh.graphqlUrl, STATUS)).data).toMatchObject({
      setupStatus: { passwordResetByEmail: false },
    });
  });
});

describe('sessions', () => {
  let ws: WorkspaceFixture;
  let current: string;
  beforeAll(async () => {
    ws = await createWorkspaceFixture(server);
    current = (await signIn(server, ws.email, ws.password)).data!.signIn.token;
  });

  it('lists your sessions with when, from what and where; the current one is marked', async () => {
    const other = (await signIn(server, ws.email, ws.password)).data!.signIn.token;
    const list = await gql<{ sessions: SessionRow[] }>(
      server.graphqlUrl,
      SESSIONS,
      {},
      {
        token: current,
      },
    );
    expect(list.errors).toBeUndefined();
    const sessions = list.data!.sessions;
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    for (const s of sessions) {
      expect(s.ip).toBe('127.0.0.1');
      expect(s.userAgent).toBeTruthy();
      expect(s.lastUsedAt).toBeTruthy();
    }
    expect(await canAct(server, other)).toBe(true);
  });

  it('records last use at most once a minute', async () => {
    const token = (await signIn(server, ws.email, ws.password)).data!.signIn.token;
    const mine = async () =>
      (
        await gql<{ sessions: SessionRow[] }>(server.graphqlUrl, SESSIONS, {}, { token })
      ).data!.sessions.find((s) => s.current)!;
    const { id } = await mine();
    await server.database.db
      .update(authSessions)
      .set({ lastUsedAt: sql`now() - interval '5 minutes'` })
      .where(eq(authSessions.id, id));
    const touched = new Date((await mine()).lastUsedAt!).getTime();
    expect(Date.now() - touched).toBeLessThan(60_000);

    // Within the minute, requests do not write again.
    await server.database.db
      .update(authSessions)
      .set({ lastUsedAt: sql`now() - interval '30 seconds'` })
      .where(eq(authSessions.id, id));
    const kept = new Date((await mine()).lastUsedAt!).getTime();
    expect(Date.now() - kept).toBeGreaterThanOrEqual(29_000);
  });

  it("revokes one of your sessions; anyone else's, in any workspace, is NOT_FOUND", async () => {
    const other = (await signIn(server, ws.email, ws.password)).data!.signIn.token;
    const otherId = (
      await gql<{ sessions: SessionRow[] }>(server.graphqlUrl, SESSIONS, {}, { token: other })
    ).data!.sessions.find((s) => s.current)!.id;

    const stranger = await createWorkspaceFixture(server);
    const strangerToken = (await signIn(server, stranger.email, stranger.password)).data!.signIn
      .token;
    const strangerId = (
      await gql<{ sessions: SessionRow[] }>(
        server.graphqlUrl,
        SESSIONS,
        {},
        {
          token: strangerToken,
        },
      )
    ).data!.sessions[0]!.id;

    const REVOKE = 'mutation($id: ID!) { revokeSession(id: $id) }';
    const foreign = await gql(server.graphqlUrl, REVOKE, { id: strangerId }, { token: current });
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    expect(await canAct(server, strangerToken)).toBe(true);

    const revoked = await gql(server.graphqlUrl, REVOKE, { id: otherId }, { token: current });
    expect(revoked.data).toEqual({ revokeSession: true });
    expect(await canAct(server, other)).toBe(false);
    expect(
      errorCode(await gql(server.graphqlUrl, REVOKE, { id: otherId }, { token: current })),
    ).toBe('NOT_FOUND');
  });

  it('signs out everywhere else, closing their sockets, and keeps this session', async () => {
    const others = await Promise.all(
      [1, 2].map(async () => (await signIn(server, ws.email, ws.password)).data!.signIn.token),
    );
    const socket = wsClient(server.wsUrl, { token: others[0] });
    let closedWith: number | null = null;
    socket.on('closed', (event) => (closedWith = (event as { code: number }).code));
    const stream = collect(socket, 'subscription { typing { conversationId } }');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const ended = await gql<{ revokeOtherSessions: number }>(
      server.graphqlUrl,
      'mutation { revokeOtherSessions }',
      {},
      { token: current },
    );
    expect(ended.data?.revokeOtherSessions).toBeGreaterThanOrEqual(2);
    await expect.poll(() => closedWith).toBe(4403);
    for (const token of others) expect(await canAct(server, token)).toBe(false);
    expect(await canAct(server, current)).toBe(true);
    const list = await gql<{ sessions: SessionRow[] }>(
      server.graphqlUrl,
      SESSIONS,
      {},
      {
        token: current,
      },
    );
    expect(list.data?.sessions.map((s) => s.current)).toEqual([true]);
    stream.dispose();
  });

  it('needs a signed-in agent', async () => {
    expect(errorCode(await gql(server.graphqlUrl, SESSIONS))).toBe('UNAUTHENTICATED');
  });
});

describe('sign-up rate limit', () => {
  it('limits new workspaces per client address', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6 && !codes.includes('RATE_LIMITED'); i += 1) {
      codes.push(errorCode(await gql(server.graphqlUrl, SIGN_UP, { input: newWorkspace() })));
    }
    expect(codes).toContain('RATE_LIMITED');
  });
});

describe('reset links made by an admin (servers without e-mail)', () => {
  const LINK = `mutation($id: ID!) { createPasswordResetLink(agentId: $id) { link expiresAt } }`;
  let ws: WorkspaceFixture;
  let ownerToken: string;
  let adminToken: string;
  const ids: Record<'owner' | 'admin' | 'agent' | 'shared', string> = {
    owner: '',
    admin: '',
    agent: '',
    shared: '',
  };
  const agentLogin = { email: unique('agent'), password: 'agent passphrase' };

  beforeAll(async () => {
    ws = await createWorkspaceFixture(server);
    ownerToken = (await signIn(server, ws.email, ws.password)).data!.signIn.token;
    const owner = await server.core.authenticate({ bearer: ownerToken });
    const adminLogin = { email: unique('admin'), password: 'admin passphrase' };
    const sharedLogin = { email: unique('shared'), password: 'shared passphrase' };
    await server.core.addTeamMember(owner, { ...adminLogin, name: 'Ada', role: 'ADMIN' });
    await server.core.addTeamMember(owner, { ...agentLogin, name: 'Abe', role: 'AGENT' });
    await server.core.addTeamMember(owner, { ...sharedLogin, name: 'Sha', role: 'AGENT' });
    adminToken = (await signIn(server, adminLogin.email, adminLogin.password)).data!.signIn.token;
    for (const m of await server.core.listTeamMembers(owner)) {
      if (m.agent.email === ws.email) ids.owner = m.agent.id;
      if (m.agent.email === adminLogin.email) ids.admin = m.agent.id;
      if (m.agent.email === agentLogin.email) ids.agent = m.agent.id;
      if (m.agent.email === sharedLogin.email) ids.shared = m.agent.id;
    }
    // `shared` also joins another workspace.
    const other = await createWorkspaceFixture(server);
    const otherOwner = await server.core.authenticate({
      bearer: (await signIn(server, other.email, other.password)).data!.signIn.token,
    });
    const invited = await server.core.inviteMember(otherOwner, {
      email: sharedLogin.email,
      role: 'AGENT',
    });
    await server.core.acceptInvitation({
      token: new URL(invited.link).searchParams.get('token'),
      name: 'Sha',
      password: sharedLogin.password,
    });
  });

  it('an admin makes a link for a member; it resets their password once', async () => {
    const made = await gql<{ createPasswordResetLink: { link: string } }>(
      server.graphqlUrl,
      LINK,
      { id: ids.agent },
      { token: adminToken },
    );
    expect(made.errors).toBeUndefined();
    const link = made.data!.createPasswordResetLink.link;
    expect(link).toMatch(/^http:\/\/parley\.test\/reset-password\?token=prt_/);
    const token = new URL(link).searchParams.get('token')!;
    const reset = await gql(server.graphqlUrl, RESET, { t: token, n: 'handed over passphrase' });
    expect(reset.errors).toBeUndefined();
    expect(errorCode(await signIn(server, agentLogin.email, agentLogin.password))).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      errorCode(await gql(server.graphqlUrl, RESET, { t: token, n: 'again passphrase' })),
    ).toBe('NOT_FOUND');
  });

  it('an admin cannot make one for an owner; an owner can', async () => {
    const byAdmin = await gql(server.graphqlUrl, LINK, { id: ids.owner }, { token: adminToken });
    expect(errorCode(byAdmin)).toBe('FORBIDDEN');
    const byOwner = await gql(server.graphqlUrl, LINK, { id: ids.admin }, { token: ownerToken });
    expect(byOwner.errors).toBeUndefined();
  });

  it('not for someone who also belongs to another workspace', async () => {
    const response = await gql(server.graphqlUrl, LINK, { id: ids.shared }, { token: ownerToken });
    expect(errorCode(response)).toBe('FORBIDDEN');
  });

  it("another workspace's member is NOT_FOUND; an agent without team.manage is FORBIDDEN", async () => {
    const stranger = await createWorkspaceFixture(server);
    const strangerToken = (await signIn(server, stranger.email, stranger.password)).data!.signIn
      .token;
    expect(
      errorCode(await gql(server.graphqlUrl, LINK, { id: ids.agent }, { token: strangerToken })),
    ).toBe('NOT_FOUND');
    const agentToken = (await signIn(server, agentLogin.email, 'handed over passphrase')).data!
      .signIn.token;
    expect(
      errorCode(await gql(server.graphqlUrl, LINK, { id: ids.admin }, { token: agentToken })),
    ).toBe('FORBIDDEN');
  });
});
