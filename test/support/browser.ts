import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sqlite3 from 'sqlite3';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { freePort, ServiceProcess } from './service-process';
import { SmtpSink } from './smtp-sink';
import { ADMIN, testEnv } from './test-app';

/** The two screens every staff page must fit: a laptop and a phone. */
export const LAPTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export const ATTORNEY = {
  email: 'atticus@firm.test',
  name: 'Atticus Finch',
  password: 'to-kill-a-mockingbird',
};

/** The built service in its own process, with an SMTP sink and a temporary SQLite database. */
export interface BrowserService {
  service: ServiceProcess;
  smtp: SmtpSink;
  dir: string;
  stop(): Promise<void>;
}

export async function startBrowserService(
  env: Record<string, string> = {},
): Promise<BrowserService> {
  const dir = mkdtempSync(join(tmpdir(), 'lead-intake-browser-'));
  const smtp = await new SmtpSink().start();
  const port = await freePort();
  const service = await new ServiceProcess(port, {
    ...testEnv(dir, smtp),
    // Swagger UI sends "Try it out" and the token request to the document's server.
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    ...env,
  }).start();
  return {
    service,
    smtp,
    dir,
    stop: async () => {
      await service.stop();
      await smtp.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium from the system (never a downloaded browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh context and page; bypassCSP only so tests can inject axe-core. */
export async function newPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, bypassCSP: true, ...options });
  return context.newPage();
}

/** Calls the API as `token`'s user; throws on an unexpected status. */
export async function api<T = unknown>(
  service: ServiceProcess,
  token: string,
  path: string,
  init: { method?: string; body?: unknown; expect?: number } = {},
): Promise<T> {
  const res = await fetch(`${service.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const expected = init.expect ?? (init.method === 'POST' ? 201 : 200);
  if (res.status !== expected) {
    throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  }
  return (await res.json()) as T;
}

/** A staff account made by the bootstrap admin; answers its id. */
export async function createUser(
  service: ServiceProcess,
  user: { email: string; name: string; password: string; role?: 'admin' | 'attorney' },
): Promise<string> {
  const token = await service.token(ADMIN.email, ADMIN.password);
  const made = await api<{ id: string }>(service, token, '/users', {
    method: 'POST',
    body: { role: 'attorney', ...user },
  });
  return made.id;
}

/**
 * Signs in on the staff page from a signed-out browser (no session in this tab, no cookie);
 * `after` follows `/admin` in the URL (`#/users`, `?poll-ms=300#/leads`).
 */
export async function signIn(
  page: Page,
  service: ServiceProcess,
  email: string,
  password: string,
  after = '',
): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${service.baseUrl}/admin${after}`);
  await page.evaluate('sessionStorage.clear()');
  await page.reload();
  await fillSignIn(page, email, password);
}

/** Fills and sends the sign-in form that is on screen. */
export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  const form = page.locator('#signin-form');
  await form.waitFor({ state: 'visible' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** The page is no wider than the window: nothing scrolls sideways. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

/** Sets when a lead was received, straight in the service's SQLite file. */
export async function setReceivedAt(
  running: BrowserService,
  id: string,
  at: string,
): Promise<void> {
  const db = new sqlite3.Database(join(running.dir, 'leads.sqlite'));
  try {
    // The format TypeORM stores a SQLite datetime in (UTC).
    const stored = new Date(at).toISOString().replace('T', ' ').replace('Z', '');
    await new Promise<void>((resolve, reject) =>
      db.run('UPDATE leads SET created_at = ? WHERE id = ?', [stored, id], (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  } finally {
    await new Promise((resolve) => db.close(resolve));
  }
}

/** Submits a lead through the public API; answers its id. */
export async function submitLead(
  service: ServiceProcess,
  lead: { first_name: string; last_name: string; email: string; resume?: string },
): Promise<string> {
  const res = await fetch(`${service.baseUrl}/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ resume: 'https://files.example.com/cv.pdf', ...lead }),
  });
  if (res.status !== 201) throw new Error(`POST /leads: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}
