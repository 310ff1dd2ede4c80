import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import {
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
import { waitFor } from '../support/wait-for';
import { verifiedBy, WebhookReceiver } from '../support/webhook-receiver';

jest.setTimeout(60_000);

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

describe.each([
  ['laptop', LAPTOP],
  ['phone', PHONE],
])('Webhooks on the staff page on a %s', (_screen, viewport) => {
  let running: BrowserService;
  let receiver: WebhookReceiver;
  let browser: Browser;
  let page: Page;
  // Long and unbroken, so a phone must wrap it rather than scroll.
  let url: string;
  let secret: string;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    url = `${receiver.url}/hooks/${'practice-management-integration-'.repeat(3)}leads`;
    running = await startBrowserService({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    browser = await launchChromium();
    page = await newPage(browser, { viewport });
    await createUser(running.service, ATTORNEY);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    await receiver?.stop();
  });

  const noOverflow = async (view: string) =>
    expect({ view, overflow: await horizontalOverflow(page) }).toEqual({ view, overflow: 0 });
  /** axe-core in the page: no serious or critical accessibility violation. */
  async function expectAccessible(what: string): Promise<void> {
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate<string[]>(`
      axe.run().then((result) => result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))
    `);
    expect({ page: what, violations }).toEqual({ page: what, violations: [] });
  }
  const row = () => page.locator('#webhooks-body tr').filter({ hasText: url });
  const notice = () => page.locator('#notice');

  it('adds an endpoint and shows its secret once', async () => {
    await signIn(page, running.service, ADMIN.email, ADMIN.password);
    await page.locator('#leads-view').waitFor();
    await page.locator('#nav-webhooks').click();
    await page.locator('#webhooks-view').waitFor();
    await page.getByText('No webhooks yet.').waitFor();
    await noOverflow('webhooks, empty');

    const form = page.locator('#webhook-form');
    await form.getByLabel('URL (https://)').fill(url);
    await form.getByLabel('Reassigned (lead.assigned)').uncheck();
    await form.getByLabel('Description (optional)').fill('Practice management');
    await form.getByRole('button', { name: 'Add webhook' }).click();

    const box = page.locator('#webhook-secret-box');
    await box.waitFor();
    secret = (await page.locator('#webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    await expect(box.textContent()).resolves.toMatch(/shown only this once/);
    await row().waitFor();
    expect(await row().textContent()).toContain('New lead, State changed');
    expect(await row().textContent()).not.toContain('Reassigned');
    expect(await page.locator('#webhooks-body').textContent()).not.toContain(secret);
    await noOverflow('webhooks, secret shown');
    await expectAccessible('webhooks, secret shown');

    await page.getByRole('button', { name: 'Done, hide it' }).click();
    await box.waitFor({ state: 'hidden' });
    expect(await page.content()).not.toContain(secret);
  });

  it('shows a submitted lead’s delivery in the endpoint’s log', async () => {
    const leadId = await submitLead(running.service, {
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: `ada.${Date.now()}@example.com`,
    });
    await waitFor(() => receiver.of('lead.created', leadId).length > 0, {
      what: 'the lead.created delivery',
    });
    expect(verifiedBy(receiver.of('lead.created', leadId)[0], secret)).toBe(1);

    await row()
      .getByRole('link', { name: `Delivery log of ${url}` })
      .click();
    const log = page.locator('#webhook-log');
    await log.waitFor();
    const delivered = page.locator('#webhook-log-body tr').filter({ hasText: 'Delivered' });
    await waitFor(
      async () => {
        if ((await delivered.count()) > 0) return true;
        await page.getByRole('button', { name: 'Refresh the log' }).click();
        return false;
      },
      { what: 'the delivery in the log', timeoutMs: 10_000, intervalMs: 200 },
    );
    expect(await delivered.first().textContent()).toContain('lead.created');
    expect(await delivered.first().locator('td[data-label="Response"]').textContent()).toBe('204');
    expect(page.url()).toMatch(/#\/webhooks\/[0-9a-f-]{36}$/);
    await noOverflow('delivery log');
    await expectAccessible('delivery log');
  });

  it('rotates the secret: the new one shown once, deliveries signed with both', async () => {
    await row()
      .getByRole('button', { name: `Rotate secret of ${url}` })
      .click();
    const box = page.locator('#webhook-secret-box');
    await box.waitFor();
    const fresh = (await page.locator('#webhook-secret').textContent()) ?? '';
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(secret);
    await expect(notice().textContent()).resolves.toMatch(/old one too until/);

    const leadId = await submitLead(running.service, {
      first_name: 'Grace',
      last_name: 'Hopper',
      email: `grace.${Date.now()}@example.com`,
    });
    await waitFor(() => receiver.of('lead.created', leadId).length > 0, {
      what: 'the delivery after rotation',
    });
    const [delivery] = receiver.of('lead.created', leadId);
    expect([verifiedBy(delivery, fresh), verifiedBy(delivery, secret)]).toEqual([1, 1]);
    await noOverflow('rotated');
  });

  it('deletes an endpoint after confirming, and attorneys do not see the view', async () => {
    const dialog = page.locator('#confirm-webhook-delete');
    await row()
      .getByRole('button', { name: `Delete ${url}` })
      .click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(row().count()).resolves.toBe(1);

    await row()
      .getByRole('button', { name: `Delete ${url}` })
      .click();
    await dialog.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText('No webhooks yet.').waitFor();
    await expect(notice().textContent()).resolves.toContain('deleted');
    await page.locator('#webhook-log').waitFor({ state: 'hidden' });
    await noOverflow('deleted');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, running.service, ATTORNEY.email, ATTORNEY.password, '#/webhooks');
    await page.locator('#leads-view').waitFor();
    expect(await page.locator('#nav-webhooks').isHidden()).toBe(true);
    expect(await page.locator('#webhooks-view').isHidden()).toBe(true);
  });

  it('keeps a new secret shown when the list then fails to load after adding the endpoint', async () => {
    const box = page.locator('#webhook-secret-box');
    const other = `${receiver.url}/hooks/refresh-fails`;
    await signIn(page, running.service, ADMIN.email, ADMIN.password, '#/webhooks');
    await page.getByText('No webhooks yet.').waitFor();
    // The POST that adds the endpoint goes through; the list read right after it fails once.
    let added = false;
    let failed = false;
    await page.route(`${running.service.baseUrl}/webhooks`, (route) => {
      if (route.request().method() === 'POST') added = true;
      else if (added && !failed) return ((failed = true), route.abort('failed'));
      return route.continue();
    });
    const form = page.locator('#webhook-form');
    await form.getByLabel('URL (https://)').fill(other);
    await form.getByRole('button', { name: 'Add webhook' }).click();
    await notice()
      .filter({ hasText: /could not be refreshed/ })
      .waitFor();
    expect(failed).toBe(true);
    const created = (await page.locator('#webhook-secret').textContent()) ?? '';
    expect(created).toMatch(/^whsec_[\w-]{43}$/);
    expect(await box.isVisible()).toBe(true);
    expect(await page.locator('#webhook-error').textContent()).toBe('');
    expect(await notice().textContent()).toMatch(/^Webhook added\./);
    await page.unroute(`${running.service.baseUrl}/webhooks`);
  });

  it('wipes a shown secret from the page when another view is shown and on signing out', async () => {
    const html = () => page.evaluate<string>('document.body.innerHTML');
    const box = page.locator('#webhook-secret-box');
    const other = `${receiver.url}/hooks/refresh-fails`;
    const created = (await page.locator('#webhook-secret').textContent()) ?? '';
    expect(created).toMatch(/^whsec_/); // still on show from the test before
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Leads' })
      .click();
    await page.locator('#leads-view').waitFor();
    expect(await html()).not.toContain(created);

    await page.locator('#nav-webhooks').click();
    const endpoint = page.locator('#webhooks-body tr').filter({ hasText: other });
    await endpoint.getByRole('button', { name: `Rotate secret of ${other}` }).click();
    await box.waitFor();
    const rotated = (await page.locator('#webhook-secret').textContent()) ?? '';
    expect(rotated).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#signin-view').waitFor();
    expect(await html()).not.toContain(rotated);
  });
});
