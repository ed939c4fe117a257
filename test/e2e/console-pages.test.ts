import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { graphql, graphqlOk, scim } from './support/admin-api';
import { launchBrowser, openPage, PHONE, SCREENSHOTS } from './support/browser';
import type { ConsoleService } from './support/console-service';
import { startConsoleService } from './support/console-service';

/**
 * The connection activity page (request log with a quirk and redacted bodies), setup links, the
 * directory, API tokens and the audit log, in Debian's Chromium against the built service.
 */
let service: ConsoleService;
let browser: Browser;
let closeBrowser: () => Promise<void>;

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const PASSWORD = 'Hunter2-Console-Secret!';

beforeAll(async () => {
  service = await startConsoleService();
  ({ browser, close: closeBrowser } = await launchBrowser());
});

afterAll(async () => {
  await closeBrowser?.();
  await service?.stop();
});

async function createConnection(
  name: string,
  kind: string,
): Promise<{ id: string; secret: string; baseUrl: string }> {
  const data = await graphqlOk<{
    createConnection: { secret: string; connection: { id: string; baseUrl: string } };
  }>(
    service.url,
    service.adminToken,
    `mutation($input: CreateConnectionInput!) {
      createConnection(input: $input) { secret connection { id baseUrl } }
    }`,
    { input: { name, kind, tokenExpiresInDays: null } },
  );
  return { secret: data.createConnection.secret, ...data.createConnection.connection };
}

async function createToken(name: string, scopes: string[]): Promise<string> {
  const data = await graphqlOk<{ createApiToken: { secret: string } }>(
    service.url,
    service.adminToken,
    `mutation($input: ApiTokenInput!) { createApiToken(input: $input) { secret } }`,
    { input: { name, scopes } },
  );
  return data.createApiToken.secret;
}

async function signIn(page: Page, token: string) {
  await page.goto('/admin');
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Connections' }).waitFor();
}

/** Clicks `refresh` until `locator` shows (the request log is written within about a second). */
async function refreshUntilVisible(page: Page, refresh: Locator, locator: Locator) {
  for (let attempt = 0; attempt < 20; attempt++) {
    if (await locator.first().isVisible()) return;
    await refresh.click();
    await page.waitForTimeout(500);
  }
  await locator.first().waitFor({ state: 'visible', timeout: 2000 });
}

describe('console pages', () => {
  let entra: { id: string; secret: string; baseUrl: string };
  let userId: string;

  beforeAll(async () => {
    entra = await createConnection('Entra for the log', 'ENTRA_SCIM2');
    const created = await scim(service.url, entra.secret, 'POST', '/scim/v2/Users', {
      schemas: [USER_SCHEMA],
      userName: 'alice.log@example.com',
      displayName: 'Alice Log',
      password: PASSWORD,
      emails: [{ value: 'alice.log@example.com', type: 'work', primary: true }],
    });
    expect(created.status).toBe(201);
    userId = String(created.body!.id);
    // Entra's string boolean: tolerated and recorded as a quirk.
    const patched = await scim(service.url, entra.secret, 'PATCH', `/scim/v2/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    });
    expect(patched.status).toBe(200);
    for (const n of [1, 2, 3])
      expect(
        (
          await scim(service.url, entra.secret, 'POST', '/scim/v2/Users', {
            schemas: [USER_SCHEMA],
            userName: `bob${n}@example.com`,
            displayName: `Bob ${n}`,
          })
        ).status,
      ).toBe(201);
  });

  it('shows the request log with the quirk, and a dialog of redacted bodies that never holds the password or token', async () => {
    const { page, context, consoleLines } = await openPage(browser, service.url);
    await signIn(page, service.adminToken);
    await page.goto(`/admin/connections/${entra.id}`);
    await page.getByRole('link', { name: 'Health and request log' }).click();
    await page.getByRole('heading', { name: 'Entra for the log: activity' }).waitFor();
    const patchRow = page.getByRole('row').filter({ hasText: `PATCH /scim/v2/Users/${userId}` });
    await refreshUntilVisible(page, page.getByRole('button', { name: 'Refresh log' }), patchRow);
    await expect(patchRow.textContent()).resolves.toContain('entra:string-boolean');

    // The quirks-seen table (health counters flush every few seconds).
    const quirkRow = page
      .getByRole('row', { name: /entra:string-boolean/ })
      .filter({ has: page.getByRole('rowheader') });
    await refreshUntilVisible(page, page.getByRole('button', { name: 'Refresh health' }), quirkRow);

    // Filters: only the POSTs.
    await page.getByLabel('Method').selectOption('POST');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('row').filter({ hasText: 'PATCH' }).first().waitFor({ state: 'detached' });
    const createRow = page
      .getByRole('row')
      .filter({ hasText: 'POST /scim/v2/Users' })
      .filter({ hasText: '201' })
      .last();
    await createRow.getByRole('button', { name: /Details of POST/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const requestBody = (await dialog.getByLabel('Request body').textContent()) ?? '';
    const responseBody = (await dialog.getByLabel('Response body').textContent()) ?? '';
    expect(requestBody).toContain('alice.log@example.com');
    expect(requestBody).toContain('[redacted]');
    expect(responseBody).toContain(userId);
    const dialogText = (await dialog.textContent()) ?? '';
    for (const secret of [PASSWORD, entra.secret, 'Bearer ']) expect(dialogText).not.toContain(secret);
    await expect(dialog.getByRole('link', { name: `User ${userId}` }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'request-log-detail.png'), fullPage: true });

    // Keyboard: Escape closes the dialog and focus returns to its Details button; Enter opens it again.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const focused = await page.evaluate<string>("document.activeElement?.getAttribute('aria-label') ?? ''");
    expect(focused).toMatch(/^Details of POST/);
    await page.keyboard.press('Enter');
    await dialog.waitFor();

    // The drawer's links lead to the user and to its audit events.
    await dialog.getByRole('link', { name: `Audit events for ${userId}` }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByRole('cell', { name: 'user.create' }).first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'audit-log.png') });

    expect(page.url()).not.toContain(entra.secret);
    expect(consoleLines.join('\n')).not.toContain(PASSWORD);
    await context.close();
  });

  it('creates a setup link whose visitor sees only that connection, resets its token, and is refused after revocation', async () => {
    const okta = await createConnection('Okta for the customer', 'OKTA_SCIM2');
    const admin = await openPage(browser, service.url);
    await signIn(admin.page, service.adminToken);
    await admin.page.goto(`/admin/connections/${okta.id}/activity`);
    await admin.page.getByRole('button', { name: 'Create setup link' }).click();
    const url = await admin.page.getByRole('textbox', { name: 'Setup link' }).inputValue();
    expect(url).toMatch(new RegExp(`^${service.url}/admin/setup/isl_`));
    const secret = url.slice(url.lastIndexOf('/') + 1);

    const visitor = await openPage(browser, service.url);
    await visitor.page.goto(url);
    await visitor.page.getByRole('heading', { name: 'Set up Okta for the customer' }).waitFor();
    // The secret leaves the address bar at once and stays only in this tab's sessionStorage.
    expect(new URL(visitor.page.url()).pathname).toBe('/admin/setup');
    expect(await visitor.page.evaluate('localStorage.length')).toBe(0);
    expect(await visitor.page.evaluate('JSON.stringify(sessionStorage)')).toContain(secret);
    expect(await visitor.page.title()).not.toContain(secret);
    await expect(visitor.page.getByLabel('Base URL').inputValue()).resolves.toBe(okta.baseUrl);
    // Nothing else of the console: no navigation, no other connection.
    expect(await visitor.page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(await visitor.page.getByText('Entra for the log').count()).toBe(0);

    // (Before the reset: a committed picture holds no token, not even a throw-away one.)
    await visitor.page.screenshot({ path: join(SCREENSHOTS, 'setup-link-visitor.png'), fullPage: true });
    await visitor.page.getByRole('button', { name: 'Reset API token' }).click();
    await visitor.page.getByRole('button', { name: 'Reset now' }).click();
    const token = await visitor.page.getByLabel('API token').inputValue();
    expect(token).not.toBe(okta.secret);
    expect((await scim(service.url, token, 'GET', '/scim/v2/Users?count=1')).status).toBe(200);
    expect((await scim(service.url, okta.secret, 'GET', '/scim/v2/Users?count=1')).status).toBe(401);
    const getRow = visitor.page.getByRole('row').filter({ hasText: 'GET /scim/v2/Users' });
    await refreshUntilVisible(
      visitor.page,
      visitor.page.getByRole('button', { name: 'Refresh log' }),
      getRow,
    );

    // The admin revokes it; the visitor's next load says so in words, with the code.
    await admin.page.reload();
    await admin.page.getByRole('button', { name: /Revoke setup link/ }).click();
    await admin.page.getByRole('cell', { name: /^Revoked/ }).waitFor();
    await visitor.page.reload();
    const alert = visitor.page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/revoked.*UNAUTHENTICATED/);
    expect(new URL(visitor.page.url()).pathname).toBe('/admin/setup');
    expect((await graphql(service.url, secret, '{ viewer { subject } }')).status).toBe(401);

    for (const lines of [admin.consoleLines, visitor.consoleLines])
      expect(lines.join('\n')).not.toContain(secret);
    expect(service.output()).not.toContain(secret);
    expect(service.output()).not.toContain(token);
    await admin.context.close();
    await visitor.context.close();
  });

  it('generates an API key that never expires, copies it once, uses it, and revokes it', async () => {
    const { page, context } = await openPage(browser, service.url);
    await signIn(page, service.adminToken);
    await page.getByRole('navigation').getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'Generate a new API key' }).waitFor();
    await page.getByLabel('Name').fill('Reporting script');
    await page.getByRole('checkbox', { name: /identity:read/ }).check();
    await page.getByLabel('Expiration').selectOption({ label: 'Never' });
    await page.getByRole('button', { name: 'Generate key' }).click();
    const secret = await page.getByLabel('API token').inputValue();
    await page.getByRole('button', { name: 'Copy API token' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);

    const viewer = await graphqlOk<{ viewer: { scopes: string[] } }>(
      service.url,
      secret,
      '{ viewer { scopes } }',
    );
    expect(viewer.viewer.scopes).toEqual(['identity:read']);
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Reporting script' }) });
    await expect(row.getByRole('cell').nth(2).textContent()).resolves.toBe('never');

    // Leaving the page masks it for good.
    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'Generate a new API key' }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.screenshot({ path: join(SCREENSHOTS, 'api-tokens.png') });

    await row.getByRole('button', { name: 'Revoke Reporting script' }).click();
    await row.getByRole('cell', { name: /^Revoked/ }).waitFor();
    expect((await graphql(service.url, secret, '{ viewer { scopes } }')).status).toBe(401);
    await context.close();
  });

  it('searches users by plain text and by SCIM filter, pages, shows groups and members, and deactivates', async () => {
    const group = await scim(service.url, entra.secret, 'POST', '/scim/v2/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Log readers',
      members: [{ value: userId }],
    });
    expect(group.status).toBe(201);
    for (let n = 0; n < 26; n++)
      await scim(service.url, entra.secret, 'POST', '/scim/v2/Users', {
        schemas: [USER_SCHEMA],
        userName: `paging${String(n).padStart(2, '0')}@example.com`,
      });
    const { page, context } = await openPage(browser, service.url);
    await signIn(page, service.adminToken);
    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByLabel('Search users').fill('paging');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('26 users').waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2').waitFor();
    await page.getByRole('link', { name: 'paging25@example.com' }).waitFor();

    await page.getByLabel('Search users').fill('userName eq "alice.log@example.com" and active eq true');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('Searching with a SCIM filter.').waitFor();
    await page.getByText('1 user', { exact: true }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'users.png') });
    await page.getByRole('link', { name: 'alice.log@example.com' }).click();
    await page.getByRole('heading', { name: 'Alice Log' }).waitFor();
    await page.getByRole('link', { name: 'Log readers' }).waitFor();

    await page.getByRole('button', { name: 'Deactivate user' }).click();
    await page.getByRole('button', { name: 'Activate user' }).waitFor();
    const fetched = await scim(service.url, entra.secret, 'GET', `/scim/v2/Users/${userId}`);
    expect(fetched.body!.active).toBe(false);

    await page.getByRole('link', { name: 'Log readers' }).click();
    await page.getByRole('heading', { name: 'Log readers' }).waitFor();
    await page.getByRole('link', { name: 'Alice Log' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'group.png') });

    // A phone-sized window: the same page, the user list still reachable.
    await page.setViewportSize(PHONE);
    await page.goto(`/admin/connections/${entra.id}/activity`);
    await page.getByRole('heading', { name: 'Request log' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'activity-phone.png') });
    // Nothing wider than the phone: wide tables scroll inside their own box.
    for (const path of [
      `/admin/connections/${entra.id}/activity`,
      '/admin/users',
      '/admin/api-tokens',
      '/admin/audit-log',
    ]) {
      await page.goto(path);
      await page.locator('main h1').waitFor();
      await page.locator('table, [role=alert], p').first().waitFor();
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        PHONE.width,
      );
    }
    await context.close();
  });

  it('shows a read-only token no write control on these pages, and the refusals in words with their code', async () => {
    const readOnly = await createToken('Read only', ['identity:read']);
    const { page, context } = await openPage(browser, service.url);
    await signIn(page, readOnly);
    await page.getByText('Read-only').first().waitFor();

    await page.goto(`/admin/users/${userId}`);
    await page.getByRole('heading', { name: 'Alice Log' }).waitFor();
    await page.getByRole('heading', { name: 'Groups' }).waitFor();
    expect(await page.getByRole('button', { name: /activate user/i }).count()).toBe(0);

    await page.goto('/admin/api-tokens');
    await page.getByRole('heading', { name: 'API tokens' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'FORBIDDEN' }).waitFor();
    expect(await page.getByRole('button', { name: 'Generate key' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Revoke/ }).count()).toBe(0);

    await page.goto(`/admin/connections/${entra.id}/activity`);
    const refusal = page.getByRole('alert').first();
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('FORBIDDEN');
    expect(await page.getByRole('button', { name: 'Create setup link' }).count()).toBe(0);
    await context.close();
  });
});
