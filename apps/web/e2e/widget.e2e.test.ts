// The visitor chat widget, end to end: a visitor on the demo storefront
// (/demo embeds public/widget.js like a customer site) chats with an agent
// in the workbench, in two separate browser contexts.
import { mkdir } from 'node:fs/promises';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type FrameLocator,
  type Page,
  type Request,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack';
import {
  agentConversation,
  eventually,
  signInAgent,
  visitorConversationIds,
  type AgentApi,
} from './support/widget-agent-api';

const DEMO = { email: 'demo@parley.dev', password: 'parley-demo', agentName: 'Dana Demo' };
const LIVE_TIMEOUT = 15_000;
// Set PARLEY_E2E_SCREENSHOTS=<dir> to keep screenshots of the run.
const screenshotDir = process.env.PARLEY_E2E_SCREENSHOTS;

let stack: Stack;
let browser: Browser | undefined;
let visitorContext: BrowserContext;
let visitor: Page;
let agent: Page;
let agentApi: AgentApi;
let widget: FrameLocator;
let conversationId = '';

const firstMessage = `Hi! Does the walnut desk come in 160 cm? (${Date.now()})`;
const socketMessage = 'And is the oak one the same width?';
const agentReply = 'It does — the 160 cm top ships in 5 business days.';

async function screenshot(page: Page, name: string) {
  if (!screenshotDir) return;
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}/${name}.png` });
}

const launcher = (page: Page) => page.locator('[data-parley-widget] button');
const widgetMessage = (text: string) =>
  widget.getByTestId('widget-message').filter({ hasText: text });

beforeAll(async () => {
  stack = await startStack();
  agentApi = await signInAgent(stack.apiGraphqlUrl, DEMO.email, DEMO.password);
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
  visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  visitor = await visitorContext.newPage();
  visitor.setDefaultTimeout(LIVE_TIMEOUT);
  const agentContext = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  agent = await agentContext.newPage();
  agent.setDefaultTimeout(LIVE_TIMEOUT);
  widget = visitor.frameLocator('iframe[title="Parley chat"]');
});

afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  const name = task.name.replace(/\W+/g, '-').slice(0, 60);
  await screenshot(visitor, `failed-${name}-visitor`);
  await screenshot(agent, `failed-${name}-agent`);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the website chat widget', () => {
  it('embeds on the demo storefront with one launcher and one global', async () => {
    await visitor.goto(`${stack.webUrl}/demo`);
    await launcher(visitor).waitFor();
    await expect.poll(() => launcher(visitor).getAttribute('aria-label')).toBe('Open chat');
    await expect.poll(() => launcher(visitor).getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => visitor.locator('iframe[title="Parley chat"]').isVisible()).toBe(false);

    // Including the snippet twice changes nothing.
    await visitor.evaluate(() => {
      const again = document.createElement('script');
      again.src = '/widget.js';
      again.dataset.channel = 'demo-website';
      document.body.appendChild(again);
      return new Promise((resolve) => again.addEventListener('load', resolve));
    });
    await expect(visitor.locator('[data-parley-widget]').count()).resolves.toBe(1);
    await expect(
      visitor.evaluate(() => {
        const api = (window as unknown as { Parley?: Record<string, unknown> }).Parley;
        return api ? Object.keys(api).sort() : null;
      }),
    ).resolves.toEqual(['close', 'open', 'toggle']);
  });

  it('opens from the launcher and starts a conversation with the first message', async () => {
    await agent.goto(`${stack.webUrl}/login`);
    await agent.getByTestId('login-email').fill(DEMO.email);
    await agent.getByTestId('login-password').fill(DEMO.password);
    await agent.getByTestId('login-submit').click();
    await agent.waitForURL((url) => url.pathname === '/');
    await agent.getByTestId('conversation-item').first().waitFor();
    // Away, so auto-assignment leaves the new conversation in the queue for the agent to take.
    await agentApi.request(`mutation { setAgentStatus(status: AWAY) { status } }`);

    await launcher(visitor).click();
    await expect.poll(() => launcher(visitor).getAttribute('aria-expanded')).toBe('true');
    const input = widget.getByTestId('widget-input');
    await expect(input.isEnabled()).resolves.toBe(true);
    await input.fill(firstMessage);
    await input.press('Enter');
    await widgetMessage(firstMessage).waitFor();
    await expect(input.inputValue()).resolves.toBe('');
  });

  it('reaches the agent live; the agent takes it and replies', async () => {
    // The widget keeps the visitor token in localStorage of its origin (the workbench's, here).
    const token = await visitor.evaluate(() =>
      localStorage.getItem('parley:visitor-token:demo-website'),
    );
    expect(token).toBeTruthy();
    const ids = await visitorConversationIds(stack.apiGraphqlUrl, token ?? '');
    expect(ids).toHaveLength(1);
    conversationId = ids[0] ?? '';
    const { visitor: profile, status } = await agentConversation(agentApi, conversationId);
    expect(status).toBe('UNASSIGNED');

    const item = agent.getByTestId('conversation-item').filter({ hasText: profile.name });
    await item.waitFor();
    await item.click();
    await agent.getByTestId('message').filter({ hasText: firstMessage }).waitFor();

    await agent.getByTestId('take-conversation').click();
    await eventually(async () =>
      expect((await agentConversation(agentApi, conversationId)).status).toBe('ASSIGNED'),
    );
    const reply = agent.getByTestId('reply-input');
    await reply.fill(agentReply);
    await reply.press('Enter');
    await agent.getByTestId('message').filter({ hasText: agentReply }).waitFor();
  });

  it('shows the reply in the widget with the agent’s name and a read receipt', async () => {
    const reply = widgetMessage(agentReply);
    await reply.waitFor();
    await expect.poll(() => reply.textContent()).toContain(DEMO.agentName);
    // The agent has the conversation open, so the visitor's message shows as read.
    await widgetMessage(firstMessage).getByTestId('widget-read').waitFor();
    await expect
      .poll(() => widget.getByTestId('widget-status').textContent())
      .toContain(DEMO.agentName);
    await screenshot(visitor, 'widget-conversation');
  });

  it('sends over its live socket, not as HTTP requests', async () => {
    const posted: string[] = [];
    const onRequest = (request: Request) => {
      if ((request.postData() ?? '').includes('visitorSendMessage')) posted.push(request.url());
    };
    visitor.on('request', onRequest);
    try {
      const input = widget.getByTestId('widget-input');
      await input.fill(socketMessage);
      await input.press('Enter');
      // Committed: the agent sees it.
      await agent.getByTestId('message').filter({ hasText: socketMessage }).waitFor();
      await widgetMessage(socketMessage).waitFor();
    } finally {
      visitor.off('request', onRequest);
    }
    expect(posted).toEqual([]);
  });

  it('shows typing both ways', async () => {
    const reply = agent.getByTestId('reply-input');
    await reply.fill('Let me check the');
    const agentTyping = widget.getByTestId('widget-typing');
    await agentTyping.filter({ hasText: `${DEMO.agentName} is typing` }).waitFor();
    await reply.fill('');
    await agentTyping.waitFor({ state: 'detached' });

    const input = widget.getByTestId('widget-input');
    await input.fill('One more');
    await agent.getByTestId('typing-indicator').filter({ hasText: 'typing' }).waitFor();
    await input.fill('');
  });

  it('records the host page views, including SPA navigation, and the browser language', async () => {
    await visitor.evaluate(() => {
      history.pushState({}, '', '/demo?utm_source=newsletter&utm_campaign=spring#desks');
      document.title = 'Desks — Oakline';
    });
    const conversation = await eventually(async () => {
      const loaded = await agentConversation(agentApi, conversationId);
      const urls = loaded.visitor.pageViews.map((v) => v.url);
      expect(urls).toContain(`${stack.webUrl}/demo`);
      expect(urls).toContain(
        `${stack.webUrl}/demo?utm_source=newsletter&utm_campaign=spring#desks`,
      );
      return loaded;
    });
    const spa = conversation.visitor.pageViews.find((v) => v.url.includes('utm_source'));
    expect(spa).toMatchObject({ title: 'Desks — Oakline', utmSource: 'newsletter' });
    expect(conversation.visitor.language).toBeTruthy();
  });

  it('lets the visitor recall their message; both sides show it recalled', async () => {
    await widgetMessage(firstMessage).getByTestId('widget-recall').click();
    const recalled = widget.locator('[data-testid="widget-message"][data-recalled="true"]');
    await recalled.filter({ hasText: 'Message recalled' }).waitFor();
    await expect(widgetMessage(firstMessage).count()).resolves.toBe(0);

    await agent
      .locator('[data-testid="message"][data-recalled="true"]')
      .filter({ hasText: 'Message recalled' })
      .waitFor();
    await expect(
      agent.getByTestId('message').filter({ hasText: firstMessage }).count(),
    ).resolves.toBe(0);
    const { messages } = await agentConversation(agentApi, conversationId);
    const original = messages.find((m) => m.senderType === 'VISITOR');
    expect(original?.recalledAt).toBeTruthy();
    expect(original?.body).toBe('');
  });

  it('badges the launcher when a reply arrives while the chat is closed', async () => {
    await widget.getByTestId('widget-close').click();
    await expect.poll(() => launcher(visitor).getAttribute('aria-expanded')).toBe('false');

    const followUp = 'Anything else I can help with?';
    await agentApi.request(
      `mutation Reply($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
      { input: { conversationId, body: followUp } },
    );
    await visitor.getByRole('button', { name: 'Open chat (1 unread message)' }).waitFor();
    await screenshot(visitor, 'widget-unread-badge');

    await launcher(visitor).click();
    await widgetMessage(followUp).waitFor();
    await visitor.getByRole('button', { name: 'Close chat' }).waitFor();
  });

  it('brings a returning visitor back to the same conversation', async () => {
    await visitor.reload();
    await launcher(visitor).click();
    await widgetMessage(agentReply).waitFor();
    await widget.locator('[data-testid="widget-message"][data-recalled="true"]').waitFor();
    await screenshot(visitor, 'widget-returning-visitor');
  });

  it('shows a resolved conversation, and a new message reopens it', async () => {
    await agentApi.request(`mutation Resolve($id: ID!) { resolveConversation(id: $id) { id } }`, {
      id: conversationId,
    });
    await widget.getByTestId('widget-resolved').waitFor();
    await expect
      .poll(() => widget.getByTestId('widget-status').textContent())
      .toContain('resolved');

    const input = widget.getByTestId('widget-input');
    await input.fill('Sorry, one more question about delivery.');
    await input.press('Enter');
    await widgetMessage('one more question').waitFor();
    await widget.getByTestId('widget-resolved').waitFor({ state: 'detached' });
    await eventually(async () =>
      expect((await agentConversation(agentApi, conversationId)).status).not.toBe('RESOLVED'),
    );
  });

  it('offers “Talk to a human” while the robot has the conversation', async () => {
    const settings = `mutation Settings($on: Boolean!) {
      updateWorkspaceSettings(input: { prioritizeBotReception: $on }) { prioritizeBotReception }
    }`;
    await agentApi.request(settings, { on: true });
    try {
      // A new visitor in a fresh browser profile.
      const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      page.setDefaultTimeout(LIVE_TIMEOUT);
      await page.goto(`${stack.webUrl}/demo`);
      await launcher(page).click();
      const chat = page.frameLocator('iframe[title="Parley chat"]');
      await chat.getByTestId('widget-input').fill('Is anyone human here?');
      await chat.getByTestId('widget-input').press('Enter');

      const askForHuman = chat.getByTestId('widget-request-human');
      await askForHuman.waitFor();
      await expect
        .poll(() => chat.getByTestId('widget-status').textContent())
        .toContain('assistant');
      await askForHuman.click();
      await askForHuman.waitFor({ state: 'detached' });
      await expect
        .poll(() => chat.getByTestId('widget-status').textContent())
        .not.toContain('assistant');
      await context.close();
    } finally {
      await agentApi.request(settings, { on: false });
    }
  });
});
