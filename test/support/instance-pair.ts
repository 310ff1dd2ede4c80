import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, dropTestDatabase } from './postgres';
import { freePort, ServiceProcess } from './service-process';
import { SmtpSink } from './smtp-sink';
import { testEnv } from './test-app';

export interface InstancePair {
  instances: ServiceProcess[];
  smtp: SmtpSink;
  /** The shared database, for tests that check stored rows. */
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * Two built services on one new PostgreSQL database and one SMTP sink, started together on the
 * empty database (so they race to migrate and to create the admin), as behind a load balancer.
 */
export async function startInstancePair(
  name: string,
  env: Record<string, string> = {},
): Promise<InstancePair> {
  const dir = mkdtempSync(join(tmpdir(), `lead-intake-${name}-`));
  const smtp = await new SmtpSink().start();
  const db = await createTestDatabase(`lead_${name}`);
  const shared = { ...testEnv(dir, smtp, db.url), ...env };
  const instances = [
    new ServiceProcess(await freePort(), shared),
    new ServiceProcess(await freePort(), shared),
  ];
  await Promise.all(instances.map((i) => i.start()));
  return {
    instances,
    smtp,
    databaseUrl: db.url,
    stop: async () => {
      await Promise.all(instances.map((i) => i.stop()));
      await smtp.stop();
      await dropTestDatabase(db.name);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
