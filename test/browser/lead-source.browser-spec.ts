import type { Browser } from 'playwright-core';
import { api, launchChromium, startBrowserService, type BrowserService } from '../support/browser';
import { ADMIN } from '../support/test-app';

jest.setTimeout(60_000);

/** A page elsewhere that links to the form, so the browser sends a Referer. */
const OUTSIDE = 'https://search.example/results?q=employment+lawyer';

describe('The intake form sends its source (campaign tags and referrer)', () => {
  let running: BrowserService;
  let browser: Browser;

  beforeAll(async () => {
    running = await startBrowserService();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ])('%s', async (_how, javaScriptEnabled) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    try {
      const email = `source.${javaScriptEnabled ? 'js' : 'nojs'}@example.com`;
      await page.goto(
        `${running.service.baseUrl}/?utm_source=Newsletter&utm_medium=email&utm_campaign=spring`,
        { referer: OUTSIDE },
      );
      await page.getByLabel('First name').fill('Scout');
      await page.getByLabel('Last name').fill('Finch');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Give a link').check();
      await page.getByLabel('Link to your CV').fill('https://files.example.com/cv/scout.pdf');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('heading', { name: 'Thank you' }).waitFor();

      const admin = await running.service.token(ADMIN.email, ADMIN.password);
      // Sent within 3 s of the page's token, it may be filed as spam: look in both lists.
      const found: { source: unknown }[] = [];
      for (const spam of [false, true]) {
        const q = `/leads?q=${encodeURIComponent(email)}&spam=${spam}`;
        found.push(...(await api<{ source: unknown }[]>(running.service, admin, q)));
      }
      expect(found).toHaveLength(1);
      const [lead] = found;
      expect(lead.source).toEqual({
        utm_source: 'Newsletter',
        utm_medium: 'email',
        utm_campaign: 'spring',
        referrer: OUTSIDE,
      });
    } finally {
      await context.close();
    }
  });
});
