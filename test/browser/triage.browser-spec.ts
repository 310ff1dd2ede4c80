import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { formTokenOldEnough } from '../support/form-age';
import { freePort, ServiceProcess } from '../support/service-process';
import { SmtpSink } from '../support/smtp-sink';
import { ADMIN, testEnv, validLead } from '../support/test-app';

jest.setTimeout(60_000);

interface StaffLead {
  id: string;
  email: string;
  spam: boolean;
  spam_reasons: string[];
}

describe('Triage in the browser: the form’s honeypot, badges, the conflict register', () => {
  let dir: string;
  const smtp = new SmtpSink();
  let service: ServiceProcess;
  let browser: Browser;
  let page: Page;
  let admin: string;

  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${service.baseUrl}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${admin}`,
        'Content-Type': 'application/json',
        ...(init.headers as Record<string, string>),
      },
    });
    const body: unknown = await res.json().catch(() => null);
    return { status: res.status, body };
  };
  const submit = async (body: Record<string, unknown>) =>
    (await api('/leads', { method: 'POST', body: JSON.stringify(validLead(body)) })).body as {
      id: string;
    };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lead-intake-triage-browser-'));
    await smtp.start();
    const port = await freePort();
    service = await new ServiceProcess(port, {
      ...testEnv(dir, smtp),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    }).start();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    page = await (await browser.newContext({ viewport: { width: 1100, height: 760 } })).newPage();
    admin = await service.token(ADMIN.email, ADMIN.password);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(): Promise<void> {
    await page.goto(`${service.baseUrl}/admin#/leads`);
    // Still signed in from an earlier test (the session lives in this tab): nothing to do.
    await page.locator('#signin-view:not([hidden]), #leads-view:not([hidden])').first().waitFor();
    if (await page.locator('#leads-view').isVisible()) return;
    const form = page.locator('#signin-form');
    await form.getByLabel('Email').fill(ADMIN.email);
    await form.getByLabel('Password').fill(ADMIN.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Leads' }).waitFor();
  }

  it('keeps the honeypot out of reach, and a person’s submit through the page is not spam', async () => {
    await page.goto(service.baseUrl);
    const honeypot = page.locator('#website');
    expect(await honeypot.getAttribute('tabindex')).toBe('-1');
    expect(await honeypot.getAttribute('autocomplete')).toBe('off');
    expect(await page.locator('.hp-field').getAttribute('aria-hidden')).toBe('true');
    // Out of the accessibility tree: no role query finds it; and not display:none (bots skip those).
    expect(await page.getByRole('textbox', { name: 'Website' }).count()).toBe(0);
    expect(
      await page.evaluate<string>("getComputedStyle(document.getElementById('website')).display"),
    ).not.toBe('none');
    // Tab from the last name goes on to the e-mail, never into the honeypot.
    await page.getByLabel('Last name').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('email');

    const email = `person.${Date.now()}@example.com`;
    await page.getByLabel('First name').fill('Real');
    await page.getByLabel('Last name').fill('Person');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Other party in your matter (optional)').fill('Globex Corporation');
    await page.getByLabel('Give a link').check();
    await page.getByLabel('Link to your CV').fill('https://files.example.com/cv.pdf');
    await formTokenOldEnough(page);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();

    const found = (await api(`/leads?q=${encodeURIComponent(email)}`)).body as StaffLead[];
    expect(found.map((l) => [l.email, l.spam])).toEqual([[email, false]]);
  });

  it('takes a form sent at once, with the honeypot filled, for spam', async () => {
    await page.goto(service.baseUrl);
    const email = `bot.${Date.now()}@example.com`;
    await page.locator('#website').fill('http://cheap.example', { force: true });
    await page.getByLabel('First name').fill('Bot');
    await page.getByLabel('Last name').fill('Script');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Give a link').check();
    await page.getByLabel('Link to your CV').fill('https://files.example.com/cv.pdf');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    const found = (await api(`/leads?spam=true&q=${encodeURIComponent(email)}`))
      .body as StaffLead[];
    expect(found[0]?.spam_reasons).toEqual(expect.arrayContaining(['honeypot']));
  });

  it('shows spam, returning and conflict badges, filters by them, and the lead’s triage', async () => {
    await api('/conflict-parties', {
      method: 'POST',
      body: JSON.stringify({ name: 'Vandelay Industries', kind: 'client' }),
    });
    const first = await submit({
      first_name: 'Twice',
      last_name: 'Seen',
      email: 'twice@example.com',
    });
    const again = await submit({
      first_name: 'Twice',
      last_name: 'Seen',
      email: 'Twice@example.com',
    });
    const conflict = await submit({
      first_name: 'Art',
      last_name: 'Vandelay',
      opposing_party: 'Vandelay Industries',
    });
    const spam = await submit({ first_name: 'Spammy', last_name: 'Bot', website: 'x' });

    await signIn();
    const row = (id: string) => page.locator(`tr[data-lead-id="${id}"]`);
    await row(again.id).waitFor();
    expect(await row(again.id).locator('.badge').allTextContents()).toEqual(['Returning']);
    expect(await row(first.id).locator('.badge').count()).toBe(0);
    expect(await row(conflict.id).locator('.badge').allTextContents()).toEqual([
      'Possible conflict',
    ]);
    expect(await row(spam.id).count()).toBe(0);

    await page.getByLabel('Spam').selectOption('true');
    await page.getByRole('button', { name: 'Apply' }).click();
    await row(spam.id).waitFor();
    expect(await row(spam.id).locator('.badge').allTextContents()).toEqual(['Spam']);
    await page.getByLabel('Spam').selectOption('');
    await page.getByLabel('Conflict').selectOption('possible');
    await page.getByRole('button', { name: 'Apply' }).click();
    await row(conflict.id).waitFor();
    expect(await page.locator('#leads-body tr[data-lead-id]').count()).toBe(1);
    // The filter is in the URL (reload, bookmark) and the tabs count what it lets through.
    expect(new URL(page.url()).hash).toContain('conflict=possible');
    await page.locator('#tab-PENDING', { hasText: 'New (1)' }).waitFor();
    await page.reload();
    await row(conflict.id).waitFor();
    expect(await page.getByLabel('Conflict').inputValue()).toBe('possible');
    expect(await page.locator('#leads-body tr[data-lead-id]').count()).toBe(1);
    await page.getByLabel('Conflict').selectOption('');

    // The follow-up filters: nothing is assigned to an admin, and nothing is overdue yet.
    await page.getByLabel('Assigned to').selectOption('me');
    await page.getByLabel('Overdue only').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('#page-info', { hasText: '0–0 of 0' }).waitFor();
    expect(new URL(page.url()).hash).toMatch(
      /assigned_to=me.*overdue=true|overdue=true.*assigned_to=me/,
    );
    await page.getByLabel('Assigned to').selectOption('');
    await page.getByLabel('Overdue only').uncheck();
    await page.getByRole('button', { name: 'Apply' }).click();
    await row(first.id).waitFor();

    await page.goto(`${service.baseUrl}/admin#/leads/${conflict.id}`);
    const warning = page.locator('#lead-triage [role="alert"]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Possible conflict of interest');
    expect(await page.locator('#lead-triage').textContent()).toContain('Vandelay Industries');

    await page.goto(`${service.baseUrl}/admin#/leads/${again.id}`);
    await page.getByRole('heading', { name: 'Twice Seen' }).waitFor();
    await page
      .locator('#lead-triage')
      .getByRole('link', { name: /Twice Seen/ })
      .first()
      .waitFor();

    await page.goto(`${service.baseUrl}/admin#/leads/${spam.id}`);
    await page.locator('#lead-triage', { hasText: 'Spam: honeypot' }).waitFor();
    await page.getByRole('button', { name: 'Not spam' }).click();
    await page.getByText('Released from spam').waitFor();
    expect(((await api(`/leads/${spam.id}`)).body as StaffLead).spam).toBe(false);
  });

  it('lets an admin keep the conflict register', async () => {
    await signIn();
    await page.getByRole('link', { name: 'Conflict register' }).click();
    await page.getByRole('heading', { name: 'Conflict register' }).waitFor();
    const form = page.locator('#register-form');
    await form.getByLabel('Name').fill('Initech Holdings');
    await form.getByLabel('Kind').selectOption('adverse');
    await form.getByLabel('Note').fill('Opposing counsel: Bob Slydell');
    await form.getByRole('button', { name: 'Add to register' }).click();
    const entry = page.locator('#register-body tr', { hasText: 'Initech Holdings' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('adverse');
    page.once('dialog', (dialog) => void dialog.accept());
    await entry.getByRole('button', { name: 'Remove Initech Holdings' }).click();
    await entry.waitFor({ state: 'detached' });
  });
});
