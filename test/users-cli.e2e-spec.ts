import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'src', 'users', 'cli', 'users.cli.ts');
const TS_NODE = require.resolve('ts-node/register/transpile-only');

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Each CLI run starts Node, ts-node and a Nest context: allow for a slow, busy machine.
jest.setTimeout(60_000);

describe('users CLI (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let cwd: string;

  // The CLI works on the very database the running service uses (the same file on SQLite, the
  // same database on PostgreSQL), and the test checks its effect through the HTTP API.
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    cwd = mkdtempSync(join(tmpdir(), 'lead-intake-cli-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  /** Runs the CLI from source (ts-node, no type check) with `stdin` piped in. */
  const cli = (args: string[], stdin = '', env: Record<string, string> = {}): Promise<CliResult> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', TS_NODE, CLI, ...args], {
        // An empty working directory, so no developer's .env leaks in.
        cwd,
        env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      // A CLI that exits before reading its input (bad arguments) must not fail the test on EPIPE.
      child.stdin.on('error', () => undefined);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });

  const login = (username: string, password: string) =>
    t.http().post('/auth/token').type('form').send({ grant_type: 'password', username, password });
  const apiUser = async (email: string) =>
    (
      (await t.http().get('/users').auth(admin, { type: 'bearer' })).body as { email: string }[]
    ).find((u) => u.email === email);
  const listed = async (email: string) =>
    (await cli(['list'])).stdout.split('\n').find((line) => line.startsWith(`${email}\t`));

  const EMAIL = 'cli.attorney@firm.test';
  const FIRST = 'first-cli-passphrase';
  const SECOND = 'second-cli-passphrase';

  it('creates an attorney with the password read from stdin', async () => {
    const res = await cli(
      [
        'create',
        '--email',
        'CLI.Attorney@Firm.test',
        '--name',
        'Cli Attorney',
        '--role',
        'attorney',
      ],
      `${FIRST}\n`,
    );
    expect(res).toMatchObject({ code: 0 });
    expect(res.stdout).toMatch(
      /^Created cli\.attorney@firm\.test\tCli Attorney\tattorney\tactive\t/,
    );
    expect(res.stdout + res.stderr).not.toContain(FIRST);
    const token = await login(EMAIL, FIRST);
    expect(token.status).toBe(200);
    const me = await t.http().get('/users/me').auth(token.body.access_token, { type: 'bearer' });
    expect(me.body).toMatchObject({ email: EMAIL, name: 'Cli Attorney', role: 'attorney' });
  });

  it('lists users under a header, one per line, with email, name, role, state and id', async () => {
    const res = await cli(['list']);
    expect(res).toMatchObject({ code: 0 }); // on failure, the diff shows stderr
    const [header, ...lines] = res.stdout.trim().split('\n');
    expect(header).toBe('EMAIL\tNAME\tROLE\tSTATE\tID');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^admin@firm\.test\tAdministrator\tadmin\tactive\t[0-9a-f-]{36}$/);
    expect(lines[1]).toMatch(
      /^cli\.attorney@firm\.test\tCli Attorney\tattorney\tactive\t[0-9a-f-]{36}$/,
    );
  });

  it('refuses a duplicate email with a non-zero exit', async () => {
    const res = await cli(['create', '--email', EMAIL, '--name', 'Again'], `${FIRST}\n`);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/already exists/);
  });

  it('sets a new password from stdin, which revokes the old tokens', async () => {
    const old = (await login(EMAIL, FIRST)).body.access_token as string;
    const res = await cli(['set-password', '--email', EMAIL], `${SECOND}\n`);
    expect(res).toMatchObject({ code: 0 }); // on failure, the diff shows stderr
    expect(res.stdout).toContain(`Password changed for ${EMAIL}`);
    expect((await t.http().get('/leads').auth(old, { type: 'bearer' })).status).toBe(401);
    expect((await login(EMAIL, FIRST)).status).toBe(400);
    expect((await login(EMAIL, SECOND)).status).toBe(200);
  });

  it('refuses a password shorter than 12 characters from stdin and keeps the old one', async () => {
    const res = await cli(['set-password', '--email', EMAIL], 'short-pw\n');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('at least 12 characters');
    expect((await login(EMAIL, SECOND)).status).toBe(200);
  });

  it('deactivates a user: no more sign-in, and the list says inactive', async () => {
    const token = (await login(EMAIL, SECOND)).body.access_token as string;
    const res = await cli(['deactivate', '--email', EMAIL]);
    expect(res).toMatchObject({ code: 0 }); // on failure, the diff shows stderr
    expect((await login(EMAIL, SECOND)).body.error).toBe('invalid_grant');
    expect((await t.http().get('/leads').auth(token, { type: 'bearer' })).status).toBe(401);
    expect(await listed(EMAIL)).toMatch(/\tinactive\t/);
  });

  it('activates a user again: sign-in works, and the list says active', async () => {
    const res = await cli(['activate', '--email', EMAIL]);
    expect(res).toMatchObject({ code: 0 }); // on failure, the diff shows stderr
    expect(res.stdout).toContain(`Activated ${EMAIL}`);
    expect((await login(EMAIL, SECOND)).status).toBe(200);
    expect(await listed(EMAIL)).toMatch(/\tactive\t/);
  });

  it('says on stderr which database it works on', async () => {
    const res = await cli(['list']);
    expect(res.stderr).toMatch(
      process.env.DB_TYPE === 'postgres'
        ? /^Database: PostgreSQL at [^\n]+\n$/
        : /^Database: SQLite at \/[^\n]+leads\.sqlite\n$/,
    );
  });

  it('refuses to create a new SQLite file unless told to (a mistyped DB_PATH)', async () => {
    if (process.env.DB_TYPE === 'postgres') return; // about SQLite files only
    const missing = join(cwd, 'typo', 'leeds.sqlite');
    const res = await cli(['list'], '', { DB_PATH: missing });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`No database at ${missing} (DB_PATH)`);
    expect(res.stderr).toContain('--create-database');
    expect(existsSync(missing)).toBe(false);
  });

  it.each([
    ['--password VALUE', ['--password', 'argv-password-123']],
    ['--password=VALUE', ['--password=argv-password-123']],
  ])('does not accept a password in argv (%s): non-zero exit, nobody created', async (_f, flag) => {
    const email = 'argv.user@firm.test';
    const res = await cli(['create', '--email', email, '--name', 'Argv User', ...flag], '');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/Unknown option '--password'/);
    expect(await apiUser(email)).toBeUndefined();
  });

  it.each([
    [
      'an invalid email',
      ['--email', 'not-an-email', '--name', 'Bad Email'],
      /email must be a valid/,
    ],
    [
      'a name with a control character',
      ['--email', 'bell@firm.test', '--name', 'Bell\u0007 Name'],
      /name must not contain control/,
    ],
  ])('refuses %s like the API does, without creating anyone', async (_what, args, message) => {
    const res = await cli(['create', ...args], `${FIRST}\n`);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(message);
    expect(await apiUser(args[1])).toBeUndefined();
  });

  it('refuses an unknown role and an unknown command with a non-zero exit', async () => {
    const role = await cli(['create', '--email', 'x@firm.test', '--name', 'X', '--role', 'owner']);
    expect(role.code).not.toBe(0);
    expect(role.stderr).toMatch(/--role must be one of admin, attorney/);
    const command = await cli(['promote', '--email', EMAIL]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/Unknown command: promote/);
  });

  it('creates the first admin of an empty production database (no ADMIN_PASSWORD needed)', async () => {
    if (process.env.DB_TYPE === 'postgres') return; // the empty database here is a new SQLite file
    const result = await cli(
      [
        'create',
        '--create-database',
        '--email',
        'first@firm.test',
        '--name',
        'First Admin',
        '--role',
        'admin',
      ],
      'first-admin-password\n',
      {
        NODE_ENV: 'production',
        JWT_SECRET: 'Zq3v9Lr7Tb2Wn8Kx4Hd6Fp1Yc5Mg0Js-Ue7Ra9Qo',
        ADMIN_PASSWORD: '',
        DB_PATH: join(cwd, 'empty-production.sqlite'),
      },
    );
    expect(result.stderr).toMatch(/^Database: SQLite at \/[^\n]+empty-production\.sqlite\n$/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('first@firm.test');
  });
});
