import { TransactionRunner } from '../src/database/transaction-runner';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { leadSearchText } from '../src/common/search-text';
import { SQLITE_SEARCH_TABLE } from '../src/database/dialect';
import { migrations } from '../src/database/migrations';
import { LeadSearchText1732350000008 } from '../src/database/migrations/1732350000008-lead-search-text';
import { Lead } from '../src/leads/lead.entity';
import { createTestDatabase, dropTestDatabase, usingPostgres } from './support/postgres';
import { startTestApp, validLead, type TestApp } from './support/test-app';

/** GET /leads: the received range (`from`/`to`), `sort`, and what `q` finds. */
describe('Lead list filters (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const list = (query: string) => t.http().get(`/leads?${query}`).auth(admin, { type: 'bearer' });
  const submit = async (overrides: Record<string, unknown>): Promise<string> => {
    const res = await t.http().post('/leads').send(validLead(overrides));
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  };

  describe('received between `from` and `to`, and `sort`', () => {
    // Leads only this block's queries find (q), received at chosen instants around a day's edges.
    const family = 'Rangefinder';
    const RECEIVED = {
      dayStart: '2026-03-01T00:00:00.000Z',
      dayEnd: '2026-03-01T23:59:59.999Z',
      nextDay: '2026-03-02T00:00:00.000Z',
      later: '2026-03-03T12:00:00.000Z',
    };
    type Name = keyof typeof RECEIVED;

    beforeAll(async () => {
      for (const [name, at] of Object.entries(RECEIVED)) {
        const id = await submit({ first_name: name, last_name: family });
        // Committed before the list reads it (reads go through their own connection).
        await t.app
          .get(TransactionRunner)
          .run((em) => em.update(Lead, id, { createdAt: new Date(at) }));
      }
    });

    const names = async (query: string): Promise<Name[]> => {
      const res = await list(`q=${family}&${query}`);
      expect(res.status).toBe(200);
      return (res.body as Array<{ first_name: Name }>).map((l) => l.first_name);
    };

    it('takes a bare date as the whole day, UTC: `from` inclusive, `to` up to midnight', async () => {
      expect(await names('from=2026-03-01&to=2026-03-01')).toEqual(['dayEnd', 'dayStart']);
      expect(await names('to=2026-03-02')).toEqual(['nextDay', 'dayEnd', 'dayStart']);
      expect(await names('from=2026-03-02')).toEqual(['later', 'nextDay']);
    });

    it('takes a date-time as the instant: `from` inclusive, `to` exclusive', async () => {
      expect(await names('from=2026-03-01T23:59:59.999Z')).toEqual(['later', 'nextDay', 'dayEnd']);
      expect(await names('to=2026-03-02T00:00:00Z')).toEqual(['dayEnd', 'dayStart']);
      expect(await names('from=2026-03-01T00:00:00.001Z&to=2026-03-02T00:00:00.001Z')).toEqual([
        'nextDay',
        'dayEnd',
      ]);
      // An offset is honoured: 01:00 at +01:00 is midnight UTC.
      expect(await names(`from=${encodeURIComponent('2026-03-02T01:00:00+01:00')}`)).toEqual([
        'later',
        'nextDay',
      ]);
      // No offset means UTC, as every time in the API.
      expect(await names('to=2026-03-01T12:00:00')).toEqual(['dayStart']);
    });

    it('takes a date-time `from` inside a bare-date `to`, which ends at the next midnight', async () => {
      expect(await names('from=2026-03-01T12:00Z&to=2026-03-01')).toEqual(['dayEnd']);
      expect(await names('from=2026-03-01T23:59:59.999Z&to=2026-03-01')).toEqual(['dayEnd']);
    });

    it('sorts newest first by default and oldest first with sort=created_at', async () => {
      const newest = ['later', 'nextDay', 'dayEnd', 'dayStart'];
      expect(await names('')).toEqual(newest);
      expect(await names('sort=-created_at')).toEqual(newest);
      expect(await names('sort=created_at')).toEqual([...newest].reverse());
      expect(await names('sort=created_at&from=2026-03-01T12:00Z&to=2026-03-03')).toEqual([
        'dayEnd',
        'nextDay',
        'later',
      ]);
    });

    it('counts and links pages with every filter carried along', async () => {
      const first = await list(`q=${family}&from=2026-03-01&to=2026-03-02&sort=created_at&limit=2`);
      expect(first.status).toBe(200);
      expect(first.headers['x-total-count']).toBe('3');
      expect((first.body as Array<{ first_name: string }>).map((l) => l.first_name)).toEqual([
        'dayStart',
        'dayEnd',
      ]);
      const next =
        `</leads?q=${family}&from=2026-03-01&to=2026-03-02&sort=created_at&limit=2&offset=2>; ` +
        'rel="next"';
      expect(first.headers.link).toBe(next);

      const second = await list(next.slice(next.indexOf('?') + 1, next.indexOf('>')));
      expect(second.headers['x-total-count']).toBe('3');
      expect((second.body as Array<{ first_name: string }>).map((l) => l.first_name)).toEqual([
        'nextDay',
      ]);
      expect(second.headers.link).toBe(
        `</leads?q=${family}&from=2026-03-01&to=2026-03-02&sort=created_at&limit=2&offset=0>; ` +
          'rel="prev"',
      );
      // A different range is counted on its own, not served the first range's cached total.
      const narrower = await list(`q=${family}&from=2026-03-02&limit=1`);
      expect(narrower.headers['x-total-count']).toBe('2');
    });

    it.each([
      ['from=yesterday', 'from must be an ISO-8601 date'],
      ['from=2026-02-30', 'from must be an ISO-8601 date'],
      ['to=2026-13-01', 'to must be an ISO-8601 date'],
      ['to=2026-03-01T24:00:00Z', 'to must be an ISO-8601 date'],
      ['from=1700000000', 'from must be an ISO-8601 date'],
      ['from=2026-03-01&from=2026-03-02', 'from must be an ISO-8601 date'],
      ['from=2026-03-02&to=2026-03-01', 'to must not be before from'],
      ['from=2026-03-01T12:00:00Z&to=2026-03-01T11:59:59Z', 'to must not be before from'],
      ['from=2026-03-02T00:00:00Z&to=2026-03-01', 'to must not be before from'],
      ['sort=name', 'sort must be one of the following values: -created_at, created_at'],
      ['sort=CREATED_AT', 'sort must be one of the following values'],
      ['sort=created_at&sort=-created_at', 'sort must be one of the following values'],
    ])('refuses %s with 400', async (query, message) => {
      const res = await list(query);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(JSON.stringify(res.body.message)).toContain(message);
    });
  });

  describe('q: names, full names and e-mail, whatever the case and accents', () => {
    let maria: string;
    let jose: string;

    beforeAll(async () => {
      maria = await submit({
        first_name: 'María',
        last_name: 'García López',
        email: 'mgl.abogados@example.com',
      });
      // Stored decomposed (e + combining acute), as some keyboards and systems send it.
      jose = await submit({
        first_name: 'Jose\u0301',
        last_name: 'Ñúñez',
        email: 'jn@example.com',
      });
      await submit({ first_name: 'Mario', last_name: 'Garcés', email: 'mg@example.com' });
    });

    const ids = async (q: string): Promise<string[]> => {
      const res = await list(`limit=100&q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      return (res.body as Array<{ id: string }>).map((l) => l.id);
    };

    it.each([
      'maria garcia',
      'garcia maria',
      'María García',
      'MARIA GARCIA LOPEZ',
      'lopez',
      'LÓPEZ',
      'garcía lópez',
      'maria lopez',
      'mgl.abogados@exam',
      'ABOGADOS',
      'ló', // shorter than a trigram: answered by a scan, still accent-insensitive
    ])('finds María García López with %j', async (q) => {
      expect(await ids(q)).toEqual([maria]);
    });

    it('finds a name stored decomposed with the precomposed spelling and without accents', async () => {
      expect(await ids('josé ñúñez')).toEqual([jose]);
      expect(await ids('jose nunez')).toEqual([jose]);
      expect(await ids('NUÑEZ')).toEqual([jose]);
    });

    it('needs every word to match, and matches nothing for words in no lead', async () => {
      expect(await ids('maria smith')).toEqual([]);
      expect(await ids('garc')).toEqual(expect.arrayContaining([maria]));
      expect((await ids('garc')).length).toBe(2); // García and Garcés
      expect(await ids('garcia mario')).toEqual([]);
    });

    (usingPostgres() ? it : it.skip)(
      'answers PostgreSQL searches from the trigram index',
      async () => {
        const db = t.app.get(DataSource);
        const plan = await db.transaction(async (em) => {
          await em.query('SET LOCAL enable_seqscan = off');
          return em.query<Array<{ 'QUERY PLAN': string }>>(
            "EXPLAIN SELECT id FROM leads WHERE search_text LIKE '%garcia%'",
          );
        });
        expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('pg_trgm_leads_search_text');
      },
    );
  });

  describe('a database made before search_text existed', () => {
    it('is backfilled by the migration with what the service stores, and searchable', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'lead-intake-backfill-'));
      const pg = usingPostgres() ? await createTestDatabase('lead_backfill') : undefined;
      const options: DataSourceOptions = pg
        ? { type: 'postgres', url: pg.url }
        : { type: 'sqlite', database: join(dir, 'd.sqlite') };
      const p = (n: number) => (pg ? `$${n}` : '?');
      const upTo = migrations.indexOf(LeadSearchText1732350000008);
      const old = await new DataSource({
        ...options,
        migrations: migrations.slice(0, upTo),
      }).initialize();
      try {
        await old.runMigrations();
        await old.query(
          'INSERT INTO leads (id, first_name, last_name, email, state, created_at, updated_at) ' +
            `VALUES (${[1, 2, 3, 4, 5, 6, 7].map(p).join(', ')})`,
          [
            '0192f0e0-0000-7000-8000-000000000001',
            'Zoë',
            'Ångström',
            'zoe@example.com',
            'PENDING',
            new Date(),
            new Date(),
          ],
        );
      } finally {
        await old.destroy();
      }
      const now = await new DataSource({ ...options, migrations }).initialize();
      try {
        await now.runMigrations();
        const [row] = await now.query<Array<{ search_text: string }>>(
          'SELECT search_text FROM leads',
        );
        expect(row.search_text).toBe(leadSearchText('Zoë', 'Ångström', 'zoe@example.com'));
        const found = await now.query<unknown[]>(
          pg
            ? "SELECT id FROM leads WHERE search_text LIKE '%angstrom%'"
            : `SELECT rowid FROM ${SQLITE_SEARCH_TABLE} WHERE ${SQLITE_SEARCH_TABLE} MATCH '"angstrom"'`,
        );
        expect(found).toHaveLength(1);
      } finally {
        await now.destroy();
        if (pg) await dropTestDatabase(pg.name);
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
