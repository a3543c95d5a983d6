// Holes from "Parley for real teams", over real GraphQL: a deactivated
// member's API tokens stop at once, sign-in failures from other addresses
// never lock the owner out, and bogus invitation tokens cost no argon2 work.
import { memberships, sql } from '@parley/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  errorCode,
  gql,
  startTestServer,
  wsClient,
  type GraphQLResponse,
  type TestServer,
} from '../testing/index.js';
import { createInboxFixture, type InboxFixture } from '../testing/inbox-fixtures.js';

let server: TestServer;
let f: InboxFixture;

beforeAll(async () => {
  server = await startTestServer();
  f = await createInboxFixture(server);
});
afterAll(async () => {
  await server?.close();
});

const INVITE = `mutation($e: String!) { inviteMember(input: { email: $e, role: ADMIN }) { link } }`;

async function adminWithToken(g: InboxFixture) {
  const owner = await server.core.authenticate({ bearer: g.ownerToken });
  const email = `admin-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;
  const admin = await server.core.addTeamMember(owner, {
    email,
    name: 'Ada Admin',
    password: 'admin-password',
    role: 'ADMIN',
  });
  const session = await server.core.signIn({ email, password: 'admin-password' });
  const created = await g.call<{ createApiToken: { token: string; apiToken: { id: string } } }>(
    `mutation { createApiToken(input: { name: "ci", scopes: [READ, WRITE, EVENTS] }) { token apiToken { id } } }`,
    {},
    { token: session.token },
  );
  return { adminId: admin.id, apiToken: created.data!.createApiToken };
}

describe("a deactivated member's API tokens", () => {
  it('are revoked with the deactivation: they stop at once and their sockets close', async () => {
    const { adminId, apiToken } = await adminWithToken(f);
    expect(
      errorCode(
        await f.call(INVITE, { e: `ok-${Date.now()}@example.test` }, { token: apiToken.token }),
      ),
    ).toBeUndefined();
    const socket = wsClient(server.wsUrl, { token: apiToken.token });
    let closedWith: number | null = null;
    socket.on('closed', (event) => (closedWith = (event as { code: number }).code));
    const stream = collect(socket, 'subscription { workspaceEvents { cursor } }');
    await new Promise((resolve) => setTimeout(resolve, 300));

    await f.call(`mutation($id: ID!) { deactivateMember(agentId: $id) { active } }`, {
      id: adminId,
    });

    await expect.poll(() => closedWith).toBe(4403);
    const invited = await f.call(
      INVITE,
      { e: `late-${Date.now()}@example.test` },
      { token: apiToken.token },
    );
    expect(errorCode(invited)).toBe('UNAUTHENTICATED');
    const tokens = await f.call<{ apiTokens: { id: string; revokedAt: string | null }[] }>(
      `{ apiTokens { id revokedAt } }`,
    );
    expect(tokens.errors).toBeUndefined();
    expect(tokens.data?.apiTokens.find((t) => t.id === apiToken.apiToken.id)?.revokedAt).toBeTruthy();
    stream.dispose();
  });

  it('stop working whenever their creator is not an active member (defence in depth)', async () => {
    const g = await createInboxFixture(server);
    const { adminId, apiToken } = await adminWithToken(g);
    // Deactivated behind the domain's back: the token itself is not revoked.
    await server.database.db
      .update(memberships)
      .set({ active: false })
      .where(sql`${memberships.agentId} = ${adminId}`);
    const invited = await g.call(
      INVITE,
      { e: `late-${Date.now()}@example.test` },
      { token: apiToken.token },
    );
    expect(errorCode(invited)).toBe('UNAUTHENTICATED');
  });
});

async function signInFrom(
  address: string,
  email: string,
  password: string,
): Promise<GraphQLResponse<{ signIn: { token: string } }>> {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({
      query: `mutation($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }`,
      variables: { e: email, p: password },
    }),
  });
  const body = (await response.json()) as Pick<
    GraphQLResponse<{ signIn: { token: string } }>,
    'data' | 'errors'
  >;
  return { status: response.status, headers: response.headers, ...body };
}

describe('sign-in limits', () => {
  it('failures from other addresses never lock the owner out of their own', async () => {
    const g = await createInboxFixture(server);
    for (let i = 0; i < 12; i++) {
      const attempt = await signInFrom(`203.0.113.${i + 1}`, g.ws.email, 'wrong-password');
      expect(errorCode(attempt)).toBe('UNAUTHENTICATED');
    }
    const owner = await signInFrom('198.51.100.7', g.ws.email, g.ws.password);
    expect(owner.errors).toBeUndefined();
    expect(owner.data?.signIn.token).toMatch(/^pss_/);
  });

  it('block one address guessing one account, for longer each time', async () => {
    const g = await createInboxFixture(server);
    const attacker = '192.0.2.66';
    for (let i = 0; i < 5; i++) {
      expect(errorCode(await signInFrom(attacker, g.ws.email, 'wrong-password'))).toBe(
        'UNAUTHENTICATED',
      );
    }
    const blocked = await signInFrom(attacker, g.ws.email, g.ws.password);
    expect(errorCode(blocked)).toBe('RATE_LIMITED');
    expect(blocked.errors?.[0]?.extensions?.retryAfterSeconds).toBe(60);
    // Meanwhile the owner signs in from their own address.
    expect((await signInFrom('198.51.100.8', g.ws.email, g.ws.password)).errors).toBeUndefined();
  });
});

describe('accepting an invitation', () => {
  it('refuses a bogus token before hashing the password', async () => {
    const ACCEPT = `mutation($t: String!) { acceptInvitation(input: { token: $t, name: "X", password: "a-long-password" }) { token } }`;
    const time = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    const median = (values: number[]) =>
      values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    // One argon2 verification: a wrong password for a real account.
    const withArgon: number[] = [];
    const bogus: number[] = [];
    for (let i = 0; i < 5; i++) {
      withArgon.push(
        await time(() => signInFrom(`198.51.100.${100 + i}`, f.ws.email, 'wrong-password')),
      );
      bogus.push(
        await time(async () => {
          const refused = await gql(server.graphqlUrl, ACCEPT, { t: `inv_bogus${i}0000000000` });
          expect(errorCode(refused)).toBe('NOT_FOUND');
        }),
      );
    }
    expect(median(bogus)).toBeLessThan(median(withArgon) / 2);
  });
});
