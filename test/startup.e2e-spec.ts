import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ServiceProcess } from './support/service-process';
import { SmtpSink } from './support/smtp-sink';
import { testEnv } from './support/test-app';
import { waitFor } from './support/wait-for';

const MAIN = join(__dirname, '..', 'dist', 'main.js');

interface Exit {
  code: number | null;
  stderr: string;
  stdout: string;
}

/** Starts the built service with `env` and waits (with a deadline) for it to exit by itself. */
function startExpectingExit(
  env: Record<string, string>,
  { timeoutMs = 20_000, cwd = process.cwd() } = {},
): Promise<Exit> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      cwd,
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

  const production = () => ({
    ...base,
    NODE_ENV: 'production',
    JWT_SECRET: 'Zq3v9Lr7Tb2Wn8Kx4Hd6Fp1Yc5Mg0Js-Ue7Ra9Qo',
  });

  it.each([
    [
      'without SMTP_URL in production',
      () => ({ ...production(), SMTP_URL: '' }),
      /SMTP_URL: required when NODE_ENV=production/,
    ],
    [
      'with a MAIL_FROM that has no address',
      () => ({ ...base, MAIL_FROM: 'Finch & Partners' }),
      /MAIL_FROM: MAIL_FROM must be one address/,
    ],
    [
      'with a mistyped DATABASE_URL scheme',
      () => ({ ...base, DB_TYPE: 'postgres', DATABASE_URL: 'postgress://127.0.0.1/leads' }),
      /DATABASE_URL: DATABASE_URL must start with postgres:\/\//,
    ],
  ])('refuses to start %s, naming the variable', async (_what, env, message) => {
    const exit = await startExpectingExit(env());
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(message);
    expect(exit.stderr).not.toMatch(/\n\s+at /);
  });

  it('says in one JSON line which PostgreSQL it cannot reach, and exits', async () => {
    const port = await freePort(); // nothing listens there
    const exit = await startExpectingExit({
      ...base,
      DB_TYPE: 'postgres',
      DATABASE_URL: `postgres://postgres:secret-pw@127.0.0.1:${port}/leads`,
    });
    expect(exit.code).toBe(1);
    const lines = exit.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 60,
      msg: `cannot reach PostgreSQL at 127.0.0.1:${port}/leads (ECONNREFUSED) — check DATABASE_URL`,
    });
    expect(exit.stdout + exit.stderr).not.toContain('secret-pw');
  });

  it('points at an unquoted "#" in .env when it emptied a value', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'lead-intake-dotenv-'));
    try {
      writeFileSync(join(cwd, '.env'), 'BRAND_COLOR=#7a1f3d\n');
      const exit = await startExpectingExit(base, { cwd });
      expect(exit.code).toBe(1);
      expect(exit.stderr).toContain('BRAND_COLOR: BRAND_COLOR must be a hex colour');
      expect(exit.stderr).toContain('.env sets BRAND_COLOR with an unquoted "#"');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('starts with a few JSON lines, and warns once in one line when ADMIN_PASSWORD outlived its use', async () => {
    const first = await new ServiceProcess(await freePort(), base).start();
    await first.stop();
    // The first start's info lines are exactly the ones an operator needs, in this order.
    const firstInfo = first.output
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .filter(
        (l) => l.level === 30 && !/^(Sent|Mail delivery counters|request completed)/.test(l.msg),
      )
      .map((l) => l.msg);
    expect(firstInfo).toEqual([
      expect.stringMatching(/^SQLite at .*leads\.sqlite: applied \d+ migration\(s\): Init\d+, /),
      expect.stringMatching(/^Created the first admin user admin@firm\.test from ADMIN_PASSWORD$/),
      expect.stringMatching(
        new RegExp(
          `^Lead intake listening on \\S+:${first.port}, public URL http://leads\\.firm\\.test$`,
        ),
      ),
      expect.stringMatching(/^Mail: SMTP smtp:\/\/127\.0\.0\.1:\d+, from /),
      'API docs: http://leads.firm.test/docs',
    ]);
    const again = await new ServiceProcess(await freePort(), base).start();
    await again.stop();
    const lines = again.output
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: number; msg: string; context?: string });
    const warnings = lines.filter((l) => l.level === 40 && /ADMIN_PASSWORD/.test(l.msg));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toMatch(/ADMIN_PASSWORD is set but users exist, so it is ignored/);
    // The lines that matter, and no framework chatter (module and route mapping) at info.
    const info = lines.filter((l) => l.level === 30).map((l) => l.msg);
    expect(info.some((m) => /^SQLite at .*leads\.sqlite: schema up to date$/.test(m))).toBe(true);
    expect(info.some((m) => /^Lead intake listening on /.test(m))).toBe(true);
    expect(info.some((m) => /^Mail: SMTP smtp:\/\/127\.0\.0\.1:\d+/.test(m))).toBe(true);
    expect(info.filter((m) => /Mapped|dependencies initialized|Starting Nest/.test(m))).toEqual([]);
    // Two full starts of the service: allow for a busy machine.
  }, 90_000);

  describe('SMTP check at start-up', () => {
    const refusing = new SmtpSink({ auth: true });
    beforeAll(async () => {
      await refusing.start();
      refusing.behaviour = { rejectLogins: true };
    });
    afterAll(() => refusing.stop());

    /** The service's JSON log lines so far. */
    const logLines = (service: ServiceProcess) =>
      service.output
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { level: number; msg: string });
    const checked = { SMTP_VERIFY_TIMEOUT_MS: '3000' };

    it.each([
      [
        'refuses the login',
        () => `smtp://intake:sw0rdfish-secret@127.0.0.1:${refusing.portNumber}`,
        /535/,
      ],
      [
        'is not listening',
        async () => `smtp://intake:sw0rdfish-secret@127.0.0.1:${await freePort()}`,
        /ECONNREFUSED/,
      ],
    ])(
      'warns in one JSON line naming SMTP_URL when the server %s, and starts anyway',
      async (_what, smtpUrl, answer) => {
        const url = await smtpUrl();
        const service = await new ServiceProcess(await freePort(), {
          ...base,
          ...checked,
          SMTP_URL: url,
        }).start();
        try {
          const warning = await waitFor(
            () => logLines(service).find((l) => l.level === 40 && /SMTP_URL/.test(l.msg)),
            { timeoutMs: 10_000, what: 'the SMTP warning' },
          );
          const endpoint = url.replace(/\/\/.*@/, '//');
          expect(warning.msg).toContain(`SMTP_URL: cannot send through ${endpoint}`);
          expect(warning.msg).toMatch(answer);
          expect(service.output.join('')).not.toContain('sw0rdfish-secret');
          expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);
        } finally {
          await service.stop();
        }
        expect(logLines(service).filter((l) => /SMTP_URL: cannot/.test(l.msg))).toHaveLength(1);
      },
    );

    it('says the server took the connection and login when it did', async () => {
      const service = await new ServiceProcess(await freePort(), { ...base, ...checked }).start();
      try {
        await waitFor(() => logLines(service).find((l) => /accepted the connection/.test(l.msg)), {
          what: 'the SMTP check line',
        });
        expect(logLines(service).filter((l) => l.level >= 40 && /SMTP/.test(l.msg))).toEqual([]);
      } finally {
        await service.stop();
      }
    });

    it('checks nothing with the .eml transport', async () => {
      const service = await new ServiceProcess(await freePort(), {
        ...base,
        ...checked,
        SMTP_URL: '',
      }).start();
      await service.stop();
      const lines = logLines(service).map((l) => l.msg);
      expect(lines.some((m) => /^Mail: writing \.eml files/.test(m))).toBe(true);
      expect(lines.filter((m) => /SMTP server|SMTP_URL: cannot/.test(m))).toEqual([]);
    });
  });
});
