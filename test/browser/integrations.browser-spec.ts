import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  api,
  ATTORNEY,
  createUser,
  horizontalOverflow,
  LAPTOP,
  launchChromium,
  newPage,
  PHONE,
  signIn,
  startBrowserService,
  submitLead,
  type BrowserService,
} from '../support/browser';
import { ADMIN } from '../support/test-app';

jest.setTimeout(60_000);

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ARTIFACTS = join(__dirname, '..', 'artifacts');

/** Issue 16 on the staff page: API keys, CSV export from the list, erasing a lead. */
describe.each([
  ['laptop', LAPTOP],
  ['phone', PHONE],
])('Integrations and privacy on the staff page on a %s', (screen, viewport) => {
  let running: BrowserService;
  let browser: Browser;
  let page: Page;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    running = await startBrowserService();
    browser = await launchChromium();
    page = await newPage(browser, { viewport });
    await createUser(running.service, ATTORNEY);
    for (const [first, last] of [
      ['Ana', 'Vega'],
      ['Bea', 'Vega'],
      ['Carl', 'Otero'],
      ['Erin', 'Gone'],
    ]) {
      ids[first] = await submitLead(running.service, {
        first_name: first,
        last_name: last,
        email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com`,
      });
    }
    const admin = await running.service.token(ADMIN.email, ADMIN.password);
    await api(running.service, admin, `/leads/${ids.Bea}`, {
      method: 'PUT',
      body: { state: 'REACHED_OUT' },
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  const url = (hash = '') => `${running.service.baseUrl}/admin${hash}`;
  const leadsWith = (key: string) =>
    fetch(`${running.service.baseUrl}/leads`, { headers: { Authorization: `Bearer ${key}` } });

  /** Also leaves a screenshot in test/artifacts/ (git-ignored) to look at. */
  async function expectNoSidewaysScroll(view: string): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const name = `integrations-${screen}-${view.replace(/\W+/g, '-')}.png`;
    await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
    expect({ view, overflow: await horizontalOverflow(page) }).toEqual({ view, overflow: 0 });
  }

  /** axe-core in the page: no serious or critical accessibility violation. */
  async function expectAccessible(view: string): Promise<void> {
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate<string[]>(`
      axe.run().then((result) => result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))
    `);
    expect({ view, violations }).toEqual({ view, violations: [] });
  }

  it('creates an API key shown once, which works until it is deleted after confirming', async () => {
    await signIn(page, running.service, ADMIN.email, ADMIN.password);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'API keys' })
      .click();
    await page.getByText('No API keys yet.').waitFor();

    const form = page.locator('#api-key-form');
    await form.getByLabel('Name').fill('CRM sync');
    expect(await form.getByLabel(/leads:read/).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByRole('region', { name: 'Copy the key “CRM sync” now' });
    await shown.waitFor();
    expect(await shown.textContent()).toContain('It will not be shown again');
    const key = (await page.locator('#new-key-value').textContent()) ?? '';
    expect(key).toMatch(/^lik_[\w-]{40,}$/);
    await expectNoSidewaysScroll('API keys, new key shown');
    await expectAccessible('API keys, new key shown');

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: running.service.baseUrl,
    });
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.locator('#copy-key-status').filter({ hasText: 'Copied.' }).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(key);

    // The key works against the API as server-to-server clients send it.
    expect((await leadsWith(key)).status).toBe(200);

    // Shown once: after "Done" and after a reload, only its name and first characters remain.
    await page.getByRole('button', { name: 'Done, I have stored it' }).click();
    await shown.waitFor({ state: 'hidden' });
    await page.reload();
    const row = page.locator('#api-keys-body tr', { hasText: 'CRM sync' });
    await row.waitFor();
    expect(await row.textContent()).toContain('leads:read');
    expect(await row.textContent()).toContain(key.slice(0, 12));
    expect(await page.content()).not.toContain(key);
    await expectNoSidewaysScroll('API keys list');

    // Deleting asks first, naming the key; Cancel keeps it.
    const confirm = page.getByRole('dialog', { name: 'Delete the key “CRM sync”?' });
    await page.getByRole('button', { name: 'Delete key CRM sync' }).click();
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect((await leadsWith(key)).status).toBe(200);

    await page.getByRole('button', { name: 'Delete key CRM sync' }).click();
    await confirm.getByRole('button', { name: 'Delete key' }).click();
    await page
      .locator('#notice')
      .filter({ hasText: 'The key “CRM sync” was deleted: it no longer works.' })
      .waitFor();
    await page.getByText('No API keys yet.').waitFor();
    expect((await leadsWith(key)).status).toBe(401);
  });

  const html = () => page.evaluate<string>('document.body.innerHTML');
  /** Creates a key on the API keys view; returns the key shown. */
  async function createKey(name: string): Promise<string> {
    await page.locator('#api-key-form').getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('region', { name: `Copy the key “${name}” now` }).waitFor();
    const key = (await page.locator('#new-key-value').textContent()) ?? '';
    expect(key).toMatch(/^lik_/);
    return key;
  }

  it('keeps a new key shown when the list then fails to load after creating it', async () => {
    await signIn(page, running.service, ADMIN.email, ADMIN.password, '#/api-keys');
    await page.locator('#api-keys-view').waitFor();

    // The list read right after the key is created fails once: the key stays, and nothing
    // says it was not created (the admin would make another).
    const keys = `${running.service.baseUrl}/api-keys`;
    let created = false;
    let failed = false;
    await page.route(keys, (route) => {
      if (route.request().method() === 'POST') created = true;
      else if (created && !failed) return ((failed = true), route.abort('failed'));
      return route.continue();
    });
    const first = await createKey('Refresh fails');
    await page.locator('#notice').filter({ hasText: 'could not be refreshed' }).waitFor();
    expect(failed).toBe(true);
    expect(await page.locator('#new-key-value').textContent()).toBe(first);
    expect(await page.locator('#api-key-error').textContent()).toBe('');
    await page.unroute(keys);
  });

  it('wipes a shown key from the page when another view is shown and on signing out', async () => {
    const left = await createKey('Left behind');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Leads' })
      .click();
    await page.locator('#leads-view').waitFor();
    expect(await html()).not.toContain(left);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'API keys' })
      .click();
    await page.locator('#api-keys-view').waitFor();
    const signedOut = await createKey('Signed out');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#signin-view').waitFor();
    expect(await html()).not.toContain(signedOut);
  });

  it('exports the list as it is filtered to a CSV file', async () => {
    await signIn(page, running.service, ATTORNEY.email, ATTORNEY.password);
    await page.locator('#tab-all').waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('vega');
    await page.getByLabel('State', { exact: true }).selectOption('all');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('#leads-body tr').nth(1).waitFor();
    await page.locator('#leads-body tr', { hasText: 'Carl Otero' }).waitFor({ state: 'detached' });
    await expectNoSidewaysScroll('list with Export CSV');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^leads-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true); // spreadsheet apps then read it as UTF-8
    const [header, ...rows] = csv.slice(1).trim().split(/\r?\n/);
    const column = (name: string) => header.split(',').indexOf(name);
    const cells = rows.map((row) => row.split(','));
    expect(cells.map((c) => c[column('first_name')]).sort()).toEqual(['Ana', 'Bea']);

    // Another filter, another file: the reached-out tab holds Bea only.
    await page.locator('#tab-REACHED_OUT').click();
    await page.locator('#leads-body tr', { hasText: 'Ana Vega' }).waitFor({ state: 'detached' });
    const [second] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const lines = readFileSync(await second.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('bea.vega@example.com');
    expect(lines[1]).toContain('REACHED_OUT');
  });

  it('erases a lead only after its reference is typed, and then shows it erased', async () => {
    const admin = await running.service.token(ADMIN.email, ADMIN.password);
    const { reference } = await api<{ reference: string }>(
      running.service,
      admin,
      `/leads/${ids.Erin}`,
    );
    await signIn(page, running.service, ADMIN.email, ADMIN.password, `#/leads/${ids.Erin}`);
    await page.getByRole('heading', { name: 'Erin Gone' }).waitFor();
    await page.getByRole('button', { name: 'Erase personal data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase this lead’s personal data?' });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toMatch(/name, e-mail address, phone, their matter.*CV.*source.*e-mails/s);
    expect(text).toContain('Kept: an anonymous record');
    await expectNoSidewaysScroll('erase confirmation');
    await expectAccessible('erase confirmation');

    // A wrong reference is refused; nothing is erased.
    const typed = dialog.getByLabel(`Type the lead’s reference, ${reference}, to confirm`);
    await typed.fill('L-WRONG1');
    await dialog.getByRole('button', { name: 'Erase personal data' }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: `That is not this lead’s reference. Type ${reference} to erase it.` })
      .waitFor();
    expect(await dialog.isVisible()).toBe(true);
    await api(running.service, admin, `/leads/${ids.Erin}`);

    // The right one (in any case) erases it.
    await typed.fill(reference.toLowerCase());
    await typed.press('Enter');
    await page
      .locator('#notice')
      .filter({ hasText: `The personal data of lead ${reference} was erased.` })
      .waitFor();
    await page.getByRole('heading', { name: '[erased]' }).waitFor();
    const details = (await page.locator('#lead-details').textContent()) ?? '';
    expect(details).toContain(reference);
    expect(details).not.toContain('Erin');
    expect(await page.locator('#lead-erased').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Erase personal data' }).isVisible()).toBe(false);
    await api(running.service, admin, `/leads/${ids.Erin}`, { expect: 410 });
    await expectNoSidewaysScroll('erased lead');

    // From the list, the erased lead's page shows its reference; reloaded, it still says erased.
    await page.goto(url('#/leads?state=all'));
    await page.getByRole('link', { name: '[erased] [erased]' }).click();
    await page.getByRole('heading', { name: '[erased]' }).waitFor();
    expect(await page.locator('#lead-details').textContent()).toContain(reference);
    await page.reload();
    await page.getByRole('heading', { name: '[erased]' }).waitFor();
    expect(await page.locator('#lead-details').textContent()).toContain('Name[erased]');
  });

  it('shows an attorney neither the API keys nor the erase button', async () => {
    await signIn(page, running.service, ATTORNEY.email, ATTORNEY.password, `#/leads/${ids.Ana}`);
    await page.getByRole('heading', { name: 'Ana Vega' }).waitFor();
    expect(await page.getByRole('button', { name: 'Erase personal data' }).isVisible()).toBe(false);
    expect(await page.locator('#danger-zone').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'API keys' }).isVisible()).toBe(false);

    // Typed in by hand, the admin view falls back to the list, as the other admin views do.
    await page.goto(url('#/api-keys'));
    await page.locator('#leads-view').waitFor({ state: 'visible' });
    expect(await page.locator('#api-keys-view').isVisible()).toBe(false);
  });
});
