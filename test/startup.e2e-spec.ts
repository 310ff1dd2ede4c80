import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/service-process';
import { SmtpSink } from './support/smtp-sink';
import { testEnv } from './support/test-app';

const MAIN = join(__dirname, '..', 'dist', 'main.js');

interface Exit {
  code: number | null;
  stderr: string;
  stdout: string;
}

/** Starts the built service with `env` and waits (with a deadline) for it to exit by itself. */
function startExpectingExit(env: Record<string, string>, timeoutMs = 20_000): Promise<Exit> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${timeoutMs} ms: ${stdout}${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('Start-up configuration checks (e2e)', () => {
  let dir: string;
  let base: Record<string, string>;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lead-intake-startup-'));
    await smtp.start();
    base = { ...testEnv(dir, smtp), PORT: String(await freePort()), LOG_LEVEL: 'info' };
  });
  afterAll(async () => {
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['shorter than 12 characters', 'short-pw', 'ADMIN_PASSWORD must be at least 12 characters'],
    ['blank', ' '.repeat(14), 'ADMIN_PASSWORD must not be blank'],
    ['over 72 bytes', 'ü'.repeat(40), 'ADMIN_PASSWORD must be at most 72 bytes'],
  ])('refuses to start with an ADMIN_PASSWORD %s, naming it', async (_what, password, message) => {
    const exit = await startExpectingExit({ ...base, ADMIN_PASSWORD: password });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain(`ADMIN_PASSWORD: ${message}`);
    expect(exit.stderr).not.toContain(password.trim() || '\u0000');
    expect(exit.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it.each([
    ['ordinary words', 'thisisaverylongsigningkeyforourlawfirm2026'],
    ['a repeated sequence', '0123456789abcdef0123456789abcdef'],
  ])('refuses to start in production with %s as JWT_SECRET', async (_what, secret) => {
    const exit = await startExpectingExit({ ...base, NODE_ENV: 'production', JWT_SECRET: secret });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(/JWT_SECRET: is too guessable .*openssl rand -base64 48/);
    expect(exit.stderr).not.toContain(secret);
  });
});
