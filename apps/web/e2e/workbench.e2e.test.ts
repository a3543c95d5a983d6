import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack';
import { startVisitor } from './support/visitor-client';

const DEMO = { email: 'demo@parley.dev', password: 'parley-demo', channelKey: 'demo-website' };
const LIVE_TIMEOUT = 15_000;
// Set PARLEY_E2E_SCREENSHOTS=<dir> to keep screenshots of the run.
const screenshotDir = process.env.PARLEY_E2E_SCREENSHOTS;

let stack: Stack | undefined;
let browser: Browser | undefined;
let page: Page;

async function screenshot(name: string, target: Page = page) {
  if (!screenshotDir) return;
  await mkdir(screenshotDir, { recursive: true });
  await target.screenshot({ path: `${screenshotDir}/${name}.png` });
}

async function signIn(target: Page) {
  await target.goto(`${stack?.webUrl}/login`);
  await target.getByTestId('login-email').fill(DEMO.email);
  await target.getByTestId('login-password').fill(DEMO.password);
  await target.getByTestId('login-submit').click();
  await target.waitForURL((url) => url.pathname === '/');
}

type View = 'mine' | 'unassigned' | 'all' | 'history';

/** The live count on a view tab, once it has loaded. */
async function viewCount(target: Page, view: View): Promise<number> {
  const count = target.getByTestId(`view-count-${view}`);
  await target.waitForFunction(
    (id) => /^\d+$/.test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''),
    `view-count-${view}`,
  );
  return Number(await count.textContent());
}

/** Waits until a view tab shows `expected` (counts follow events, debounced). */
async function waitForCount(target: Page, view: View, expected: number) {
  await target.waitForFunction(
    ([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === want,
    [`view-count-${view}`, String(expected)] as const,
  );
}

const conversationItem = (target: Page, text: string) =>
  target.getByTestId('conversation-item').filter({ hasText: text });

beforeAll(async () => {
  stack = await startStack();
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
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  page = await context.newPage();
  page.setDefaultTimeout(LIVE_TIMEOUT);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the agent workbench', () => {
  it('sends an unauthenticated visitor to the sign-in page', async () => {
    await page.goto(`${stack?.webUrl}/`);
    await page.waitForURL('**/login');
    await expect.poll(() => page.getByTestId('login-submit').isVisible()).toBe(true);
  });

  it('signs in and shows the demo conversations', async () => {
    await page.getByTestId('login-email').fill(DEMO.email);
    await page.getByTestId('login-password').fill(DEMO.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('conversation-item').first().waitFor();
    expect(await page.getByTestId('conversation-item').count()).toBeGreaterThanOrEqual(1);
  });

  it('replies in a conversation with Enter', async () => {
    await page.getByTestId('conversation-item').first().click();
    const input = page.getByTestId('reply-input');
    await input.waitFor();
    await expect(page.getByTestId('reply-send').isDisabled()).resolves.toBe(true);

    const reply = `Happy to help! (e2e ${Date.now()})`;
    await input.fill(reply);
    await input.press('Enter');

    await page.getByTestId('message').filter({ hasText: reply }).waitFor();
    await expect(input.inputValue()).resolves.toBe('');
    await screenshot('workbench-after-reply');
  });

  it('shows a visitor’s new conversation and messages live, as plain text', async () => {
    const visitorName = `E2E Visitor ${Date.now()}`;
    const visitor = await startVisitor(stack?.apiGraphqlUrl ?? '', DEMO.channelKey, visitorName);
    const first = await visitor.send('Hello, is anyone there?');

    const item = page.getByTestId('conversation-item').filter({ hasText: visitorName });
    await item.waitFor();
    await item.click();
    await page.getByTestId('message').filter({ hasText: 'Hello, is anyone there?' }).waitFor();

    const markup = '<img src=x onerror="window.__pwned=1"> <b>not bold</b>';
    await visitor.send(markup, first.conversationId);
    const message = page.getByTestId('message').filter({ hasText: '<b>not bold</b>' });
    await message.waitFor();
    await expect(message.locator('img, b').count()).resolves.toBe(0);
    await expect(page.evaluate(() => 'pwned' in window || '__pwned' in window)).resolves.toBe(
      false,
    );
    await screenshot('workbench-live-visitor');
  });

  it('resumes the live stream after the API restarts, without losing events', async () => {
    const visitor = await startVisitor(
      stack?.apiGraphqlUrl ?? '',
      DEMO.channelKey,
      'Returning Visitor',
    );
    const { conversationId } = await visitor.send('Before the restart');
    const item = page.getByTestId('conversation-item').filter({ hasText: 'Returning Visitor' });
    await item.click();
    await page.getByTestId('message').filter({ hasText: 'Before the restart' }).waitFor();

    await stack?.restartApi();
    // Sent as soon as the API is back: the socket may not have reconnected
    // yet, so this arrives from the backlog after the last cursor, or live.
    await visitor.send('While you were away', conversationId);
    await page.getByTestId('message').filter({ hasText: 'While you were away' }).waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
  });

  describe('with a second tab of the same agent', () => {
    let otherContext: BrowserContext;
    let other: Page;
    let conversationId = '';
    const visitorName = `Queue Visitor ${Date.now()}`;
    let visitor: Awaited<ReturnType<typeof startVisitor>>;
    const before = { unassigned: 0, mine: 0, history: 0 };

    beforeAll(async () => {
      otherContext = await (browser as Browser).newContext({
        viewport: { width: 1280, height: 800 },
      });
      other = await otherContext.newPage();
      other.setDefaultTimeout(LIVE_TIMEOUT);
      await signIn(other);
      await other.getByTestId('conversation-item').first().waitFor();
      await other.getByText('Live', { exact: true }).waitFor();
    });

    afterAll(async () => {
      await otherContext?.close();
    });

    it('shares the agent’s presence between tabs', async () => {
      // Away, so auto-assignment (online agents only) leaves new conversations in the queue.
      await page.getByTestId('agent-status').selectOption('AWAY');
      await other.waitForFunction(
        () =>
          (document.querySelector('[data-testid="agent-status"]') as HTMLSelectElement | null)
            ?.value === 'AWAY',
      );
    });

    it('shows a new visitor message live in Unassigned, with the count going up in both tabs', async () => {
      for (const target of [page, other]) {
        await target.getByTestId('view-tab-unassigned').click();
        await expect(
          target.getByTestId('view-tab-unassigned').getAttribute('aria-selected'),
        ).resolves.toBe('true');
      }
      before.unassigned = await viewCount(page, 'unassigned');
      before.mine = await viewCount(page, 'mine');
      before.history = await viewCount(page, 'history');

      visitor = await startVisitor(stack?.apiGraphqlUrl ?? '', DEMO.channelKey, visitorName);
      ({ conversationId } = await visitor.send('I need a human, please'));

      for (const target of [page, other]) {
        const item = conversationItem(target, visitorName);
        await item.waitFor();
        await expect.poll(() => item.getByTestId('unread-badge').textContent()).toBe('1');
        await waitForCount(target, 'unassigned', before.unassigned + 1);
      }
      await expect(other.title()).resolves.toMatch(/^\(\d+\) Parley$/);
    });

    it('shows when the visitor is typing', async () => {
      await conversationItem(page, visitorName).click();
      await page.getByTestId('message').filter({ hasText: 'I need a human, please' }).waitFor();
      // Opening the conversation read it.
      await expect(
        conversationItem(page, visitorName).getByTestId('unread-badge').count(),
      ).resolves.toBe(0);

      await visitor.typing(conversationId, true);
      const indicator = page.getByTestId('typing-indicator');
      await indicator.filter({ hasText: `${visitorName} is typing` }).waitFor();
      await visitor.typing(conversationId, false);
      await indicator.waitFor({ state: 'detached' });
    });

    it('takes it: it moves to Mine, and the other tab follows without a reload', async () => {
      await page.getByTestId('take-conversation').click();
      await conversationItem(page, visitorName).waitFor({ state: 'detached' });
      await waitForCount(page, 'mine', before.mine + 1);
      await waitForCount(page, 'unassigned', before.unassigned);

      await conversationItem(other, visitorName).waitFor({ state: 'detached' });
      await waitForCount(other, 'unassigned', before.unassigned);
      await waitForCount(other, 'mine', before.mine + 1);
      await other.getByTestId('view-tab-mine').click();
      await conversationItem(other, visitorName).waitFor();

      await page.getByTestId('view-tab-mine').click();
      await conversationItem(page, visitorName).waitFor();
      await expect.poll(() => page.getByTestId('resolve-conversation').isVisible()).toBe(true);
    });

    it('replies, and can recall a reply', async () => {
      const input = page.getByTestId('reply-input');
      const reply = `On it! (e2e ${Date.now()})`;
      await input.fill(reply);
      await input.press('Enter');
      const sent = page.getByTestId('message').filter({ hasText: reply });
      await sent.waitFor();
      await other.getByTestId('conversation-item').filter({ hasText: reply }).waitFor();

      const oops = `Wrong window, sorry (e2e ${Date.now()})`;
      await input.fill(oops);
      await input.press('Enter');
      const mistake = page.getByTestId('message').filter({ hasText: oops });
      await mistake.getByTestId('recall-message').click();
      await page
        .locator('[data-testid="message"][data-recalled="true"]')
        .filter({ hasText: 'Message recalled' })
        .waitFor();
      await expect(page.getByTestId('message').filter({ hasText: oops }).count()).resolves.toBe(0);
      await screenshot('workbench-mine');
    });

    it('resolves it: it moves to History in both tabs', async () => {
      await page.getByTestId('resolve-conversation').click();
      await conversationItem(page, visitorName).waitFor({ state: 'detached' });
      await conversationItem(other, visitorName).waitFor({ state: 'detached' });
      for (const target of [page, other]) {
        await waitForCount(target, 'mine', before.mine);
        await waitForCount(target, 'history', before.history + 1);
      }
      await page.getByTestId('view-tab-history').click();
      await conversationItem(page, visitorName).waitFor();
      await page.getByTestId('reopen-conversation').waitFor();
      await screenshot('workbench-history');
    });

    it('goes back online, back to the default view', async () => {
      await page.getByTestId('agent-status').selectOption('ONLINE');
      await other.waitForFunction(
        () =>
          (document.querySelector('[data-testid="agent-status"]') as HTMLSelectElement | null)
            ?.value === 'ONLINE',
      );
      await page.getByTestId('view-tab-all').click();
    });
  });

  it('signs out back to the sign-in page', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    // Two navigations race to /login (the sign-out itself, and the socket the
    // server closes with 4403): poll the URL rather than wait on one of them.
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe('/login');
    await page.goto(`${stack?.webUrl}/`);
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe('/login');
  });
});
