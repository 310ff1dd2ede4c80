import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchDb } from './databases';
import { freePort, ManagedProcess } from './processes';
import type { SmtpSink } from './smtp-sink';

export const REPO_ROOT = join(__dirname, '..', '..');

/** Credentials and settings shared by every service run of one bench run. */
export interface ServiceSettings {
  entry: string;
  workDir: string;
  bcryptCost: number;
  /** Directory for V8 CPU profiles, or undefined to not profile. */
  profileDir?: string;
  adminEmail: string;
  adminPassword: string;
  jwtSecret: string;
}

export function serviceSettings(
  workDir: string,
  bcryptCost: number,
  profileDir?: string,
): ServiceSettings {
  const entry = process.env.BENCH_SERVICE_ENTRY ?? join(REPO_ROOT, 'dist', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  return {
    entry,
    workDir,
    bcryptCost,
    profileDir,
    adminEmail: 'bench-admin@example.com',
    adminPassword: randomBytes(18).toString('base64url'),
    jwtSecret: randomBytes(48).toString('base64'),
  };
}

/** Only what a process needs to run; nothing of the caller's DB_*, SMTP_* or .env leaks in. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'NODE_PATH', 'UV_THREADPOOL_SIZE']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

export interface Running {
  baseUrl: string;
  process: ManagedProcess;
}

/**
 * dist/main.js as production runs it, on a free port on 127.0.0.1, in a scratch working
 * directory (so no developer .env is read). Resolves once /health/ready answers.
 */
export async function startService(
  s: ServiceSettings,
  db: BenchDb,
  smtp: SmtpSink,
  label: string,
  cpus?: number[],
): Promise<Running> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const profile = s.profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${s.profileDir}`, `--cpu-prof-name=${label}.cpuprofile`]
    : [];
  const proc = new ManagedProcess({
    name: `service (${label})`,
    args: [...profile, s.entry],
    cwd: s.workDir,
    cpus,
    env: {
      ...baseEnv(),
      NODE_ENV: 'production',
      PORT: String(port),
      PUBLIC_BASE_URL: baseUrl,
      LOG_LEVEL: 'warn',
      JWT_SECRET: s.jwtSecret,
      ADMIN_EMAIL: s.adminEmail,
      ADMIN_PASSWORD: s.adminPassword,
      BCRYPT_COST: String(s.bcryptCost),
      SMTP_URL: smtp.url,
      MAIL_DIR: join(s.workDir, 'mail'),
      // One client hammering POST /leads is exactly what the per-IP limit exists to stop; the
      // bench measures the work behind it, so the limit is lifted.
      THROTTLE_LEADS_PER_MINUTE: '1000000000',
      THROTTLE_LEADS_PER_DAY: '1000000000',
      // Sign-in attempts take their point before the password is checked, so ten connections
      // signing in at once from one address would meet the limit of 5 before any answer gives
      // a point back. The login scenarios measure bcrypt and the queue, not the limit.
      THROTTLE_LOGIN_FAILURES_PER_MINUTE: '1000000000',
      ...db.env,
    },
  });
  try {
    await proc.waitReady(`${baseUrl}/health/ready`);
  } catch (error) {
    await proc.stop(1_000);
    throw error;
  }
  return { baseUrl, process: proc };
}

/** bench/baseline/server.ts (or its compiled .js) on a free port, pointed at `db`. */
export function startBaseline(db: BenchDb, cpus?: number[]): Promise<Running> {
  return startScript('baseline', ['baseline', 'server'], db, {}, cpus);
}

/**
 * bench/floor/main.ts, the minimal Nest + TypeORM app, pointed at `db`; NODE_ENV=production as
 * the service runs (Express and Nest both behave differently in development).
 */
export function startFloor(db: BenchDb, cpus?: number[]): Promise<Running> {
  return startScript('framework floor', ['floor', 'main'], db, { NODE_ENV: 'production' }, cpus);
}

/** A bench/ script run like the bench itself: ts-node when the bench runs as .ts. */
async function startScript(
  name: string,
  [dir, file]: [string, string],
  db: BenchDb,
  env: Record<string, string>,
  cpus?: number[],
): Promise<Running> {
  const port = await freePort();
  const compiled = __filename.endsWith('.js');
  const script = join(__dirname, '..', dir, compiled ? `${file}.js` : `${file}.ts`);
  const loader = compiled ? [] : ['-r', require.resolve('ts-node/register/transpile-only')];
  const proc = new ManagedProcess({
    name,
    args: [...loader, script],
    cwd: REPO_ROOT,
    env: {
      ...baseEnv(),
      TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'),
      PORT: String(port),
      ...env,
      ...db.env,
    },
    cpus,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await proc.waitReady(`${baseUrl}/health`);
  } catch (error) {
    await proc.stop(1_000);
    throw error;
  }
  return { baseUrl, process: proc };
}

/** A bearer token for the bench admin (one bcrypt verification). */
export async function login(baseUrl: string, s: ServiceSettings): Promise<string> {
  const res = await fetch(`${baseUrl}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: loginForm(s),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!res.ok || !body.access_token) {
    throw new Error(`POST /auth/token answered ${res.status}: ${JSON.stringify(body)}`);
  }
  return body.access_token;
}

export const loginForm = (s: ServiceSettings) =>
  new URLSearchParams({
    grant_type: 'password',
    username: s.adminEmail,
    password: s.adminPassword,
  }).toString();
