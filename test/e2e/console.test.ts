import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, SCREENSHOTS } from './support/browser';
import type { ConsoleService } from './support/console-service';
import { startConsoleService } from './support/console-service';

let service: ConsoleService;
let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  service = await startConsoleService();
  ({ browser, close: closeBrowser } = await launchBrowser());
});

afterAll(async () => {
  await closeBrowser?.();
  await service?.stop();
});

describe('admin console', () => {
  it('signs in with the admin token, shows the navigation, and signs out leaving nothing stored', async () => {
    const { page, context, consoleLines } = await openPage(browser, service.url);
    await page.goto('/admin');
    await page.getByLabel('API token').fill(service.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Connections' }));
    for (const item of ['Connections', 'Users', 'Groups', 'API tokens', 'Audit log'])
      await expectVisible(page.getByRole('navigation').getByRole('link', { name: item }));
    await page.screenshot({ path: join(SCREENSHOTS, 'connections.png') });
    expect(page.url()).not.toContain(service.adminToken);
    expect(await page.title()).not.toContain(service.adminToken);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectVisible(page.getByRole('button', { name: 'Sign in' }));
    expect(await page.evaluate('sessionStorage.length + localStorage.length')).toBe(0);
    expect(consoleLines.join('\n')).not.toContain(service.adminToken);
    await context.close();
  });
});

async function expectVisible(locator: { waitFor(options: { state: 'visible' }): Promise<void> }) {
  await locator.waitFor({ state: 'visible' });
}
