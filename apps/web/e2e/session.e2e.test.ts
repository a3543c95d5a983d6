// The signed-in session across pages: presence does not depend on which
// workbench page is open, and conversations have links that survive a reload.
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack';
import { startVisitor } from './support/visitor-client';
import { signInAgent, type AgentApi } from './support/widget-agent-api';

// Set PARLEY_E2E_SCREENSHOTS=<dir> to keep screenshots of the narrow-screen checks.
const screenshotDir = process.env.PARLEY_E2E_SCREENSHOTS;

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
    await notice.getByText('was not found or is not visible to you').waitFor();
  });
});

describe('a 390 px wide phone', () => {
  let phone: Page;

  /** Nothing on the page is wider than the screen (no sideways scrolling of the page). */
  async function expectNoOverflow(name: string) {
    if (screenshotDir) {
      await mkdir(screenshotDir, { recursive: true });
      await phone.screenshot({ path: `${screenshotDir}/${name}.png` });
    }
    const overflow = await phone.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')]
        .filter((el) => {
          const box = el.getBoundingClientRect();
          if (box.width === 0 || box.height === 0) return false;
          // Inside a horizontally scrolling box (a wide table) is fine.
          for (let p = el.parentElement; p; p = p.parentElement) {
            const style = getComputedStyle(p);
            if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) {
              if (p.getBoundingClientRect().right <= width + 1) return false;
            }
          }
          return box.right > width + 1 || box.left < -1;
        })
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 120));
    });
    expect(overflow, name).toEqual([]);
  }

  beforeAll(async () => {
    const context = await browser!.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 1,
    });
    phone = await context.newPage();
    phone.setDefaultTimeout(15_000);
    await phone.goto(`${stack.webUrl}/login`);
    await phone.getByTestId('login-email').fill(DEMO.email);
    await phone.getByTestId('login-password').fill(DEMO.password);
    await phone.getByTestId('login-submit').click();
    await phone.waitForURL((url) => url.pathname === '/');
  });

  it('every settings page fits the screen', async () => {
    for (const section of [
      'general',
      'team',
      'roles',
      'groups',
      'api-tokens',
      'webhooks',
      'audit-log',
    ]) {
      await phone.goto(`${stack.webUrl}/settings/${section}`);
      await phone.getByTestId('back-to-inbox').waitFor();
      await phone.waitForLoadState('networkidle');
      await expectNoOverflow(`phone-settings-${section}`);
      // Every section stays reachable on screen, none scrolled out of sight.
      const hidden = await phone.evaluate(() =>
        [...document.querySelectorAll('[data-testid^="settings-nav-"]')]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth)
          .map((el) => el.textContent),
      );
      expect(hidden, section).toEqual([]);
    }
  });

  it('a very long visitor name is cut short with its full text on hover, in the list, the chat and the panel', async () => {
    const name = `Maximiliane Konstantina Wolkenstein-Rodenegg ${Date.now()} von Hohenzollern-Sigmaringen`;
    const visitor = await startVisitor(stack.apiGraphqlUrl, DEMO.channelKey, name);
    const { conversationId } = await visitor.send('A long name');
    await phone.goto(`${stack.webUrl}/?view=ALL`);
    await phone.getByTestId('conversation-item').filter({ hasText: 'Wolkenstein' }).waitFor();
    await expectNoOverflow('phone-inbox-list');
    await phone.goto(`${stack.webUrl}/conversations/${conversationId}`);
    await phone.getByTestId('message').filter({ hasText: 'A long name' }).waitFor();
    await expect(
      phone.getByRole('heading', { level: 2 }).getByTitle(name).isVisible(),
    ).resolves.toBe(true);
    await expectNoOverflow('phone-conversation');
    await phone.getByRole('button', { name: 'Visitor details and actions' }).click();
    await phone.getByTestId('visitor-panel-name').waitFor();
    await expect(phone.getByTestId('visitor-panel-name').getAttribute('title')).resolves.toBe(name);
    await expectNoOverflow('phone-visitor-panel');
  });
});
