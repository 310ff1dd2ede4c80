/**
 * The floor for scenario 7: POST /leads on bare node:http. Same field rules as CreateLeadDto (the
 * same validator functions and name character class), one INSERT into the same `leads` table with
 * the same driver (sqlite3; pg when DB_TYPE=postgres). No framework, auth, outbox or logging.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import sqlite3 from 'sqlite3';
import isEmail from 'validator/lib/isEmail';
import isLength from 'validator/lib/isLength';
import isURL from 'validator/lib/isURL';
import { CLEAN_TEXT } from '../../src/common/text';
import { v7 as uuidv7 } from 'uuid';

const COLS = 'id, first_name, last_name, email, resume_url, state, created_at, updated_at';
const FIELDS = ['first_name', 'last_name', 'email', 'resume'];
const URL_RULES = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const postgres = process.env.DB_TYPE === 'postgres';

function openInsert(): (values: unknown[]) => Promise<unknown> {
  if (postgres) {
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    const sql = `INSERT INTO leads (${COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
    return (values) => pool.query(sql, values);
  }
  const db = new sqlite3.Database(process.env.DB_PATH ?? 'leads.sqlite');
  db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000');
  const stmt = db.prepare(`INSERT INTO leads (${COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  return (values) => new Promise((ok, ko) => stmt.run(values, (e) => (e ? ko(e) : ok(0))));
}
const insert = openInsert();

/** The trimmed, lower-cased fields, or the list of problems. */
function validate(input: unknown): Record<string, string> | string[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return ['not an object'];
  const body = input as Record<string, unknown>;
  const errors = Object.keys(body).filter((k) => !FIELDS.includes(k));
  const f = Object.fromEntries(
    FIELDS.map((k) => [k, typeof body[k] === 'string' ? body[k].trim() : '']),
  );
  f.email = f.email.toLowerCase();
  for (const k of ['first_name', 'last_name']) {
    if (!isLength(f[k], { min: 1, max: 100 }) || !CLEAN_TEXT.test(f[k])) errors.push(k);
  }
  if (f.email.length > 254 || !isEmail(f.email)) errors.push('email');
  if (f.resume.length > 2048 || !isURL(f.resume, URL_RULES)) errors.push('resume');
  return errors.length ? errors.map((k) => `${k} is invalid`) : f;
}

function send(res: ServerResponse, status: number, body: object, headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
const fail = (res: ServerResponse, status: number, body = {}) =>
  send(res, status, { statusCode: status, ...body });

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.url === '/health') return send(res, 200, { status: 'ok' });
  if (req.method !== 'POST' || req.url !== '/leads') return fail(res, 404);
  if (!req.headers['content-type']?.startsWith('application/json')) return fail(res, 415);
  let raw = '';
  for await (const chunk of req) {
    if ((raw += String(chunk)).length > 100 * 1024) return fail(res, 413);
  }
  let lead: Record<string, string> | string[];
  try {
    lead = validate(JSON.parse(raw));
  } catch {
    lead = ['body is not JSON'];
  }
  if (Array.isArray(lead)) return fail(res, 400, { error: 'Bad Request', message: lead });
  const { first_name, last_name, email, resume } = lead;
  const id = uuidv7();
  const now = new Date().toISOString();
  const at = postgres ? now : now.replace('T', ' ').slice(0, 23); // TypeORM's SQLite format
  await insert([id, first_name, last_name, email, resume, 'PENDING', at, at]);
  const out = { id, first_name, last_name, email, resume: { url: resume }, state: 'PENDING' };
  const times = { created_at: now, updated_at: now, reached_out_at: null, reached_out_by: null };
  send(res, 201, { ...out, ...times }, { location: `/leads/${id}` });
}

createServer((req, res) => {
  handle(req, res).catch((e: unknown) => fail(res, 500, { message: String(e) }));
}).listen(Number(process.env.PORT ?? 3100), '127.0.0.1');
