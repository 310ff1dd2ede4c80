import type { Browser, Page, Route } from 'playwright-core';
import {
  api,
  ATTORNEY,
  createUser,
  fillSignIn,
  horizontalOverflow,
  LAPTOP,
  launchChromium,
  newPage,
  PHONE,
  setReceivedAt,
  signIn,
  startBrowserService,
  submitLead,
  type BrowserService,
} from '../support/browser';
import { ADMIN } from '../support/test-app';
import { waitFor } from '../support/wait-for';

jest.setTimeout(60_000);

/** A lead built to overflow a phone: one long unbroken name, e-mail address and CV link. */
const LONG_LEAD = {
  first_name: 'Maximiliana-Alessandrina',
  last_name: 'Konstantinopolitanischeweltenbummlerin',
  email: 'maximiliana.alessandrina.konstantinopolitanische@very-long-domain-name.example.com',
  resume: `https://files.example.com/${'cv-folder-'.repeat(20)}maximiliana-curriculum.pdf`,
};

describe.each([
  ['laptop', LAPTOP],
  ['phone', PHONE],
])('Staff pages on a %s', (_screen, viewport) => {
  let running: BrowserService;
  let browser: Browser;
  let page: Page;
  let longLeadId: string;
  const ids: Record<string, string> = {};
  const COLLEAGUE = { email: 'jean@firm.test', name: 'Jean Louise', password: 'maycomb-county-1' };

  beforeAll(async () => {
    running = await startBrowserService();
    browser = await launchChromium();
    page = await newPage(browser, { viewport });
    await createUser(running.service, ATTORNEY);
    const res = await fetch(`${running.service.baseUrl}/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(LONG_LEAD),
    });
    expect(res.status).toBe(201);
    longLeadId = ((await res.json()) as { id: string }).id;
    await createUser(running.service, COLLEAGUE);
    // Received on chosen days; Bea has been reached out to by the administrator.
    for (const [first, at] of [
      ['Ana', '2026-01-10T10:00:00Z'],
      ['Bea', '2026-02-10T10:00:00Z'],
      ['Cruz', '2026-03-10T10:00:00Z'],
    ]) {
      ids[first] = await submitLead(running.service, {
        first_name: first,
        last_name: 'Vega',
        email: `${first.toLowerCase()}.vega@example.com`,
      });
      await setReceivedAt(running, ids[first], at);
    }
    const admin = await running.service.token(ADMIN.email, ADMIN.password);
    await api(running.service, admin, `/leads/${ids.Bea}`, {
      method: 'PUT',
      body: { state: 'REACHED_OUT' },
    });
    ids.Maria = await submitLead(running.service, {
      first_name: 'María',
      last_name: 'García López',
      email: 'mgl@example.com',
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  const url = (hash = '') => `${running.service.baseUrl}/admin${hash}`;

  /** The header names nobody and offers no sign-out. */
  async function expectSignedOutHeader(): Promise<void> {
    await page.locator('#signin-view').waitFor({ state: 'visible' });
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(false);
    expect(await page.locator('#whoami').isVisible()).toBe(false);
    expect(await page.locator('#whoami').textContent()).toBe('');
  }

  it('shows no user and no sign-out on a signed-out page, also after signing out', async () => {
    await page.context().clearCookies();
    await page.goto(url());
    await expectSignedOutHeader();

    await signIn(page, running.service, ATTORNEY.email, ATTORNEY.password);
    await page.locator('#whoami').filter({ hasText: ATTORNEY.name }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#notice').filter({ hasText: 'You have signed out.' }).waitFor();
    await expectSignedOutHeader();
  });

  it('stays signed out when requests still in flight are refused after signing out', async () => {
    // The list's counts are held until the attorney has signed out; the server then refuses them.
    const held: Route[] = [];
    await page.route(/\/leads\?.*limit=1(&|$)/, (route) => void held.push(route));
    try {
      await signIn(page, running.service, ATTORNEY.email, ATTORNEY.password);
      await waitFor(() => held.length > 0, { what: 'a count request held' });
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.locator('#notice').filter({ hasText: 'You have signed out.' }).waitFor();
      const answered = held.splice(0).map(async (route) => {
        await route.continue();
        return (await route.request().response())?.status();
      });
      expect(new Set(await Promise.all(answered))).toEqual(new Set([401]));
    } finally {
      await page.unrouteAll({ behavior: 'ignoreErrors' });
    }
    await page.locator('main[aria-busy="false"]').waitFor({ state: 'attached' });
    expect(await page.locator('#notice').textContent()).toBe('You have signed out.');
    await expectSignedOutHeader();
    expect(await page.evaluate('Object.keys(sessionStorage)')).toEqual([]);
  });

  it('scrolls no staff view sideways', async () => {
    await page.context().clearCookies();
    await page.goto(url());
    await page.locator('#signin-view').waitFor({ state: 'visible' });
    expect({ view: 'sign-in', overflow: await horizontalOverflow(page) }).toEqual({
      view: 'sign-in',
      overflow: 0,
    });

    await signIn(page, running.service, ADMIN.email, ADMIN.password);
    await page.getByRole('link', { name: /Konstantinopolitanische/ }).waitFor();
    expect({ view: 'list', overflow: await horizontalOverflow(page) }).toEqual({
      view: 'list',
      overflow: 0,
    });

    await page.goto(url(`#/leads/${longLeadId}`));
    await page.locator('#lead-view').waitFor({ state: 'visible' });
    await page.locator('#lead-notifications tr').first().waitFor();
    expect({ view: 'lead', overflow: await horizontalOverflow(page) }).toEqual({
      view: 'lead',
      overflow: 0,
    });

    await page.goto(url('#/users'));
    await page.locator('#users-view').waitFor({ state: 'visible' });
    await page.locator('#users-body tr').first().waitFor();
    expect({ view: 'users', overflow: await horizontalOverflow(page) }).toEqual({
      view: 'users',
      overflow: 0,
    });
  });

  const rowNames = () => page.locator('#leads-body tr td:first-child').allTextContents();
  /** Waits until the list starts with `names` (`exactly`: shows only them); it loads asynchronously. */
  async function expectRows(names: string[], { exactly = true } = {}): Promise<void> {
    const shown = async () => {
      const rows = await rowNames();
      return exactly ? rows : rows.slice(0, names.length);
    };
    await waitFor(async () => JSON.stringify(await shown()) === JSON.stringify(names), {
      timeoutMs: 10_000,
      what: `rows ${names.join(', ')}`,
    }).catch(async () => expect(await shown()).toEqual(names));
  }
  const hash = () => page.evaluate<string>('location.hash');

  it('opens on the New view: pending leads only, highlighted, with counts per state', async () => {
    await signIn(page, running.service, ATTORNEY.email, ATTORNEY.password);
    await page.locator('#tab-all').filter({ hasText: 'All (5)' }).waitFor();
    // The counts arrive one request each, after the rows: wait for each, with the page's deadline.
    await page
      .locator('#tab-PENDING')
      .filter({ hasText: /^New \(4\)$/ })
      .waitFor();
    await page
      .locator('#tab-REACHED_OUT')
      .filter({ hasText: /^Reached out \(1\)$/ })
      .waitFor();
    expect(await page.locator('#tab-PENDING').getAttribute('aria-current')).toBe('page');
    await expectRows([
      'María García López',
      `${LONG_LEAD.first_name} ${LONG_LEAD.last_name}`,
      'Cruz Vega',
      'Ana Vega',
    ]);
    expect(await page.locator('#leads-body tr.pending').count()).toBe(4);
    expect(
      await page.getByRole('link', { name: 'ana.vega@example.com' }).getAttribute('href'),
    ).toBe('mailto:ana.vega@example.com');

    await page.locator('#tab-all').click();
    await expectRows([
      'María García López',
      `${LONG_LEAD.first_name} ${LONG_LEAD.last_name}`,
      'Cruz Vega',
      'Bea Vega',
      'Ana Vega',
    ]);
    expect(await hash()).toBe('#/leads?state=all');
    expect(await page.locator('#leads-body tr.pending').count()).toBe(4);
    expect(await page.locator('#leads-body tr:not(.pending)').textContent()).toContain('Bea Vega');
  });

  it('filters by received date and sorts, keeping both in the URL for reload and back', async () => {
    await signIn(page, running.service, ATTORNEY.email, ATTORNEY.password, '#/leads?state=all');
    await page.locator('#tab-all').filter({ hasText: 'All (5)' }).waitFor();
    await page.getByLabel('Received from').fill('2026-02-01');
    await page.getByLabel('Received to').fill('2026-03-10');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectRows(['Cruz Vega', 'Bea Vega']);
    expect(await hash()).toBe('#/leads?state=all&from=2026-02-01&to=2026-03-10');
    await page
      .locator('#tab-PENDING')
      .filter({ hasText: /^New \(1\)$/ })
      .waitFor();

    await page.getByLabel('Order').selectOption('created_at');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectRows(['Bea Vega', 'Cruz Vega']);
    expect(await hash()).toBe('#/leads?state=all&from=2026-02-01&to=2026-03-10&sort=created_at');

    await page.reload();
    await expectRows(['Bea Vega', 'Cruz Vega']);
    expect(await page.getByLabel('Received from').inputValue()).toBe('2026-02-01');
    expect(await page.getByLabel('Order').inputValue()).toBe('created_at');

    await page.goBack();
    await expectRows(['Cruz Vega', 'Bea Vega']);
    expect(await page.getByLabel('Order').inputValue()).toBe('-created_at');
  });

  it('finds a lead by full name, without accents, and by its reference', async () => {
    const admin = await running.service.token(ADMIN.email, ADMIN.password);
    const { reference } = await api<{ reference: string }>(
      running.service,
      admin,
      `/leads/${ids.Maria}`,
    );
    await signIn(page, running.service, ATTORNEY.email, ATTORNEY.password);
    await page.locator('#tab-all').waitFor();
    for (const q of ['maria garcia', 'lopez', 'GARCIA MARÍA', reference, reference.toLowerCase()]) {
      await page.getByRole('searchbox', { name: 'Search' }).fill(q);
      await page.getByRole('button', { name: 'Apply' }).click();
      await expectRows(['María García López']);
    }
  });

  it('shows "N new leads" without a reload, and the new leads on request', async () => {
    await signIn(page, running.service, ATTORNEY.email, ATTORNEY.password, '?poll-ms=200#/leads');
    await page.locator('#new-leads[data-since]').waitFor({ state: 'attached' });
    expect(await page.locator('#new-leads').isHidden()).toBe(true);
    await submitLead(running.service, {
      first_name: 'Nina',
      last_name: 'Newcomer',
      email: 'nina@example.com',
    });
    await submitLead(running.service, {
      first_name: 'Noel',
      last_name: 'Newcomer',
      email: 'noel@example.com',
    });
    await page
      .locator('#new-leads')
      .filter({ hasText: '2 new leads — show' })
      .waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: '2 new leads — show' }).click();
    await expectRows(['Noel Newcomer', 'Nina Newcomer'], { exactly: false });
    expect(await page.locator('#new-leads').isHidden()).toBe(true);
  });

  it('asks before marking reached out, and names a colleague who got there first', async () => {
    await signIn(page, running.service, ATTORNEY.email, ATTORNEY.password, `#/leads/${ids.Ana}`);
    await page.getByRole('heading', { name: 'Ana Vega' }).waitFor();
    await page.getByRole('button', { name: 'Mark reached out' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark this lead as reached out?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator('#lead-details').textContent()).toContain('Pending');

    await page.getByRole('button', { name: 'Mark reached out' }).click();
    await dialog.getByRole('button', { name: 'Yes, mark reached out' }).click();
    await page.locator('#notice').filter({ hasText: 'Marked as reached out.' }).waitFor();
    expect(await page.locator('#reached-status').textContent()).toMatch(/^You reached out at /);

    // Cruz: the page shows Pending, but a colleague marks the lead before the attorney confirms.
    await page.goto(url(`#/leads/${ids.Cruz}`));
    await page.getByRole('heading', { name: 'Cruz Vega' }).waitFor();
    const colleague = await running.service.token(COLLEAGUE.email, COLLEAGUE.password);
    await api(running.service, colleague, `/leads/${ids.Cruz}`, {
      method: 'PUT',
      body: { state: 'REACHED_OUT' },
    });
    await page.getByRole('button', { name: 'Mark reached out' }).click();
    await dialog.getByRole('button', { name: 'Yes, mark reached out' }).click();
    const notice = page.locator('#notice');
    await notice.filter({ hasText: /^Already reached out by Jean Louise at / }).waitFor();
    expect(await notice.textContent()).not.toContain('Marked as reached out');

    // Bea was reached out to before the page was opened: who and when, and no button.
    await page.goto(url(`#/leads/${ids.Bea}`));
    await page.getByRole('heading', { name: 'Bea Vega' }).waitFor();
    await page
      .locator('#reached-status')
      .filter({ hasText: /^Already reached out by Administrator at / })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Mark reached out' }).isHidden()).toBe(true);
  });

  it('keeps the place and the confirmed action across a session that ended', async () => {
    await signIn(page, running.service, ATTORNEY.email, ATTORNEY.password, `#/leads/${ids.Maria}`);
    await page.getByRole('heading', { name: 'María García López' }).waitFor();
    // Ended elsewhere (signed out in another tab, or an admin): the token and the cookie are dead.
    const token = await page.evaluate<string | null>("sessionStorage.getItem('lead-intake.token')");
    const revoked = await fetch(`${running.service.baseUrl}/auth/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: token ?? '' }),
    });
    expect(revoked.status).toBe(200);

    await page.getByRole('button', { name: 'Mark reached out' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, mark reached out' }).click();
    await page.locator('#signin-view').waitFor({ state: 'visible' });
    expect(await page.locator('#notice').textContent()).toContain('Sign in again to finish');

    await fillSignIn(page, ATTORNEY.email, ATTORNEY.password);
    await page.locator('#notice').filter({ hasText: 'Marked as reached out.' }).waitFor();
    expect(await hash()).toBe(`#/leads/${ids.Maria}`);
    expect(await page.getByRole('heading', { name: 'María García López' }).isVisible()).toBe(true);
    const admin = await running.service.token(ADMIN.email, ADMIN.password);
    const lead = await api<{ state: string; reached_out_by: { name: string } }>(
      running.service,
      admin,
      `/leads/${ids.Maria}`,
    );
    expect(lead).toMatchObject({ state: 'REACHED_OUT', reached_out_by: { name: ATTORNEY.name } });
  });
});
