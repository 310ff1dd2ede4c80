import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sqlite3 from 'sqlite3';
import {
  api,
  ATTORNEY,
  createUser,
  horizontalOverflow,
  LAPTOP,
  launchChromium,
  newPage,
  PHONE,
  setReceivedAt,
  signIn,
  startBrowserService,
  type BrowserService,
} from '../support/browser';
import { ADMIN } from '../support/test-app';

jest.setTimeout(60_000);

/** Screenshots for people to look at (git-ignored), and the README's (UPDATE_SCREENSHOTS=1). */
const ARTIFACTS = join(__dirname, '..', 'artifacts');
const README_SHOTS = join(__dirname, 'screenshots');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const RANGE = '#/reports?from=2026-01-05&to=2026-01-18';
const CHARTS = ['weekly-chart', 'contact-chart', 'conversion-chart'];

/** Sets when a lead was first contacted, straight in the service's SQLite file. */
async function setReachedOutAt(running: BrowserService, id: string, at: string): Promise<void> {
  const db = new sqlite3.Database(join(running.dir, 'leads.sqlite'));
  try {
    const stored = new Date(at).toISOString().replace('T', ' ').replace('Z', '');
    await new Promise<void>((resolve, reject) =>
      db.run('UPDATE leads SET reached_out_at = ? WHERE id = ?', [stored, id], (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  } finally {
    await new Promise((resolve) => db.close(resolve));
  }
}

interface DrawnChart {
  id: string;
  type?: string;
  datasets?: [string, number[]][];
  painted: boolean;
  width: number;
  label: string;
}

/**
 * What the page drew: each canvas's Chart.js instance (`Chart.getChart`), its datasets, whether
 * it has pixels, its width and its accessible name. In the page (a string: no DOM types here).
 */
function drawnCharts(page: Page): Promise<DrawnChart[]> {
  return page.evaluate<DrawnChart[]>(`${JSON.stringify(CHARTS)}.map((id) => {
    const canvas = document.getElementById(id);
    const chart = window.Chart && window.Chart.getChart(canvas);
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted += 1;
    return {
      id,
      type: chart && chart.config.type,
      datasets: chart && chart.data.datasets.map((d) => [d.label, d.data]),
      painted: painted > 100,
      width: canvas.getBoundingClientRect().width,
      label: canvas.getAttribute('aria-label') || '',
    };
  })`);
}

describe.each([
  ['laptop', LAPTOP],
  ['phone', PHONE],
])('Reports view on a %s', (screen, viewport) => {
  let running: BrowserService;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    running = await startBrowserService();
    browser = await launchChromium();
    // No bypassCSP here (unlike newPage): the charts must work under the service's own CSP.
    page = await (await browser.newContext({ viewport })).newPage();
    // A CSP refusal (of the charting library, or of an inline style it sets) or a script error;
    // not the sign-in's expected 400s and the absent favicon.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        problems.push(m.text());
      }
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await createUser(running.service, ATTORNEY);
    const admin = await running.service.token(ADMIN.email, ADMIN.password);
    // Ana (Google) retained 30 min after arriving; Bea (Avvo) reached after 2 h, then declined;
    // Cruz (direct) still pending. All three are the one attorney's.
    const leads = [
      ['Ana', { utm_source: 'google' }, '2026-01-05T10:00:00Z', 30, ['REACHED_OUT', 'RETAINED']],
      [
        'Bea',
        { referrer: 'https://www.avvo.com/x' },
        '2026-01-06T10:00:00Z',
        120,
        ['REACHED_OUT', 'DECLINED'],
      ],
      ['Cruz', undefined, '2026-01-13T10:00:00Z', null, []],
    ] as const;
    for (const [first, source, at, contactMin, moves] of leads) {
      const res = await fetch(`${running.service.baseUrl}/leads`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          first_name: first,
          last_name: 'Report',
          email: `${first.toLowerCase()}.report@example.com`,
          resume: 'https://files.example.com/cv.pdf',
          source,
        }),
      });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      for (const state of moves) {
        await api(running.service, admin, `/leads/${id}`, { method: 'PUT', body: { state } });
      }
      await setReceivedAt(running, id, at);
      if (contactMin !== null) {
        await setReachedOutAt(
          running,
          id,
          new Date(Date.parse(at) + contactMin * 60_000).toISOString(),
        );
      }
    }
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('draws the charts and the per-attorney table for the period in the address', async () => {
    await signIn(page, running.service, ATTORNEY.email, ATTORNEY.password, RANGE);
    await page.locator('#reports-view').waitFor({ state: 'visible' });
    await page.locator('main[aria-busy="false"]').waitFor({ state: 'attached' });

    const charts = await drawnCharts(page);
    expect(charts.map((c) => [c.id, c.type, c.painted])).toEqual(
      CHARTS.map((id) => [id, 'bar', true]),
    );
    const [weekly, contact, conversion] = charts;
    expect(weekly.datasets).toEqual([
      ['avvo.com', [1, 0]],
      ['direct', [0, 1]],
      ['google', [1, 0]],
    ]);
    expect(weekly.label).toContain('week of 2026-01-05: 2 (avvo.com 1, google 1)');
    // Median of 30 and 120 minutes; the 90th percentile 30 + 0.9 × 90.
    expect(contact.datasets).toEqual([['Minutes from receipt to first contact', [75, 111]]]);
    expect(contact.label).toBe(
      'Time to first contact: median 1 h 15 min, 90th percentile 1 h 51 min.',
    );
    expect(conversion.datasets).toEqual([['Retained ÷ decided (%)', [0, 100]]]);
    expect(conversion.label).toContain('google 100 % (1 retained of 1)');
    expect(await page.locator('#conversion-caption').textContent()).toBe(conversion.label);
    for (const chart of charts) expect(chart.width).toBeLessThanOrEqual(viewport.width);

    const row = page.locator('#attorney-body tr');
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').allTextContents()).toEqual([
      ATTORNEY.name,
      '3',
      '2',
      '1',
      '1 h 15 min',
      '0',
    ]);
    const figures = await page.locator('#report-figures dd').allTextContents();
    expect(figures.slice(0, 6)).toEqual(['3', '1', '0', '1', '1', '50 %']);
    expect(await page.locator('#report-from').inputValue()).toBe('2026-01-05');
    expect(await page.locator('#report-to').inputValue()).toBe('2026-01-18');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, `reports-${screen}.png`), fullPage: true });
    if (screen === 'laptop' && process.env.UPDATE_SCREENSHOTS) {
      mkdirSync(README_SHOTS, { recursive: true });
      await page.screenshot({ path: join(README_SHOTS, 'admin-reports.png'), fullPage: true });
    }
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    // axe-core is injected, which the CSP would refuse: a page that bypasses it, for this only.
    const checked = await newPage(browser, { viewport });
    try {
      await signIn(checked, running.service, ATTORNEY.email, ATTORNEY.password, RANGE);
      await checked.locator('#reports-view').waitFor({ state: 'visible' });
      await checked.locator('main[aria-busy="false"]').waitFor({ state: 'attached' });
      await checked.addScriptTag({ content: AXE });
      const violations = await checked.evaluate<string[]>(`
        axe.run().then((result) => result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))
      `);
      expect(violations).toEqual([]);
    } finally {
      await checked.context().close();
    }
  });

  it('keeps a new period in the address and redraws', async () => {
    await page.locator('#report-from').fill('2026-01-12');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/#\/reports\?from=2026-01-12&to=2026-01-18$/);
    await page.locator('#report-figures dd').first().filter({ hasText: /^1$/ }).waitFor();
    await page.locator('main[aria-busy="false"]').waitFor({ state: 'attached' });
    const [weekly] = await drawnCharts(page);
    expect(weekly.datasets).toEqual([['direct', [1]]]);
    expect(await page.locator('#attorney-body td').nth(1).textContent()).toBe('1');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(problems).toEqual([]);
  });
});
