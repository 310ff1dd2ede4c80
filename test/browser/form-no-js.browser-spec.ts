import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { makePdf } from '../support/documents';
import { freePort, ServiceProcess } from '../support/service-process';
import { SmtpSink } from '../support/smtp-sink';
import { testEnv } from '../support/test-app';

jest.setTimeout(60_000);

const VIEWPORTS = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];
const REFERENCE = /^L-[0-9A-HJKMNP-TV-Z]{6}$/;

describe('The intake form in a real browser, with and without JavaScript', () => {
  let dir: string;
  const smtp = new SmtpSink();
  let service: ServiceProcess;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lead-intake-form-'));
    await smtp.start();
    const port = await freePort();
    service = await new ServiceProcess(port, {
      ...testEnv(dir, smtp),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      BRAND_NAME: 'Finch & Partners',
      FIRM_INTRO: 'We advise employees & executives on their contracts.',
      RESPONSE_TIME_TEXT: 'within one business day',
      PRIVACY_URL: 'https://finch.example/privacy',
      FIRM_CONTACT_EMAIL: 'intake@finch.example',
    }).start();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openForm(
    viewport: { width: number; height: number },
    javaScriptEnabled: boolean,
  ): Promise<{ context: BrowserContext; page: Page; urls: string[] }> {
    const context = await browser.newContext({ viewport, javaScriptEnabled });
    const page = await context.newPage();
    // Every URL the tab navigates to or requests, to prove no personal data ever lands in one.
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    page.on('framenavigated', (f) => urls.push(f.url()));
    await page.goto(service.baseUrl);
    return { context, page, urls };
  }

  const noHorizontalScroll = (page: Page) =>
    page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');

  async function fillPerson(page: Page, first: string, email: string): Promise<void> {
    await page.getByLabel('First name').fill(first);
    await page.getByLabel('Last name').fill('Finch');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Phone (optional)').fill('(202) 555-0123');
    await page.getByLabel('Tell us briefly about your matter').fill('My contract <b>ended</b>.');
  }

  for (const viewport of VIEWPORTS) {
    describe(`at ${viewport.width}×${viewport.height}`, () => {
      it('works without JavaScript: posts the form and shows the thank-you page', async () => {
        const { context, page, urls } = await openForm(viewport, false);
        try {
          expect(await page.locator('p.privacy a').getAttribute('href')).toBe(
            'https://finch.example/privacy',
          );
          expect(await page.textContent('.lead-in')).toContain('employees & executives');
          expect(await noHorizontalScroll(page)).toBe(true);
          const email = `jem.${viewport.name}@example.com`;
          await fillPerson(page, `Jem${viewport.name}`, email);
          await page.getByLabel('CV file (PDF, DOC or DOCX)').setInputFiles({
            name: 'jem-cv.pdf',
            mimeType: 'application/pdf',
            buffer: makePdf('Jem Finch'),
          });
          await Promise.all([
            page.waitForURL(`${service.baseUrl}/leads`),
            page.getByRole('button', { name: 'Send' }).click(),
          ]);
          await page.getByRole('heading', { name: 'Thank you' }).waitFor();
          const reference = (await page.locator('#thanks-reference').textContent()) ?? '';
          expect(reference).toMatch(REFERENCE);
          expect(await page.textContent('#thanks-response-time')).toContain(
            'within one business day',
          );
          expect(await page.locator('a[href="mailto:intake@finch.example"]').count()).toBe(1);
          expect(await page.textContent('#thanks-email')).toBe(email);
          expect(await noHorizontalScroll(page)).toBe(true);
          for (const url of urls) {
            expect(url).not.toContain('Jem');
            expect(url).not.toContain('jem.');
            expect(url).not.toContain('%40');
            expect(url).not.toContain('@');
          }
          expect(page.url()).toBe(`${service.baseUrl}/leads`);
        } finally {
          await context.close();
        }
      });

      it('without JavaScript, a link instead of a file is taken too', async () => {
        const { context, page } = await openForm(viewport, false);
        try {
          await fillPerson(page, `Link${viewport.name}`, `link.${viewport.name}@example.com`);
          // Plain CSS shows the link field once the radio is chosen (no script involved).
          await page.getByLabel('Give a link').check();
          await page.getByLabel('Link to your CV').fill('https://files.example.com/cv.pdf');
          await Promise.all([
            page.waitForURL(`${service.baseUrl}/leads`),
            page.getByRole('button', { name: 'Send' }).click(),
          ]);
          expect(await page.locator('#thanks-reference').textContent()).toMatch(REFERENCE);
        } finally {
          await context.close();
        }
      });

      it('with JavaScript: the thank-you view shows the reference and the response time', async () => {
        const { context, page, urls } = await openForm(viewport, true);
        try {
          expect(await noHorizontalScroll(page)).toBe(true);
          await fillPerson(page, `Scout${viewport.name}`, `scout.${viewport.name}@example.com`);
          await page.getByLabel('CV file (PDF, DOC or DOCX)').setInputFiles({
            name: 'scout-cv.pdf',
            mimeType: 'application/pdf',
            buffer: makePdf('Scout Finch'),
          });
          await page.getByRole('button', { name: 'Send' }).click();
          await page.getByRole('heading', { name: 'Thank you' }).waitFor();
          expect(await page.locator('#thanks-reference').textContent()).toMatch(REFERENCE);
          expect(await page.textContent('#thanks-response-time')).toContain(
            'within one business day',
          );
          expect(await noHorizontalScroll(page)).toBe(true);
          expect(page.url()).toBe(`${service.baseUrl}/`);
          expect(urls.filter((u) => u.includes('Scout') || u.includes('@'))).toEqual([]);
        } finally {
          await context.close();
        }
      });

      it('with JavaScript: switching between file and link clears the stale error', async () => {
        const { context, page } = await openForm(viewport, true);
        try {
          await fillPerson(page, 'Switch', 'switch@example.com');
          await page.getByRole('button', { name: 'Send' }).click();
          const error = page.locator('#resume-error');
          await error.filter({ hasText: 'Choose your CV file.' }).waitFor();
          expect(
            await page.getByLabel('CV file (PDF, DOC or DOCX)').getAttribute('aria-invalid'),
          ).toBe('true');
          await page.getByLabel('Give a link').check();
          expect(await error.textContent()).toBe('');
          expect(await page.getByLabel('Link to your CV').getAttribute('aria-invalid')).toBeNull();
          await page.getByRole('button', { name: 'Send' }).click();
          await error.filter({ hasText: 'Enter a link' }).waitFor();
          await page.getByLabel('Upload a file').check();
          expect(await error.textContent()).toBe('');
          expect(
            await page.getByLabel('CV file (PDF, DOC or DOCX)').getAttribute('aria-invalid'),
          ).toBeNull();
        } finally {
          await context.close();
        }
      });
    });
  }
});
