import { authSessions, eq } from '@parley/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorkspaceFixture,
  errorCode,
  gql,
  startTestServer,
  type TestServer,
  type WorkspaceFixture,
} from '../testing/index.js';

const SIGN_IN = /* GraphQL */ `
  mutation SignIn($email: String!, $password: String!) {
    signIn(input: { email: $email, password: $password }) {
      token
      expiresAt
      viewer {
        role
        agent {
          email
        }
        workspace {
          id
          name
        }
      }
    }
  }
`;
const VIEWER = /* GraphQL */ `
  {
    viewer {
      role
      apiTokenId
      agent {
        email
      }
      workspace {
        id
      }
    }
  }
`;

type SignIn = {
  signIn: {
    token: string;
    expiresAt: string;
    viewer: { role: string; agent: { email: string }; workspace: { id: string } };
  };
};
type Viewer = {
  viewer: {
    role: string | null;
    apiTokenId: string | null;
    agent: { email: string } | null;
    workspace: { id: string };
  };
};

let server: TestServer;
let owner: WorkspaceFixture;

beforeAll(async () => {
  server = await startTestServer();
  owner = await createWorkspaceFixture(server);
});
afterAll(() => server?.close());

async function signIn(email = owner.email, password = owner.password) {
  return gql<SignIn>(server.graphqlUrl, SIGN_IN, { email, password });
}

describe('signing in', () => {
  it('an agent signs in with email and password and gets a session token and an HttpOnly cookie', async () => {
    const response = await signIn(owner.email.toUpperCase());
    expect(response.errors).toBeUndefined();
    const { token, viewer, expiresAt } = response.data!.signIn;
    expect(token).toMatch(/^pss_/);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(viewer).toMatchObject({
      role: 'OWNER',
      agent: { email: owner.email },
      workspace: { id: owner.workspaceId },
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`parley_session=${token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('the session token works as a Bearer header and as the cookie', async () => {
    const { token } = (await signIn()).data!.signIn;
    const byHeader = await gql<Viewer>(server.graphqlUrl, VIEWER, {}, { token });
    expect(byHeader.data?.viewer.agent?.email).toBe(owner.email);
    const byCookie = await gql<Viewer>(
      server.graphqlUrl,
      VIEWER,
      {},
      { cookie: `other=1; parley_session=${token}` },
    );
    expect(byCookie.data?.viewer.workspace.id).toBe(owner.workspaceId);
  });

  it('a wrong password and an unknown email get the same UNAUTHENTICATED answer', async () => {
    const wrongPassword = await signIn(owner.email, 'not-the-password');
    const unknownEmail = await signIn('nobody@example.test', 'whatever-password');
    expect(errorCode(wrongPassword)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknownEmail)).toBe('UNAUTHENTICATED');
    expect(wrongPassword.errors?.[0]?.message).toBe(unknownEmail.errors?.[0]?.message);
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
  });

  it('empty credentials are refused as bad input', async () => {
    const response = await signIn('', '');
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });

  it('an expired session is refused', async () => {
    const { token } = (await signIn()).data!.signIn;
    const { createHash } = await import('node:crypto');
    await server.database.db
      .update(authSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authSessions.tokenHash, createHash('sha256').update(token).digest('hex')));
    expect(errorCode(await gql(server.graphqlUrl, VIEWER, {}, { token }))).toBe('UNAUTHENTICATED');
  });

  it('signing out ends the session and clears the cookie', async () => {
    const { token } = (await signIn()).data!.signIn;
    const out = await gql<{ signOut: boolean }>(
      server.graphqlUrl,
      'mutation { signOut }',
      {},
      { token },
    );
    expect(out.data?.signOut).toBe(true);
    expect(out.headers.get('set-cookie')).toMatch(/parley_session=;.*Max-Age=0/);
    expect(errorCode(await gql(server.graphqlUrl, VIEWER, {}, { token }))).toBe('UNAUTHENTICATED');
  });
});

describe('authentication is per operation', () => {
  it('{ __typename } answers without credentials', async () => {
    const response = await gql<{ __typename: string }>(server.graphqlUrl, '{ __typename }');
    expect(response.data).toEqual({ __typename: 'Query' });
  });

  it('anything private returns UNAUTHENTICATED without credentials', async () => {
    for (const query of [
      VIEWER,
      '{ conversations { edges { cursor } } }',
      '{ workspaceEvents { cursor } }',
    ]) {
      const response = await gql(server.graphqlUrl, query);
      expect(errorCode(response), query).toBe('UNAUTHENTICATED');
      expect(response.data).toBeNull();
    }
  });

  it('a made-up token is refused', async () => {
    for (const token of ['pss_forged', 'pat_forged', 'garbage']) {
      expect(errorCode(await gql(server.graphqlUrl, VIEWER, {}, { token }))).toBe(
        'UNAUTHENTICATED',
      );
    }
  });
});

describe('integrator API tokens', () => {
  const CREATE = `mutation($name: String!) { createApiToken(input: { name: $name }) { token apiToken { id name prefix lastUsedAt revokedAt } } }`;
  type Created = {
    createApiToken: {
      token: string;
      apiToken: { id: string; name: string; prefix: string; lastUsedAt: string | null };
    };
  };

  it('an owner creates a token, shown once, that authenticates until revoked', async () => {
    const { token: session } = (await signIn()).data!.signIn;
    const created = await gql<Created>(
      server.graphqlUrl,
      CREATE,
      { name: 'Reporting' },
      { token: session },
    );
    expect(created.errors).toBeUndefined();
    const { token, apiToken } = created.data!.createApiToken;
    expect(token).toMatch(/^pat_/);
    expect(token.startsWith(apiToken.prefix)).toBe(true);

    const asToken = await gql<Viewer>(server.graphqlUrl, VIEWER, {}, { token });
    expect(asToken.data?.viewer).toMatchObject({
      role: null,
      agent: null,
      apiTokenId: apiToken.id,
      workspace: { id: owner.workspaceId },
    });

    const listed = await gql<{ apiTokens: { id: string; lastUsedAt: string | null }[] }>(
      server.graphqlUrl,
      '{ apiTokens { id name lastUsedAt } }',
      {},
      { token: session },
    );
    const row = listed.data?.apiTokens.find((t) => t.id === apiToken.id);
    expect(row?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.data)).not.toContain(token);

    const revoked = await gql<{ revokeApiToken: { revokedAt: string | null } }>(
      server.graphqlUrl,
      'mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }',
      { id: apiToken.id },
      { token: session },
    );
    expect(revoked.data?.revokeApiToken.revokedAt).not.toBeNull();
    expect(errorCode(await gql(server.graphqlUrl, VIEWER, {}, { token }))).toBe('UNAUTHENTICATED');
  });

  it('an API token cannot mint more tokens', async () => {
    const { token: session } = (await signIn()).data!.signIn;
    const { token } = (
      await gql<Created>(server.graphqlUrl, CREATE, { name: 'CI' }, { token: session })
    ).data!.createApiToken;
    expect(errorCode(await gql(server.graphqlUrl, CREATE, { name: 'more' }, { token }))).toBe(
      'FORBIDDEN',
    );
  });

  it('a token limited to the read scope can read, but not write or read the event log', async () => {
    const { token: session } = (await signIn()).data!.signIn;
    const created = await gql<{
      createApiToken: { token: string; apiToken: { scopes: string[] } };
    }>(
      server.graphqlUrl,
      `mutation { createApiToken(input: { name: "read-only", scopes: [READ] }) { token apiToken { scopes } } }`,
      {},
      { token: session },
    );
    expect(created.data?.createApiToken.apiToken.scopes).toEqual(['READ']);
    const token = created.data!.createApiToken.token;
    const read = await gql<{ conversations: { edges: unknown[] } }>(
      server.graphqlUrl,
      '{ conversations { edges { cursor } } }',
      {},
      { token },
    );
    expect(read.errors).toBeUndefined();
    expect(
      errorCode(await gql(server.graphqlUrl, '{ workspaceEvents { cursor } }', {}, { token })),
    ).toBe('FORBIDDEN');
    const write = await gql(
      server.graphqlUrl,
      `mutation { assignConversation(input: { conversationId: "00000000-0000-4000-8000-000000000000", agentId: null }) { id } }`,
      {},
      { token },
    );
    expect(errorCode(write)).toBe('FORBIDDEN');
    const none = await gql(
      server.graphqlUrl,
      `mutation { createApiToken(input: { name: "none", scopes: [] }) { token } }`,
      {},
      { token: session },
    );
    expect(errorCode(none)).toBe('BAD_USER_INPUT');
  });

  it('a blank name is bad input', async () => {
    const { token: session } = (await signIn()).data!.signIn;
    const response = await gql(server.graphqlUrl, CREATE, { name: '   ' }, { token: session });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });
});
