import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { graphql, OKTA_CUSTOM_SCHEMA, oktaUser, scim } from './support/api';
import { launchBrowser, openPage, PHONE, SCREENSHOTS } from './support/browser';
import type { ConsoleService } from './support/console-service';
import { startConsoleService } from './support/console-service';

let service: ConsoleService;
let browser: Browser;
let closeBrowser: () => Promise<void>;
/** Secrets the tests saw; none may appear in the service's output or the browser console. */
const secrets: string[] = [];
const consoleOutput: string[] = [];

beforeAll(async () => {
  service = await startConsoleService();
  secrets.push(service.adminToken);
  ({ browser, close: closeBrowser } = await launchBrowser());
});

afterAll(async () => {
  await closeBrowser?.();
  await service?.stop();
});

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto('/admin');
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Connections' }).waitFor();
}

/** Add connection → Okta (SCIM 2.0) → Name → expiry: the page's Base URL and API token. */
async function addOktaConnection(page: Page, name: string) {
  await page.getByRole('button', { name: 'Add connection' }).click();
  await page.getByLabel('Okta (SCIM 2.0)').check();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Token expiry').selectOption({ label: 'Never' });
  await page.getByRole('button', { name: 'Add connection' }).click();
  const baseUrl = await page.getByLabel('Base URL').inputValue();
  const token = await page.getByLabel('API token').inputValue();
  secrets.push(token);
  return { baseUrl, token };
}

describe('admin console', () => {
  it('signs in with the admin token, shows the navigation, and signs out leaving nothing stored', async () => {
    const { page, context, consoleLines } = await openPage(browser, service.url);
    await signIn(page, service.adminToken);
    for (const item of ['Connections', 'Users', 'Groups', 'API tokens', 'Audit log'])
      await page.getByRole('navigation').getByRole('link', { name: item }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'connections.png') });
    expect(page.url()).not.toContain(service.adminToken);
    expect(await page.title()).not.toContain(service.adminToken);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate('sessionStorage.length + localStorage.length')).toBe(0);
    consoleOutput.push(...consoleLines);
    await context.close();
  });

  it('a wrong token is refused at sign-in with its code, and nothing is stored', async () => {
    const { page, context } = await openPage(browser, service.url);
    await page.goto('/admin');
    await page.getByLabel('API token').fill('idt_not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.getByRole('alert'), /not accepted.*UNAUTHENTICATED/);
    expect(await page.evaluate('sessionStorage.length + localStorage.length')).toBe(0);
    await context.close();
  });

  it('adds an Okta connection whose Base URL and token provision a user, and the status turns to connected', async () => {
    const { page, context, consoleLines } = await openPage(browser, service.url);
    await signIn(page, service.adminToken);
    const { baseUrl, token } = await addOktaConnection(page, 'Okta production');
    expect(baseUrl).toBe(`${service.url}/scim/v2`);
    expect(token.length).toBeGreaterThan(20);
    await page.getByText('SCIM connector base URL').first().waitFor();
    await page.getByText('Test Connector Configuration', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: 'Copy Base URL' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(baseUrl);
    await page.getByRole('button', { name: 'Copy API token' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);
    await page.getByText('Waiting for the first request').waitFor();
    expect(page.url()).not.toContain(token);
    await page.screenshot({ path: join(SCREENSHOTS, 'add-connection-okta.png'), fullPage: true });

    // Okta's "Test Connector Configuration", then "Push New Users" (with its read-only `groups: []`).
    const probe = await scim(`${baseUrl}/Users?startIndex=1&count=1`, token, 'GET');
    expect(probe.status).toBe(200);
    await page.getByText('Connected: first request received').waitFor({ timeout: 15_000 });
    const created = await scim(`${baseUrl}/Users`, token, 'POST', oktaUser('ada@example.com'));
    expect(created.status).toBe(201);

    const id = await connectionId(page);
    const log = await requestLogEventually(id, (nodes) => nodes.some((n) => n.method === 'POST'));
    const post = log.find((n) => n.method === 'POST')!;
    expect(post.status).toBe(201);
    expect(post.quirks).toContain(`ignored-schema:${OKTA_CUSTOM_SCHEMA}`);

    // The same set-up page shows that request in its "Request log" (it polls), with the quirk, and
    // its details: a committed request has no would-be changes.
    const postRow = requestLogRows(page).filter({ hasText: /POST \S*\/Users/ });
    await postRow.first().waitFor({ timeout: 15_000 });
    const rowText = (await postRow.first().textContent()) ?? '';
    expect(rowText).toContain('201');
    expect(rowText).toContain(`ignored-schema:${OKTA_CUSTOM_SCHEMA}`);
    await postRow
      .first()
      .getByRole('button', { name: /^Details of POST/ })
      .click();
    const dialog = page.getByRole('dialog');
    await expectText(dialog, /POST 201/);
    expect(await dialog.getByRole('region', { name: 'Would-be changes' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // In dry run the connection page's log shows the entry, and its details the would-be changes.
    await page.getByRole('link', { name: 'Done: open the connection' }).click();
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    const dry = await scim(`${baseUrl}/Users`, token, 'POST', oktaUser('grace@example.com'));
    expect(dry.status).toBe(201);
    const dryRow = requestLogRows(page).filter({ hasText: 'Dry run' });
    await dryRow.first().waitFor({ timeout: 15_000 });
    await dryRow
      .first()
      .getByRole('button', { name: /^Details of POST/ })
      .click();
    const changes = page.getByRole('dialog').getByRole('region', { name: 'Would-be changes' });
    await expectText(changes, /user\.created: user .*userName.*grace@example\.com/is);
    await page.keyboard.press('Escape');
    consoleOutput.push(...consoleLines);
    await context.close();
  });

  it('masks the token after leaving the page; Reset API token issues a new one and the old one is refused', async () => {
    const { page, context, consoleLines } = await openPage(browser, service.url);
    await signIn(page, service.adminToken);
    const { token: oldToken } = await addOktaConnection(page, 'Okta staging');
    await page.getByRole('link', { name: 'Done: open the connection' }).click();
    await page.getByRole('button', { name: 'Reset API token' }).waitFor();
    expect(await page.getByLabel('API token').count()).toBe(0);
    expect(await page.content()).not.toContain(oktaLeak(oldToken));

    await page.getByRole('button', { name: 'Reset API token' }).click();
    const dialog = page.getByRole('dialog');
    await expectText(dialog, /stops working at once/);
    // While the dialog is open its confirm button is the only one of that name.
    expect(await page.getByRole('button', { name: 'Reset API token' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Reset API token' }).click();
    const newToken = await page.getByLabel('API token').inputValue();
    secrets.push(newToken);
    expect(newToken).not.toBe(oldToken);

    expect((await scim(`${service.url}/scim/v2/Users?count=1`, oldToken, 'GET')).status).toBe(401);
    expect((await scim(`${service.url}/scim/v2/Users?count=1`, newToken, 'GET')).status).toBe(200);
    await page.screenshot({ path: join(SCREENSHOTS, 'connection.png'), fullPage: true });
    consoleOutput.push(...consoleLines);
    await context.close();
  });

  it('a read-only token sees a read-only console: no write buttons, and the API refusal in words', async () => {
    const { createApiToken } = await graphql<{ createApiToken: { secret: string } }>(
      service.url,
      service.adminToken,
      'mutation { createApiToken(input: { name: "auditor", scopes: ["identity:read"] }) { secret } }',
    );
    secrets.push(createApiToken.secret);
    const { page, context } = await openPage(browser, service.url);
    await signIn(page, createApiToken.secret);
    await page.getByText('Read-only').waitFor();
    // Connections are an admin's (the API answers FORBIDDEN): said with the code, nothing to press.
    await expectText(page.getByRole('alert'), /FORBIDDEN/);
    for (const name of ['Add connection', 'Reset API token', 'Pause', 'Rename', 'Delete connection'])
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    await page.goto('/admin/connections/new');
    await expectText(page.getByRole('alert'), /read-only/);
    expect(await page.getByRole('button', { name: 'Add connection' }).count()).toBe(0);
    await context.close();
  });

  it('a platform:admin token picks the organization it acts on, and can switch', async () => {
    const platformToken = await service.cli(['token', 'create', '--platform', '--name', 'platform']);
    secrets.push(platformToken);
    await graphql(
      service.url,
      platformToken,
      'mutation { createOrganization(input: { slug: "acme", name: "Acme Corp" }) { id } }',
    );
    const { page, context } = await openPage(browser, service.url);
    await page.goto('/admin');
    await page.getByLabel('API token').fill(platformToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Choose an organization' }).waitFor();
    await page.getByRole('button', { name: /Acme Corp/ }).click();
    await page.getByText('No connections yet.').waitFor();
    await page.getByRole('button', { name: 'Switch organization' }).click();
    await page.getByRole('button', { name: /Default organization/ }).click();
    await page.getByRole('link', { name: 'default' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add connection' }).count()).toBe(1);
    await context.close();
  });

  it('works from the keyboard: dialogs take focus, Escape cancels and focus returns', async () => {
    const { page, context } = await openPage(browser, service.url);
    await signIn(page, service.adminToken);
    await page.getByRole('link', { name: 'default' }).focus();
    await page.keyboard.press('Enter');
    const reset = page.getByRole('button', { name: 'Reset API token' });
    await reset.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect(await page.evaluate('document.activeElement.closest("dialog") !== null')).toBe(true);
    await page.keyboard.press('Escape');
    await reset.waitFor();
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Reset API token');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await context.close();
  });

  it('works at 390×844: navigation, list and the Add connection form fit the width', async () => {
    const { page, context } = await openPage(browser, service.url, PHONE);
    await signIn(page, service.adminToken);
    await page.getByRole('button', { name: 'Add connection' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(SCREENSHOTS, 'connections-phone.png') });
    await page.getByRole('button', { name: 'Add connection' }).click();
    await page.getByLabel('Name').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });

  it('a connection deleted in another tab shows as deleted, and the API down shows a clear message', async () => {
    const { page, context } = await openPage(browser, service.url);
    await signIn(page, service.adminToken);
    const { baseUrl } = await addOktaConnection(page, 'Short-lived');
    expect(baseUrl).toContain('/scim/v2');
    const id = await connectionId(page);
    await page.getByRole('link', { name: 'Done: open the connection' }).click();
    // The page shows the connection before another tab deletes it: deleting while the page was still
    // loading it made the page load "not found" and offer no Pause at all (a race on a busy machine).
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await graphql(
      service.url,
      service.adminToken,
      'mutation($id: ID!) { deleteConnection(id: $id) { id } }',
      { id },
    );
    await page.getByRole('button', { name: 'Pause' }).click();
    await expectText(page.getByRole('alert').first(), /no longer exists|NOT_FOUND/);

    await page.route('**/graphql', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          errors: [{ message: 'Service temporarily unavailable', extensions: { code: 'UNAVAILABLE' } }],
        }),
      }),
    );
    await page.goto('/admin/connections');
    await expectText(page.getByRole('alert').first(), /unavailable.*UNAVAILABLE/);
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    await context.close();
  });

  it('no secret reached the service log, the browser console or a URL', () => {
    const output = service.output();
    for (const secret of secrets) {
      expect(output).not.toContain(secret);
      expect(consoleOutput.join('\n')).not.toContain(secret);
    }
  });
});

/** The rows of the "Request log" section's table on the page (connection set-up pages). */
function requestLogRows(page: Page) {
  return page
    .getByRole('region', { name: 'Request log' })
    .getByRole('table', { name: 'Request log' })
    .getByRole('row');
}

/** The connection id from the "Done" link of the set-up page (never from a secret). */
async function connectionId(page: Page): Promise<string> {
  const href = await page.getByRole('link', { name: 'Done: open the connection' }).getAttribute('href');
  return href!.split('/').pop()!;
}

type LogNode = { method: string; status: number; quirks: string[] };

/** The request log is written within about a second, off the request path: poll for it. */
async function requestLogEventually(id: string, done: (nodes: LogNode[]) => boolean): Promise<LogNode[]> {
  for (let attempt = 0; ; attempt++) {
    const { connectionRequests } = await graphql<{ connectionRequests: { nodes: LogNode[] } }>(
      service.url,
      service.adminToken,
      'query($id: ID!) { connectionRequests(connectionId: $id) { nodes { method status quirks } } }',
      { id },
    );
    if (done(connectionRequests.nodes) || attempt > 40) return connectionRequests.nodes;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const oktaLeak = (token: string) => token.slice(-16);

async function expectText(
  locator: { first(): { textContent(): Promise<string | null>; waitFor(): Promise<void> } },
  pattern: RegExp,
) {
  const first = locator.first();
  await first.waitFor();
  for (let attempt = 0; attempt < 50; attempt++) {
    const text = (await first.textContent()) ?? '';
    if (pattern.test(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect((await first.textContent()) ?? '').toMatch(pattern);
}
