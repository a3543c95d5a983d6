// Two server processes on one PostgreSQL database: each delivers every event,
// whichever process committed it (LISTEN/NOTIFY wake-ups). PostgreSQL only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyServer } from '../server.js';
import {
  collect,
  eventCursorNow,
  createWorkspaceFixture,
  gql,
  startSecondServer,
  startTestServer,
  wsClient,
  type TestServer,
  type WorkspaceFixture,
} from '../testing/index.js';

const onPostgres = Boolean(process.env.DATABASE_URL);
const EVENTS = `subscription($after: String) { workspaceEvents(after: $after) { type message { body } } }`;
type Event = { workspaceEvents: { type: string; message: { body: string } | null } };
// Presence and auto-assignment write events too; this test follows the message flow.
const FLOW = new Set(['VISITOR_CREATED', 'CONVERSATION_CREATED', 'MESSAGE_CREATED']);
const flow = (e: Event) => FLOW.has(e.workspaceEvents.type);

let one: TestServer;
let two: ParleyServer;
let ws: WorkspaceFixture;

beforeAll(async () => {
  if (!onPostgres) return;
  one = await startTestServer();
  two = await startSecondServer(one.testDatabase.url!);
  ws = await createWorkspaceFixture(one);
});
afterAll(async () => {
  await two?.close();
  await one?.close();
});

describe.runIf(onPostgres)('two server instances on one database', () => {
  it('each delivers an event committed through the other', async () => {
    const token = (await one.core.signIn({ email: ws.email, password: ws.password })).token;
    const after = await eventCursorNow(one.graphqlUrl, token);
    const onOne = collect<Event>(wsClient(one.wsUrl, { token }), EVENTS, { after }, flow);
    const onTwo = collect<Event>(wsClient(two.wsUrl, { token }), EVENTS, { after }, flow);

    const start = `mutation($key: String!) { startVisitorSession(input: { channelKey: $key }) { token } }`;
    const visitor = (
      await gql<{ startVisitorSession: { token: string } }>(two.graphqlUrl, start, {
        key: ws.websiteChannelKey,
      })
    ).data!.startVisitorSession.token;
    const send = `mutation($id: ID, $body: String!) { visitorSendMessage(input: { conversationId: $id, body: $body }) { conversationId } }`;
    // Through server one, then through server two.
    const { conversationId } = (
      await gql<{ visitorSendMessage: { conversationId: string } }>(
        one.graphqlUrl,
        send,
        { body: 'via one' },
        { visitor },
      )
    ).data!.visitorSendMessage;
    await gql(two.graphqlUrl, send, { id: conversationId, body: 'via two' }, { visitor });

    for (const stream of [onOne, onTwo]) {
      const events = await stream.take(4, 5_000);
      expect(events.map((e) => e.workspaceEvents.message?.body ?? e.workspaceEvents.type)).toEqual([
        'VISITOR_CREATED',
        'CONVERSATION_CREATED',
        'via one',
        'via two',
      ]);
    }
    onOne.dispose();
    onTwo.dispose();
  });
});
