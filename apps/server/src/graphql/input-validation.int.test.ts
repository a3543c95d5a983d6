// Bad input over real GraphQL: every string is checked for control characters
// and every id is validated before anything reaches the database; errors are
// sentences that name their field; logs never hold bodies, passwords or tokens.
import { Writable } from 'node:stream';
import { sql } from '@parley/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { errorCode, startTestServer, type TestServer } from '../testing/index.js';
import { createInboxFixture, type InboxFixture } from '../testing/inbox-fixtures.js';

let server: TestServer;
let f: InboxFixture;
const logLines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  server = await startTestServer({ logger: createLogger('info', sink) });
  f = await createInboxFixture(server);
});
afterAll(async () => {
  await server?.close();
});

const ROLES = `{ customRoles { id name } }`;
const UPDATE_ROLE = `mutation($id: ID!) { updateCustomRole(id: $id, input: { name: "Supervisors", permissions: [TAG_MANAGE] }) { id } }`;

describe('ids', () => {
  it('an empty or malformed id is BAD_USER_INPUT naming the field, and creates nothing', async () => {
    const before = await f.call<{ customRoles: unknown[] }>(ROLES);
    for (const id of ['', 'not-an-id']) {
      const response = await f.call(UPDATE_ROLE, { id });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.field).toBe('id');
      expect(response.errors?.[0]?.message).toBe('The id is not a valid id.');
    }
    const after = await f.call<{ customRoles: unknown[] }>(ROLES);
    expect(after.data?.customRoles).toHaveLength(before.data!.customRoles.length);
  });
});

describe('control characters', () => {
  it('a NUL byte in any string is BAD_USER_INPUT naming the field, before the database', async () => {
    const { conversationId } = await f.visitorSays(await f.newVisitor(), 'hello');
    const cases: [string, Record<string, unknown>, string][] = [
      [
        `mutation($id: ID!, $body: String!) { sendMessage(input: { conversationId: $id, body: $body }) { id } }`,
        { id: conversationId, body: 'secret-body-marker\u0000tail' },
        'body',
      ],
      [
        `mutation($n: String!) { createCustomRole(input: { name: $n, permissions: [] }) { id } }`,
        { n: 'Role\u0000' },
        'name',
      ],
      [
        `mutation($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }`,
        { e: f.ws.email, p: 'secret-password-marker\u0000' },
        'password',
      ],
      [`mutation($id: ID!) { takeConversation(id: $id) { id } }`, { id: '\u0000' }, 'id'],
    ];
    for (const [query, variables, field] of cases) {
      const response = await f.call(query, variables);
      expect(errorCode(response), query).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.field).toBe(field);
      expect(response.errors?.[0]?.message).toMatch(/must not contain control characters\.$/);
    }
    // Line breaks and tabs are text, not control characters.
    const ok = await f.call(cases[0]![0], { id: conversationId, body: 'line one\n\tline two' });
    expect(ok.errors).toBeUndefined();
  });
});

describe('messages', () => {
  it('read as sentences a person can act on, keeping the field', async () => {
    const { conversationId } = await f.visitorSays(await f.newVisitor(), 'hello');
    const empty = await f.call(
      `mutation($id: ID!) { sendMessage(input: { conversationId: $id, body: "   " }) { id } }`,
      { id: conversationId },
    );
    expect(empty.errors?.[0]?.message).toBe('The message must not be empty.');
    expect(empty.errors?.[0]?.extensions?.field).toBe('body');
  });
});

describe('logs', () => {
  it('an unexpected database error is logged without its query text or parameters', async () => {
    const lines: string[] = [];
    const log = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const failure = await server.database.db
      .execute(sql`select ${'secret-parameter-marker'}::int`)
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toBeTruthy();
    log.error({ err: failure }, 'unexpected error in a resolver');
    const written = lines.join('');
    expect(written).toContain('22P02');
    expect(written).not.toContain('secret-parameter-marker');
    expect(written).not.toContain('select');
  });

  it('a failing request never logs the message body or password', () => {
    const written = logLines.join('');
    expect(written).not.toContain('secret-body-marker');
    expect(written).not.toContain('secret-password-marker');
  });
});
