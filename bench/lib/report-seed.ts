import { Client } from 'pg';
import sqlite3 from 'sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { leadSearchText } from '../../src/common/search-text';
import { sourceKey } from '../../src/leads/source/lead-source';
import type { BenchDb, BenchStore } from './databases';
import { FIRST_NAMES, LAST_NAMES } from './seed-data';

const DAY_MS = 24 * 3_600_000;
/** The seeded leads span this many days, ending an hour ago: a year's range holds them all. */
export const REPORT_SPAN_DAYS = 365;
const ATTORNEYS = 8;
const SOURCES: [utmSource: string | null, referrer: string | null][] = [
  ['google', 'https://www.google.com/'],
  ['facebook', null],
  ['newsletter', null],
  [null, 'https://www.avvo.com/attorneys/x'],
  [null, 'https://www.bing.com/search?q=lawyer'],
  [null, null],
];
const STATES = ['PENDING', 'REACHED_OUT', 'REACHED_OUT', 'RETAINED', 'DECLINED', 'DECLINED'];

/** A small deterministic generator: the same leads every run. */
const rand = (i: number, salt: number) => {
  const x = Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
};

interface Table {
  name: string;
  columns: [name: string, pgType: string][];
  rows: unknown[][];
}

/**
 * Scenario 11's database: `count` leads spread evenly over the last year as the report sees
 * them — every state, six sources (tags, referrers, direct), eight attorneys as assignees,
 * contacted after minutes to days, 3 % spam — and the follow-up reminders (10 % of leads) and
 * escalations (3 %) the service would have planned. Bulk-inserted while the service is stopped,
 * in one transaction, as scenario 2's leads are (bench/lib/databases.ts).
 */
export async function seedReportData(store: BenchStore, db: BenchDb, count: number): Promise<void> {
  const now = Date.now() - 3_600_000;
  const start = now - REPORT_SPAN_DAYS * DAY_MS;
  const step = (now - start) / count;
  const users: unknown[][] = [];
  for (let a = 0; a < ATTORNEYS; a += 1) {
    const at = new Date(start);
    users.push([
      uuidv7(),
      `attorney${a}@bench.example`,
      `Attorney ${a}`,
      'attorney',
      'x',
      true,
      true,
      0,
      at,
      at,
    ]);
  }
  const leads: unknown[][] = [];
  const notifications: unknown[][] = [];
  for (let i = 0; i < count; i += 1) {
    const created = new Date(start + i * step);
    const id = uuidv7({ msecs: created.getTime() });
    const first = FIRST_NAMES[i % FIRST_NAMES.length];
    const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length];
    const email = `${first}.${last}.r${i}@example.com`.toLowerCase();
    const spam = rand(i, 1) < 0.03;
    const state = spam ? 'PENDING' : STATES[Math.floor(rand(i, 2) * STATES.length)];
    const contacted =
      state === 'REACHED_OUT' || state === 'RETAINED' || (state === 'DECLINED' && rand(i, 3) < 0.5);
    // Minutes to days, skewed short: 5 min × e^(0…7).
    const reachedOut = contacted
      ? new Date(created.getTime() + 300_000 * Math.exp(rand(i, 4) * 7))
      : null;
    const [utmSource, referrer] = SOURCES[Math.floor(rand(i, 5) * SOURCES.length)];
    const assignee = spam ? null : (users[i % ATTORNEYS][0] as string);
    const due = spam ? null : new Date(created.getTime() + 4 * 3_600_000);
    leads.push([
      id,
      first,
      last,
      email,
      leadSearchText(first, last, email),
      `https://files.example.com/cv/r${i}.pdf`,
      state,
      created,
      reachedOut ?? created,
      reachedOut,
      spam,
      'clear',
      assignee,
      due,
      utmSource,
      utmSource ? 'cpc' : null,
      null,
      referrer,
      sourceKey({ utmSource, utmMedium: null, utmCampaign: null, referrer }),
    ]);
    if (!spam && rand(i, 6) < 0.1) notifications.push(notification(id, 'follow-up-reminder', due!));
    if (!spam && rand(i, 7) < 0.03)
      notifications.push(notification(id, 'follow-up-escalation', due!));
  }
  const tables: Table[] = [
    {
      name: 'users',
      columns: [
        ['id', 'varchar'],
        ['email', 'varchar'],
        ['name', 'varchar'],
        ['role', 'varchar'],
        ['password_hash', 'varchar'],
        ['active', 'boolean'],
        ['accepts_leads', 'boolean'],
        ['token_version', 'integer'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      rows: users,
    },
    {
      name: 'leads',
      columns: [
        ['id', 'varchar'],
        ['first_name', 'varchar'],
        ['last_name', 'varchar'],
        ['email', 'varchar'],
        ['search_text', 'text'],
        ['resume_url', 'varchar'],
        ['state', 'varchar'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
        ['reached_out_at', 'timestamptz'],
        ['spam', 'boolean'],
        ['conflict', 'varchar'],
        ['assigned_to_id', 'varchar'],
        ['follow_up_due_at', 'timestamptz'],
        ['utm_source', 'varchar'],
        ['utm_medium', 'varchar'],
        ['utm_campaign', 'varchar'],
        ['referrer', 'varchar'],
        ['source_key', 'varchar'],
      ],
      rows: leads,
    },
    {
      name: 'notifications',
      columns: [
        ['id', 'varchar'],
        ['lead_id', 'varchar'],
        ['channel', 'varchar'],
        ['kind', 'varchar'],
        ['recipient', 'varchar'],
        ['status', 'varchar'],
        ['attempts', 'integer'],
        ['next_attempt_at', 'timestamptz'],
        ['sent_at', 'timestamptz'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      rows: notifications,
    },
  ];
  if (store.type === 'postgres') await seedPostgres(db.env.DATABASE_URL, tables);
  else await seedSqlite(db.env.DB_PATH, tables);
}

function notification(leadId: string, kind: string, at: Date): unknown[] {
  return [uuidv7(), leadId, 'email', kind, 'someone@firm.example', 'sent', 1, at, at, at, at];
}

async function seedSqlite(path: string, tables: Table[]): Promise<void> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(opened)));
  });
  const exec = (sql: string) =>
    new Promise<void>((resolve, reject) => db.exec(sql, (e) => (e ? reject(e) : resolve())));
  try {
    await exec('PRAGMA busy_timeout = 5000; PRAGMA synchronous = OFF; BEGIN');
    for (const { name, columns, rows } of tables) {
      // At most ~900 parameters per statement, well under SQLite's limit.
      const per = Math.floor(900 / columns.length);
      const tuple = `(${columns.map(() => '?').join(',')})`;
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const sql =
          `INSERT INTO ${name} (${columns.map(([c]) => c).join(',')}) ` +
          `VALUES ${chunk.map(() => tuple).join(',')}`;
        const values = chunk.flat().map(sqliteValue);
        await new Promise<void>((resolve, reject) =>
          db.run(sql, values, (e) => (e ? reject(e) : resolve())),
        );
      }
    }
    await exec('COMMIT; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await new Promise((resolve) => db.close(resolve));
  }
}

async function seedPostgres(url: string, tables: Table[]): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const { name, columns, rows } of tables) {
      const sql =
        `INSERT INTO ${name} (${columns.map(([c]) => c).join(',')}) SELECT * FROM unnest(` +
        columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ') +
        ')';
      for (let i = 0; i < rows.length; i += 5000) {
        const chunk = rows.slice(i, i + 5000);
        await client.query(
          sql,
          columns.map((_, c) => chunk.map((r) => r[c])),
        );
      }
    }
    await client.query('COMMIT');
    await client.query('ANALYZE users; ANALYZE leads; ANALYZE notifications');
  } finally {
    await client.end();
  }
}

/** As TypeORM stores them in SQLite: dates as UTC `YYYY-MM-DD HH:MM:SS.mmm`, booleans as 0/1. */
function sqliteValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace('T', ' ').slice(0, 23);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}
