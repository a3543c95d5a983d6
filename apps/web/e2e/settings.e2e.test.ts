import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port';
import { startStack, type Stack } from './support/stack';

const OWNER = { email: 'demo@parley.dev', password: 'parley-demo' };
const TIMEOUT = 15_000;
// Set PARLEY_E2E_SCREENSHOTS=<dir> to keep screenshots of the run.
const screenshotDir = process.env.PARLEY_E2E_SCREENSHOTS;

let stack: Stack | undefined;
let browser: Browser | undefined;
let page: Page;
let receiver: Server | undefined;
let receiverUrl = '';
const received: string[] = [];

async function screenshot(name: string, target: Page = page) {
  if (!screenshotDir) return;
  await mkdir(screenshotDir, { recursive: true });
  await target.screenshot({ path: `${screenshotDir}/${name}.png`, fullPage: true });
}

function webUrl(path: string): string {
  return `${stack?.webUrl ?? ''}${path}`;
}

/** Runs one GraphQL operation against the API directly (not through the browser). */
async function api(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
}> {
  const response = await fetch(stack?.apiGraphqlUrl ?? '', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Awaited<ReturnType<typeof api>>;
}

/**
 * The team operations were built alongside this page: fail with a clear
 * message (not a timeout somewhere in the UI) when the server lacks one.
 */
async function requireTeamOperations() {
  const signIn = await api('mutation($input: SignInInput!) { signIn(input: $input) { token } }', {
    input: OWNER,
  });
  const token = (signIn.data?.signIn as { token?: string } | undefined)?.token;
  if (!token) throw new Error(`Cannot sign in through the API: ${JSON.stringify(signIn)}`);
  const probes: [string, string, string | null][] = [
    ['viewer.permissions', '{ viewer { permissions } }', null],
    ['teamMembers', '{ teamMembers { active agent { id } } }', null],
    ['invitations', '{ invitations { id } }', null],
    ['customRoles', '{ customRoles { id } }', null],
    [
      'invitation(token) (anonymous)',
      '{ invitation(token: "pit_missing") { email } }',
      'NOT_FOUND',
    ],
  ];
  const missing: string[] = [];
  for (const [name, query, expectedCode] of probes) {
    const result = await api(query, {}, expectedCode ? undefined : token);
    const code = result.errors?.[0]?.extensions?.code ?? null;
    if (code !== expectedCode) missing.push(`${name} → ${code ?? 'no error'}`);
  }
  if (missing.length > 0) {
    throw new Error(
      `The server's team operations are missing or failing (expected them to exist): ${missing.join('; ')}`,
    );
  }
}

/** Fails with the inline server error, if the page shows one, instead of a bare timeout. */
async function waitOrExplain(target: Page, testId: string) {
  const wanted = target.getByTestId(testId).first();
  const failure = target.getByTestId('settings-error').first();
  await expect
    .poll(
      async () => {
        if (await failure.isVisible()) {
          throw new Error(
            `The page shows a server error: ${await failure.textContent()} (${await failure.getAttribute('data-code')})`,
          );
        }
        return wanted.isVisible();
      },
      { timeout: TIMEOUT },
    )
    .toBe(true);
}

async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
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
}

beforeAll(async () => {
  // A local receiver for the webhook: the API must be allowed to call 127.0.0.1.
  process.env.PARLEY_WEBHOOK_ALLOW_PRIVATE = 'true';
  const port = await freePort();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(body);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver?.listen(port, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${port}/parley-hook`;

  stack = await startStack();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

describe('workspace settings', () => {
  it('signs the owner in and opens the settings from the header', async () => {
    await page.goto(webUrl('/login'));
    await page.getByTestId('login-email').fill(OWNER.email);
    await page.getByTestId('login-password').fill(OWNER.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('settings-link').click();
    await page.waitForURL('**/settings/general');
    for (const section of [
      'general',
      'profile',
      'team',
      'roles',
      'groups',
      'tags',
      'api-tokens',
      'webhooks',
      'audit-log',
    ]) {
      await page.getByTestId(`settings-nav-${section}`).waitFor();
    }
    await expect(page.getByTestId('workspace-name').inputValue()).resolves.not.toBe('');
  });

  it('changes "Prioritize bot reception" and keeps it', async () => {
    const toggle = page.getByTestId('prioritize-bot-reception');
    const before = await toggle.getAttribute('aria-checked');
    const expected = before === 'true' ? 'false' : 'true';
    await toggle.click();
    await page.getByTestId('bot-reception-saved').waitFor();
    await expect(toggle.getAttribute('aria-checked')).resolves.toBe(expected);

    await page.reload();
    await page.getByTestId('prioritize-bot-reception').waitFor();
    await expect(
      page.getByTestId('prioritize-bot-reception').getAttribute('aria-checked'),
    ).resolves.toBe(expected);
    await screenshot('settings-general');
  });

  it('lists websites that may show the widget: refuses junk, adds and removes an origin', async () => {
    const section = page.getByTestId('widget-origins-demo-website');
    await section.getByTestId('widget-origins-empty').waitFor();
    await section.getByTestId('widget-origin-input').fill('javascript:alert(1)');
    await section.getByTestId('widget-origin-add').click();
    await section.getByText('Enter a website address starting with https://').waitFor();
    await section.getByTestId('widget-origin-input').fill('https://Shop.Example.com/cart');
    await section.getByTestId('widget-origin-add').click();
    await section.getByText('Added https://shop.example.com.').waitFor();
    await page.reload();
    await section.getByText('https://shop.example.com', { exact: true }).waitFor();
    await section.getByRole('button', { name: 'Remove' }).click();
    await section.getByTestId('widget-origins-empty').waitFor();
  });

  it('creates an API token and shows its secret only once', async () => {
    await page.getByTestId('settings-nav-api-tokens').click();
    await page.waitForURL('**/settings/api-tokens');
    await page.getByTestId('api-token-name').fill('E2E integration');
    await page.getByTestId('api-token-scope-EVENTS').check();
    await page.getByTestId('api-token-submit').click();

    await waitOrExplain(page, 'api-token-secret');
    const secret = await page.getByTestId('api-token-secret').inputValue();
    expect(secret).toMatch(/^pat_/);
    await expect(page.getByTestId('api-token-secret-warning').textContent()).resolves.toMatch(
      /you will not see this again/i,
    );
    const row = page.getByTestId('api-token-row').filter({ hasText: 'E2E integration' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Read, Events');
    await screenshot('settings-api-tokens-secret');

    // The secret works against the API...
    const viaToken = await api('{ viewer { workspace { name } } }', {}, secret);
    expect(viaToken.errors).toBeUndefined();

    // ...and is never shown again.
    await page.reload();
    await page.getByTestId('api-token-row').filter({ hasText: 'E2E integration' }).waitFor();
    expect(await page.getByTestId('api-token-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
  });

  it('creates a webhook, shows its signing secret once and lists its deliveries', async () => {
    await page.getByTestId('settings-nav-webhooks').click();
    await page.waitForURL('**/settings/webhooks');
    await page.getByTestId('webhook-url-input').fill(receiverUrl);
    await page.getByTestId('webhook-event-WORKSPACE_SETTINGS_CHANGED').check();
    await page.getByTestId('webhook-submit').click();

    await waitOrExplain(page, 'webhook-secret');
    await expect(page.getByTestId('webhook-secret').inputValue()).resolves.not.toBe('');
    const card = page.getByTestId('webhook-card').filter({ hasText: receiverUrl });
    await card.waitFor();

    // A settings change is an event the webhook subscribed to.
    await page.getByTestId('settings-nav-general').click();
    await page.getByTestId('default-reception-limit').fill('7');
    await page.getByTestId('default-reception-limit-save').click();
    await page.getByText('Saved.').waitFor();
    await expect.poll(() => received.length, { timeout: TIMEOUT }).toBeGreaterThanOrEqual(1);

    await page.getByTestId('settings-nav-webhooks').click();
    const delivery = page
      .getByTestId('webhook-card')
      .filter({ hasText: receiverUrl })
      .getByTestId('webhook-delivery')
      .first();
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          return (await delivery.isVisible()) ? delivery.textContent() : '';
        },
        { timeout: TIMEOUT },
      )
      .toContain('200');
    const before = received.length;
    await delivery.getByTestId('webhook-replay').click();
    await expect.poll(() => received.length, { timeout: TIMEOUT }).toBeGreaterThan(before);
    await screenshot('settings-webhooks');
  });

  it('creates a custom role and shows the built-in ones', async () => {
    await page.getByTestId('settings-nav-roles').click();
    await page.waitForURL('**/settings/roles');
    await page.getByTestId('built-in-roles').waitFor();
    await requireTeamOperations();
    await page.getByTestId('custom-role-new').click();
    await page.getByTestId('custom-role-name').fill('Supervisor');
    await page.getByTestId('custom-role-permission-CONVERSATION_REASSIGN').check();
    await page.getByTestId('custom-role-save').click();
    await waitOrExplain(page, 'custom-role');
    await expect(
      page.getByTestId('custom-role').filter({ hasText: 'Supervisor' }).textContent(),
    ).resolves.toContain('Reassign conversations');
    await screenshot('settings-roles');
  });

  it('creates the group "Sales" with the owner and routes a conversation to it', async () => {
    await page.getByTestId('settings-nav-groups').click();
    await page.waitForURL('**/settings/groups');
    await page.getByTestId('group-name').fill('Sales');
    await page.getByTestId('group-create').click();
    const row = page.locator('[data-testid="group-row"][data-name="Sales"]');
    await waitOrExplain(page, 'group-members-form');
    await row.locator('label', { hasText: OWNER.email }).locator('input').check();
    await row.getByTestId('group-members-save').click();
    await expect
      .poll(async () => (await row.getByTestId('group-member-summary').textContent()) ?? '', {
        timeout: TIMEOUT,
      })
      .toContain('Dana Demo');
    await screenshot('settings-groups');

    await page.goto(webUrl('/'));
    await page.getByTestId('conversation-item').first().click();
    await page.getByTestId('route-group').selectOption({ label: 'Sales' });
    await expect
      .poll(() => page.getByTestId('conversation-group').textContent(), { timeout: TIMEOUT })
      .toBe('Sales');
    await page.goto(webUrl('/settings/groups'));
    await page.getByTestId('settings-nav-team').waitFor();
  });

  describe('with an invited teammate', () => {
    let teammate: BrowserContext | undefined;
    let teammatePage: Page;
    const email = `sam.${Date.now()}@example.com`;

    afterAll(async () => {
      await teammate?.close();
    });

    it('invites a teammate and shows the link to copy', async () => {
      await requireTeamOperations();
      await page.getByTestId('settings-nav-team').click();
      await page.waitForURL('**/settings/team');
      await page.getByTestId('team-member').first().waitFor();
      await page.getByTestId('invite-email').fill(email);
      await page.getByTestId('invite-submit').click();

      await waitOrExplain(page, 'invite-link');
      const link = await page.getByTestId('invite-link').inputValue();
      expect(link).toMatch(/\/invite\?token=/);
      await expect(page.getByTestId('invite-emailed').textContent()).resolves.toMatch(
        /not emailed/i,
      );
      await page.getByTestId('team-invitation').filter({ hasText: email }).waitFor();
      await screenshot('settings-team-invite');

      // The link names the public URL of the deployment; open it on this workbench.
      const token = new URL(link).searchParams.get('token') ?? '';
      teammate = await (browser as Browser).newContext({ viewport: { width: 1280, height: 860 } });
      teammatePage = await teammate.newPage();
      teammatePage.setDefaultTimeout(TIMEOUT);
      await teammatePage.goto(webUrl(`/invite?token=${encodeURIComponent(token)}`));
      await teammatePage.getByTestId('invite-form').waitFor();
      await expect(teammatePage.getByTestId('invite-preview-email').textContent()).resolves.toBe(
        email,
      );
      await screenshot('invite-accept', teammatePage);
    });

    it('lets the teammate accept with a name and password, signed in to the workbench', async () => {
      await teammatePage.getByTestId('invite-name').fill('Sam Teammate');
      await teammatePage.getByTestId('invite-password').fill('sam-password-1');
      await teammatePage.getByTestId('invite-confirm').fill('sam-password-1');
      await teammatePage.getByTestId('invite-accept').click();
      await teammatePage.waitForURL((url) => url.pathname === '/');
      await teammatePage.getByTestId('agent-status').waitFor();
      await teammatePage.getByText('Sam Teammate').first().waitFor();

      // A plain agent sees their profile and tags, no workspace settings.
      await teammatePage.goto(webUrl('/settings'));
      await teammatePage.waitForURL('**/settings/profile');
      await teammatePage.getByTestId('settings-nav-tags').waitFor();
      expect(await teammatePage.getByTestId('settings-nav-general').count()).toBe(0);
      await teammatePage.goto(webUrl('/'));
      await teammatePage.getByTestId('agent-status').waitFor();
    });

    it('refuses the used invitation link', async () => {
      const used = page.getByTestId('invite-link');
      const token = new URL(await used.inputValue()).searchParams.get('token') ?? '';
      const other = await (browser as Browser).newContext();
      try {
        const otherPage = await other.newPage();
        await otherPage.goto(webUrl(`/invite?token=${encodeURIComponent(token)}`));
        await otherPage.getByTestId('invite-unusable').waitFor({ timeout: TIMEOUT });
      } finally {
        await other.close();
      }
    });

    it('shows the teammate in Team; the owner deactivates them and they are signed out', async () => {
      await page.reload();
      const row = page.locator(`[data-testid="team-member"][data-email="${email}"]`);
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain('Sam Teammate');
      await row.getByTestId('team-member-deactivate').click();
      await row.getByTestId('team-member-deactivate-confirm').click();
      await expect.poll(() => row.getAttribute('data-active'), { timeout: TIMEOUT }).toBe('false');
      await screenshot('settings-team');

      // Their next request finds the session gone.
      await teammatePage.goto(webUrl('/'));
      await teammatePage.waitForURL('**/login', { timeout: TIMEOUT });
    });

    it('records the changes in the audit log for owners', async () => {
      await page.getByTestId('settings-nav-audit-log').click();
      await page.waitForURL('**/settings/audit-log');
      await page.getByTestId('audit-entry').first().waitFor();
      await page.getByTestId('audit-filter-action').fill('member');
      await page.getByTestId('audit-filter-apply').click();
      await expect
        .poll(async () => (await page.getByTestId('audit-table').textContent()) ?? '')
        .toMatch(/’s role from|Deactivated|Reactivated/);
      await page.getByTestId('audit-entry').first().getByRole('button').click();
      await screenshot('settings-audit-log');
    });
  });
});
