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

  /** Blank-rendering characters the API refuses in a tag, as a link would carry them. */
  const BLANKS = '\u2800\u3164\u115F\uFFA0\u034F\u180B\u180C\u180D\u180E\u180F';

  interface Case {
    how: string;
    javaScriptEnabled: boolean;
    tags: { utm_source: string; utm_medium: string; utm_campaign: string };
    referer: string;
    /** The source stored: what the API would refuse is dropped, not the submit. */
    source: Record<string, string | null>;
  }
  const TAGS = { utm_source: 'Newsletter', utm_medium: 'email', utm_campaign: 'spring' };
  const cases: Case[] = [true, false].flatMap((javaScriptEnabled) => {
    const js = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
    return [
      {
        how: js,
        javaScriptEnabled,
        tags: TAGS,
        referer: OUTSIDE,
        source: { ...TAGS, referrer: OUTSIDE },
      },
      {
        how: `${js}, from a link with blank characters`,
        javaScriptEnabled,
        tags: {
          utm_source: '\u2800',
          utm_medium: `e${BLANKS}mail`,
          utm_campaign: `spring${BLANKS}`,
        },
        referer: 'https://my_blog.example.com/',
        source: {
          utm_source: null,
          utm_medium: 'email',
          utm_campaign: 'spring',
          referrer: 'https://my_blog.example.com/',
        },
      },
      {
        how: `${js}, from a page whose address the API refuses`,
        javaScriptEnabled,
        tags: { ...TAGS, utm_campaign: `spring${BLANKS}` },
        referer: 'https://-blog-.example.com/',
        source: { ...TAGS, referrer: null },
      },
    ];
  });

  it.each(cases)('$how', async ({ how, javaScriptEnabled, tags, referer, source }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    try {
      const email = `source.${cases.findIndex((c) => c.how === how)}@example.com`;
      await page.goto(`${running.service.baseUrl}/?${new URLSearchParams(tags).toString()}`, {
        referer,
      });
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
      expect(lead.source).toEqual(source);
    } finally {
      await context.close();
    }
  });
});
