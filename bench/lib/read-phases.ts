import { PhaseBase, k, ratio } from './phase-base';
import { listSpec, loginSpec, searchSpec, updateSpec } from './scenarios';
import { SeedLeads } from './seed-data';
import { login, loginForm, type Running } from './service';

/**
 * Scenarios 2–5: the reads (and the state changes of 4) on one database, seeded with 1 000 and
 * then 100 000 leads. Never pinned: scenario 5 is about how the service shares the machine's
 * cores between bcrypt and requests.
 */
export abstract class ReadPhases extends PhaseBase {
  /** Scenarios 2–5 on one database, grown from 1 000 to 100 000 seeded leads in between. */
  protected async reads(): Promise<void> {
    const db = await this.store.copy(this.template!, 'reads');
    const leads = new SeedLeads(this.opts.largeSeed);
    const needSmall = this.has('list') || this.has('login');
    if (needSmall) {
      await this.seed(db, leads, 0, this.opts.smallSeed);
      const s = await this.service(db, this.sinks.instant, 'reads-1k');
      const token = await login(s.baseUrl, this.settings);
      const title = `2 GET /leads?limit=50 @${k(this.opts.smallSeed)}`;
      if (this.has('list'))
        await this.m.measure('2-list-1k', title, listSpec(s.baseUrl, token), 200);
      if (this.has('login')) await this.logins(s, token);
      await this.stop(s);
    }
    if (this.has('list') || this.has('search') || this.has('update')) {
      await this.seed(db, leads, needSmall ? this.opts.smallSeed : 0, leads.total);
      const s = await this.service(db, this.sinks.instant, 'reads-100k');
      await this.large(s, await login(s.baseUrl, this.settings), leads);
      await this.stop(s);
    }
  }

  /** Scenarios 2 (second half), 3 and 4 at 100 000 leads; the writes of 4 come last. */
  private async large(s: Running, token: string, leads: SeedLeads): Promise<void> {
    const at = `@${k(leads.total)}`;
    if (this.has('list')) {
      const spec = listSpec(s.baseUrl, token);
      const row = await this.m.measure('2-list-100k', `2 GET /leads?limit=50 ${at}`, spec, 200);
      const small = this.row('2-list-1k');
      if (small) {
        row.notes.push(`p99 ${ratio(row.result.p99, small.result.p99)} @${k(this.opts.smallSeed)}`);
      }
    }
    if (this.has('search')) {
      const spec = searchSpec(s.baseUrl, token);
      const row = await this.m.measure(
        '3-search-100k',
        `3 GET /leads?q=<surname> ${at}`,
        spec,
        200,
      );
      row.notes.push('each term matches ~2 % of leads');
    }
    if (this.has('update')) {
      const spec = updateSpec(s.baseUrl, token, leads.ids);
      const row = await this.m.measure('4-update-100k', `4 PUT /leads/{id} ${at}`, spec, 200);
      const n = spec.touched();
      row.notes.push(
        n <= leads.total
          ? `${n} different leads, each a real PENDING→REACHED_OUT`
          : `${n} requests over ${leads.total} leads: repeats are no-ops`,
      );
    }
  }

  /** Scenario 5: logins alone, then GET /leads with and without a login storm beside it. */
  private async logins(s: Running, token: string): Promise<void> {
    const small = k(this.opts.smallSeed);
    const logins = loginSpec(s.baseUrl, loginForm(this.settings));
    const list = listSpec(s.baseUrl, token);
    const [alone] = await this.m.measureTogether([{ spec: logins, expectStatus: 200 }], '5 logins');
    this.m.add('5-login', `5 POST /auth/token (bcrypt cost ${this.opts.bcryptCost})`, alone, [
      `${(alone.reqPerSec / this.opts.cores).toFixed(2)} logins/s per core (${this.opts.cores} cores)`,
    ]);
    const quiet =
      this.row('2-list-1k') ??
      (await this.m.measure('5-quiet-list', `5 GET /leads?limit=50 @${small}, quiet`, list, 200));
    const [storm, stormLogins] = await this.m.measureTogether(
      [
        { spec: list, expectStatus: 200 },
        { spec: logins, expectStatus: 200 },
      ],
      '5 GET /leads during a login storm',
    );
    this.m.add('5-storm-list', `5 GET /leads?limit=50 @${small}, login storm`, storm, [
      `p99 ${ratio(storm.p99, quiet.result.p99)} quiet`,
      `storm beside it: ${stormLogins.reqPerSec.toFixed(1)} logins/s, p99 ${stormLogins.p99} ms`,
    ]);
  }
}
