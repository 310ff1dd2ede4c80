import { EventEmitter2 } from '@nestjs/event-emitter';
import type { DataSource, Repository } from 'typeorm';
import type { DeliveryConfig } from '../config/configuration';
import { TransactionRunner } from '../database/transaction-runner';
import { inMemoryDatabase } from '../../test/support/in-memory-database';
import { waitFor } from '../../test/support/wait-for';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxService } from './outbox.service';

const DELIVERY: DeliveryConfig = {
  maxAttempts: 3,
  retryBaseMs: 60_000,
  retryMaxMs: 3_600_000,
  pollMs: 1000,
  leaseMs: 120_000,
};

describe('OutboxService relay', () => {
  let ds: DataSource;
  let events: Repository<OutboxEvent>;
  let bus: EventEmitter2;
  let outbox: OutboxService;
  let tx: TransactionRunner;
  /** What the test listener saw: `start <event>` and `end <event>`, in order. */
  let seen: string[];

  beforeEach(async () => {
    ds = await inMemoryDatabase();
    events = ds.getRepository(OutboxEvent);
    bus = new EventEmitter2();
    tx = new TransactionRunner(ds);
    outbox = new OutboxService(events, tx, bus, DELIVERY);
    seen = [];
  });
  afterEach(() => ds.destroy());

  /** Records an event about `leadId`, named `name` in its payload; claim order is call order. */
  let clock = Date.parse('2026-11-30T09:00:00Z');
  const record = async (leadId: string, name: string) => {
    await tx.run((em) => outbox.record(em, 'test.event', { leadId, name }));
    const [latest] = await events.find({ order: { id: 'DESC' }, take: 1 });
    await events.update({ id: latest.id }, { createdAt: new Date((clock += 1)) });
  };

  it('publishes the events of different leads side by side, and those of one lead in order', async () => {
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- emitAsync awaits it
    bus.on('test.event', ({ name }: { name: string }) => {
      seen.push(`start ${name}`);
      // a1 is held until b1 has started: a relay that publishes one at a time never gets there.
      return (name === 'a1' ? firstHeld : Promise.resolve()).then(() => {
        seen.push(`end ${name}`);
      });
    });
    await record('lead-a', 'a1');
    await record('lead-a', 'a2');
    await record('lead-b', 'b1');

    const pass = outbox.relay();
    await waitFor(() => seen.includes('start b1'), { what: 'b1 published while a1 is held' });
    expect(seen).not.toContain('start a2');
    releaseFirst();
    await expect(pass).resolves.toBe(true);
    expect(seen.indexOf('start a2')).toBeGreaterThan(seen.indexOf('end a1'));
    expect((await events.find()).every((e) => e.publishedAt && !e.claimToken)).toBe(true);
  });

  it('marks the published events of a pass and keeps a failed one to retry after a back-off', async () => {
    bus.on('test.event', ({ name }: { name: string }) => {
      if (name === 'broken') throw new Error('listener failed');
    });
    await record('lead-a', 'fine');
    await record('lead-b', 'broken');
    await record('lead-c', 'also fine');

    await expect(outbox.relay()).resolves.toBe(true);
    const rows = await events.find();
    const byName = (name: string) =>
      rows.find((e) => (JSON.parse(e.payload) as { name: string }).name === name)!;
    expect(byName('fine').publishedAt).not.toBeNull();
    expect(byName('also fine').publishedAt).not.toBeNull();
    expect(byName('broken')).toMatchObject({
      publishedAt: null,
      attempts: 1,
      lastError: 'listener failed',
    });
    expect(byName('broken').claimedUntil!.getTime()).toBeGreaterThan(Date.now());
    // Nothing left to publish until the back-off ends.
    await expect(outbox.relay()).resolves.toBe(false);
  });

  it("holds a lead's later events back with a failed one, and publishes the other leads'", async () => {
    bus.on('test.event', ({ name }: { name: string }) => {
      seen.push(name);
      if (name === 'a1') throw new Error('listener failed');
    });
    await record('lead-a', 'a1');
    await record('lead-a', 'a2');
    await record('lead-b', 'b1');

    await expect(outbox.relay()).resolves.toBe(true);
    expect(seen.sort()).toEqual(['a1', 'b1']);
    const rows = await events.find();
    const byName = (name: string) =>
      rows.find((e) => (JSON.parse(e.payload) as { name: string }).name === name)!;
    expect(byName('b1').publishedAt).not.toBeNull();
    expect(byName('a2')).toMatchObject({ publishedAt: null, attempts: 0 });
    // a2 waits exactly as long as a1: both come back together, in order.
    expect(byName('a2').claimedUntil).toEqual(byName('a1').claimedUntil);
    expect(byName('a1').claimedUntil!.getTime()).toBeGreaterThan(Date.now());
  });
});
