// The signed-in session across pages: presence does not depend on which
// workbench page is open, and conversations have links that survive a reload.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack';
import { startVisitor } from './support/visitor-client';
import { signInAgent, type AgentApi } from './support/widget-agent-api';

const DEMO = { email: 'demo@parley.dev', password: 'parley-demo', channelKey: 'demo-website' };

let stack: Stack;
let browser: Browser | undefined;
let page: Page;
let api: AgentApi;
let demoAgentId: string;

async function demoStatus(): Promise<string> {
  const { agents } = await api.request<{ agents: { id: string; status: string }[] }>(
    `{ agents { id status } }`,
  );
  return agents.find((a) => a.id === demoAgentId)?.status ?? 'missing';
}

async function waitForStatus(expected: string) {
  const deadline = Date.now() + 10_000;
  while ((await demoStatus()) !== expected) {
    if (Date.now() > deadline) throw new Error(`the demo agent never became ${expected}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  stack = await startStack();
  api = await signInAgent(stack.apiGraphqlUrl, DEMO.email, DEMO.password);
  const { viewer } = await api.request<{ viewer: { agent: { id: string } } }>(
    `{ viewer { agent { id } } }`,
  );
  demoAgentId = viewer.agent.id;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await (await browser.newContext({ viewport: { width: 1400, height: 860 } })).newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${stack.webUrl}/login`);
  await page.getByTestId('login-email').fill(DEMO.email);
  await page.getByTestId('login-password').fill(DEMO.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === '/');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('presence across workbench pages', () => {
  it('the agent stays Online (auto-assignable) while Settings is open', async () => {
    await waitForStatus('ONLINE');
    await page.getByTestId('settings-link').click();
    await page.waitForURL((url) => url.pathname.startsWith('/settings'));
    await page.getByTestId('back-to-inbox').waitFor();
    // The socket used to close as the inbox's subscriptions ended, and the
    // server marked the agent Offline at once: give it time to happen.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await demoStatus()).toBe('ONLINE');
    await page.getByTestId('settings-nav-team').click();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await demoStatus()).toBe('ONLINE');
    await page.getByTestId('back-to-inbox').click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await demoStatus()).toBe('ONLINE');
  });
});

describe('conversation links', () => {
  it('/conversations/<id> opens it after a reload, even from a view that does not hold it', async () => {
    const name = `Linked Visitor ${Date.now()}`;
    const visitor = await startVisitor(stack.apiGraphqlUrl, DEMO.channelKey, name);
    const { conversationId } = await visitor.send('Please send me a link');

    const other = `Other Visitor ${Date.now()}`;
    const second = await startVisitor(stack.apiGraphqlUrl, DEMO.channelKey, other);
    await second.send('Me too');

    // Selecting conversations moves the URL; back and forward move between them.
    await page.goto(`${stack.webUrl}/?view=ALL`);
    await page.getByTestId('conversation-item').filter({ hasText: name }).click();
    await page.waitForURL((url) => url.pathname === `/conversations/${conversationId}`);
    expect(new URL(page.url()).searchParams.get('view')).toBe('ALL');
    await page.getByTestId('conversation-item').filter({ hasText: other }).click();
    await page.waitForURL((url) => url.pathname !== `/conversations/${conversationId}`);
    await page.getByTestId('message').filter({ hasText: 'Me too' }).waitFor();
    await page.goBack();
    await page.waitForURL((url) => url.pathname === `/conversations/${conversationId}`);
    await page.getByTestId('message').filter({ hasText: 'Please send me a link' }).waitFor();

    // A shared link into a view that does not list it (History holds resolved ones).
    await page.goto(`${stack.webUrl}/conversations/${conversationId}?view=HISTORY&phone=999`);
    await page.getByTestId('message').filter({ hasText: 'Please send me a link' }).waitFor();
    await page.reload();
    await page.getByTestId('message').filter({ hasText: 'Please send me a link' }).waitFor();
    expect(new URL(page.url()).searchParams.get('phone')).toBe('999');
    await expect(page.getByTestId('view-tab-history').getAttribute('aria-selected')).resolves.toBe(
      'true',
    );
  });

  it('an id the agent cannot see says so', async () => {
    await page.goto(`${stack.webUrl}/conversations/00000000-0000-4000-8000-000000000000`);
    const notice = page.getByTestId('conversation-unavailable');
    await notice.getByText('not found or not visible to you').waitFor();
  });
});
