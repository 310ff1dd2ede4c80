import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/service-process';
import { SmtpSink } from './support/smtp-sink';
import { testEnv } from './support/test-app';

const CLI = join(__dirname, '..', 'dist', 'mail', 'cli', 'mail-test.cli.js');
const PASSWORD = 'sw0rdfish-smtp-secret';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

jest.setTimeout(60_000);

describe('npm run mail:test (e2e)', () => {
  let dir: string;
  const sink = new SmtpSink();
  const authSink = new SmtpSink({ auth: true });
  const tlsSink = new SmtpSink({ secure: true });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lead-intake-mail-test-'));
    await Promise.all([sink.start(), authSink.start(), tlsSink.start()]);
  });
  afterAll(async () => {
    await Promise.all([sink.stop(), authSink.stop(), tlsSink.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the built CLI in an empty directory (no developer's .env) with the test environment. */
  const mailTest = (args: string[], env: Record<string, string> = {}): Promise<CliResult> => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], {
        cwd: dir,
        env: { ...process.env, ...testEnv(dir, sink), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  };
  const withPassword = (s: SmtpSink) =>
    `${s.secure ? 'smtps' : 'smtp'}://intake:${PASSWORD}@127.0.0.1:${s.portNumber}`;

  it('sends a test message, prints the server’s answer and exits 0', async () => {
    const res = await mailTest(['--to', 'someone@firm.test']);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(res.stdout).toContain(`via SMTP smtp://127.0.0.1:${sink.portNumber}`);
    expect(res.stdout).toContain('Accepted: someone@firm.test');
    expect(res.stdout).toMatch(/Server answer: 250 /);
    const [received] = sink.to('someone@firm.test');
    expect(received.subject).toBe('Test message from Lead Intake');
  });

  it('exits 1 with "authentication refused" when the server refuses the login, never printing the password', async () => {
    authSink.behaviour = { rejectLogins: true };
    const res = await mailTest(['--to', 'someone@firm.test'], { SMTP_URL: withPassword(authSink) });
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/^mail:test failed: authentication refused .*535/);
    expect(res.stdout + res.stderr).not.toContain(PASSWORD);
    expect(res.stdout).toContain(`via SMTP smtp://127.0.0.1:${authSink.portNumber}`);
    expect(authSink.logins).toEqual([{ username: 'intake', secure: false }]);
    expect(authSink.messages).toEqual([]);
  });

  it('exits 1 with "connection refused" when nothing listens at SMTP_URL', async () => {
    const res = await mailTest(['--to', 'someone@firm.test'], {
      SMTP_URL: `smtp://intake:${PASSWORD}@127.0.0.1:${await freePort()}`,
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^mail:test failed: connection refused .*ECONNREFUSED/);
    expect(res.stdout + res.stderr).not.toContain(PASSWORD);
  });

  it('exits 1 with a certificate problem when the server’s certificate is not trusted', async () => {
    const res = await mailTest(['--to', 'someone@firm.test'], { SMTP_URL: withPassword(tlsSink) });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^mail:test failed: TLS or certificate problem: .*certificate/i);
    expect(res.stdout + res.stderr).not.toContain(PASSWORD);
  });

  it('exits 1 when the server refuses the recipient', async () => {
    sink.behaviour = { rejectRecipients: ['gone@firm.test'] };
    try {
      const res = await mailTest(['--to', 'gone@firm.test']);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/^mail:test failed: recipient refused: .*550/);
    } finally {
      sink.behaviour = {};
    }
  });

  it('writes an .eml file with the development transport', async () => {
    const res = await mailTest(['--to', 'someone@firm.test'], { SMTP_URL: '' });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('.eml files in');
    expect(readdirSync(join(dir, 'mail')).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
  });

  it('prints the usage and exits 2 without --to', async () => {
    const res = await mailTest([]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Usage: npm run mail:test -- --to ADDRESS');
  });
});
