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
  type BrowserService,
} from '../support/browser';
import { ADMIN } from '../support/test-app';

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
});
