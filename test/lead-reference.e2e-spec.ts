import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../src/database/migrations';
import { LeadReferencePhoneMessage1732350000007 } from '../src/database/migrations/1732350000007-lead-reference-phone-message';
import * as references from '../src/leads/reference/lead-reference';
import { makePdf, MIME } from './support/documents';
import { createTestDatabase, dropTestDatabase, usingPostgres } from './support/postgres';
import { startTestApp, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const REFERENCE = /^L-[0-9A-HJKMNP-TV-Z]{6}$/;

describe('Lead references (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const submit = (overrides: Record<string, unknown> = {}) =>
    t.http().post('/leads').send(validLead(overrides));
  const list = (q: string) => t.http().get('/leads').query({ q }).auth(admin, { type: 'bearer' });

  it('gives every lead a short reference, in the public view and the staff view', async () => {
    const json = await submit();
    const multipart = await t
      .http()
      .post('/leads')
      .field('first_name', 'Upload')
      .field('last_name', 'Reference')
      .field('email', 'upload.reference@example.com')
      .attach('resume', makePdf(), { filename: 'cv.pdf', contentType: MIME.pdf });
    for (const res of [json, multipart]) {
      expect(res.status).toBe(201);
      expect(res.body.reference).toMatch(REFERENCE);
      const staff = await t.http().get(`/leads/${res.body.id}`).auth(admin, { type: 'bearer' });
      expect(staff.body.reference).toBe(res.body.reference);
    }
    expect(json.body.reference).not.toBe(multipart.body.reference);
  });

  it('draws another reference when the first one is taken', async () => {
    const first = await submit();
    const draw = jest
      .spyOn(references, 'newLeadReference')
      .mockReturnValueOnce(first.body.reference as string);
    const second = await submit();
    expect(second.status).toBe(201);
    expect(draw).toHaveBeenCalledTimes(2);
    expect(second.body.reference).toMatch(REFERENCE);
    expect(second.body.reference).not.toBe(first.body.reference);
    const stored = await t.http().get(`/leads/${second.body.id}`).auth(admin, { type: 'bearer' });
    expect(stored.body.reference).toBe(second.body.reference);
  });

  it('puts the reference in the acknowledgement and in the attorney notice', async () => {
    const res = await submit({ first_name: 'Refa', last_name: 'Mailer' });
    const reference = res.body.reference as string;
    const mails = await waitFor(
      () => {
        const found = t.smtp.messages.filter((m) => m.headers.get('x-lead-id') === res.body.id);
        return found.length === 2 ? found : null;
      },
      { what: 'both e-mails' },
    );
    for (const mail of mails) {
      expect(mail.text).toContain(reference);
      expect(mail.html).toContain(reference);
    }
  });

  it('finds a lead by its reference in any case, with or without L-', async () => {
    const res = await submit({ first_name: 'Findme', last_name: 'Byref' });
    const reference = res.body.reference as string;
    for (const q of [reference, reference.toLowerCase(), reference.slice(2), ` ${reference} `]) {
      const found = await list(q);
      expect({ q, status: found.status }).toEqual({ q, status: 200 });
      expect(found.body.map((l: { id: string }) => l.id)).toEqual([res.body.id]);
      expect(found.headers['x-total-count']).toBe('1');
    }
    // A reference nobody has finds nothing; the name search still works beside it.
    const other = reference.endsWith('Z')
      ? `${reference.slice(0, -1)}Y`
      : `${reference.slice(0, -1)}Z`;
    expect((await list(other)).body).toEqual([]);
    expect((await list('Findme')).body.map((l: { id: string }) => l.id)).toEqual([res.body.id]);
  });

  it('finds by text a six-letter name that also reads as a reference', async () => {
    const res = await submit({ first_name: 'Garcia', last_name: 'Sixchar' });
    const found = await list('garcia');
    expect(found.body.map((l: { id: string }) => l.id)).toContain(res.body.id);
  });
});

describe('Migration 1732350000007 on existing leads', () => {
  it('gives every lead stored before it its own reference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lead-intake-ref-'));
    const pg = usingPostgres() ? await createTestDatabase('lead_ref') : undefined;
    const options: DataSourceOptions = pg
      ? { type: 'postgres', url: pg.url }
      : { type: 'sqlite', database: join(dir, 'ref.sqlite') };
    try {
      const before = migrations.slice(
        0,
        migrations.indexOf(LeadReferencePhoneMessage1732350000007),
      );
      const old = await new DataSource({ ...options, migrations: before }).initialize();
      await old.runMigrations();
      const now = new Date().toISOString();
      for (let i = 0; i < 50; i++) {
        await old.query(
          pg
            ? 'INSERT INTO leads (id, first_name, last_name, email, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)'
            : 'INSERT INTO leads (id, first_name, last_name, email, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          pg
            ? [
                `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
                'Old',
                `Lead${i}`,
                `old${i}@example.com`,
                'PENDING',
                now,
              ]
            : [
                `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
                'Old',
                `Lead${i}`,
                `old${i}@example.com`,
                'PENDING',
                now,
                now,
              ],
        );
      }
      await old.destroy();
      const ds = await new DataSource({ ...options, migrations }).initialize();
      await ds.runMigrations();
      const rows = await ds.query<{ reference: string }[]>('SELECT reference FROM leads');
      await ds.destroy();
      expect(rows).toHaveLength(50);
      for (const row of rows) expect(row.reference).toMatch(REFERENCE);
      expect(new Set(rows.map((r) => r.reference)).size).toBe(50);
    } finally {
      if (pg) await dropTestDatabase(pg.name);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
