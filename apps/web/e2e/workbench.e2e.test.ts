import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
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

async function screenshot(name: string) {
  if (!screenshotDir) return;
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}/${name}.png` });
}

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
    await expect(page.getByTestId('login-submit').isVisible()).resolves.toBe(true);
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

  it('signs out back to the sign-in page', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.goto(`${stack?.webUrl}/`);
    await page.waitForURL('**/login');
  });
});
