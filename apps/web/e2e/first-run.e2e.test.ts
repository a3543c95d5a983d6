// A new team's first hour with a production server: no demo, no workspace.
// The sign-in page sends them to setup, the owner creates the workspace
// (a common password is refused on the way), invites a colleague who joins
// from the link, and a visitor's message reaches the new inbox.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack';
import { startVisitor } from './support/visitor-client';

let stack: Stack;
let browser: Browser | undefined;

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

beforeAll(async () => {
  stack = await startStack({
    // As a team deploys it, except that the test serves plain http.
    apiEnv: { NODE_ENV: 'production', PARLEY_SECURE_COOKIES: 'false' },
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: LAUNCH_ARGS,
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** GraphQL through the workbench's own origin, with the page's session cookie. */
function graphql<T>(page: Page, query: string, variables: object = {}): Promise<T> {
  return page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    },
    { query, variables },
  ) as Promise<T>;
}

describe('first run in production', () => {
  it('a new team sets up its workspace, invites a colleague and answers a visitor', async () => {
    const owner = await newPage();
    await owner.goto(`${stack.webUrl}/login`);
    await owner.waitForURL(/\/setup$/);

    await owner.getByTestId('new-workspaceName').fill('Acme Support');
    await owner.getByTestId('new-name').fill('Ada Owner');
    await owner.getByTestId('new-email').fill('ada@acme.test');
    await owner.getByTestId('new-password').fill('password123');
    await owner.getByTestId('new-confirm').fill('password123');
    await owner.getByTestId('setup-submit').click();
    await expect(
      owner
        .getByText(/too common/i)
        .first()
        .waitFor(),
    ).resolves.toBeUndefined();

    await owner.getByTestId('new-password').fill('tidal-lantern-4817');
    await owner.getByTestId('new-confirm').fill('tidal-lantern-4817');
    await owner.getByTestId('setup-submit').click();
    await owner.waitForURL(`${stack.webUrl}/`);
    await owner.getByText('Acme Support').first().waitFor();

    // Setup is closed once a workspace exists.
    const status = await graphql<{ setupStatus: { needsSetup: boolean } }>(
      owner,
      `
        {
          setupStatus {
            needsSetup
          }
        }
      `,
    );
    expect(status.setupStatus.needsSetup).toBe(false);

    // The owner invites a colleague; the link points at this workbench.
    const { inviteMember } = await graphql<{ inviteMember: { link: string } }>(
      owner,
      `
        mutation {
          inviteMember(input: { email: "lin@acme.test", role: AGENT }) {
            link
          }
        }
      `,
    );
    expect(inviteMember.link.startsWith(stack.webUrl)).toBe(true);
    const colleague = await newPage();
    await colleague.goto(inviteMember.link);
    await expect(colleague.getByTestId('invite-preview-workspace').textContent()).resolves.toBe(
      'Acme Support',
    );
    await colleague.getByTestId('invite-name').fill('Lin Agent');
    // The password policy is the server's; its refusal shows under the field.
    await colleague.getByTestId('invite-password').fill('short-1');
    await colleague.getByTestId('invite-confirm').fill('short-1');
    await colleague.getByTestId('invite-accept').click();
    await colleague.getByText('Use at least 10 characters.').waitFor();
    await colleague.getByTestId('invite-password').fill('quiet-harbor-2291');
    await colleague.getByTestId('invite-confirm').fill('quiet-harbor-2291');
    await colleague.getByTestId('invite-accept').click();
    await colleague.waitForURL(`${stack.webUrl}/`);
    await colleague.getByText('Acme Support').first().waitFor();

    // A visitor on the new workspace's website channel reaches the inbox live.
    const { websiteChannels } = await graphql<{ websiteChannels: { key: string }[] }>(
      owner,
      `
        {
          websiteChannels {
            key
          }
        }
      `,
    );
    const visitor = await startVisitor(
      stack.apiGraphqlUrl,
      websiteChannels[0]!.key,
      'First customer',
    );
    await visitor.send('Hello, is anyone there?');
    await owner.getByText('Hello, is anyone there?').first().waitFor();
    await colleague.getByText('Hello, is anyone there?').first().waitFor();
  });
});
