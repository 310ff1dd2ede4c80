import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Repository } from 'typeorm';
import { integrationsConfig, type IntegrationsConfig } from '../../config/configuration';
import { PollingWorker } from '../../common/polling-worker';
import { insertRows } from '../../database/insert-rows';
import { TransactionRunner } from '../../database/transaction-runner';
import { ScheduledJob } from '../../jobs/scheduled-job.entity';
import { Lead } from '../lead.entity';
import { LeadErasureService } from './lead-erasure.service';

const JOB = 'lead-retention';
const DAY_MS = 24 * 3600 * 1000;
/** How often an instance asks whether the daily run is due. */
const CHECK_EVERY_MS = 3600 * 1000;
const BATCH = 100;

/**
 * RETENTION_DAYS: erases leads older than that, once a day across all instances. The instance
 * whose conditional UPDATE moves the job's next run a day ahead does the run; the others see
 * zero rows changed.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private readonly worker: PollingWorker;

  constructor(
    @InjectRepository(Lead) private readonly leads: Repository<Lead>,
    private readonly tx: TransactionRunner,
    private readonly erasure: LeadErasureService,
    @Inject(integrationsConfig.KEY) private readonly config: IntegrationsConfig,
  ) {
    this.worker = new PollingWorker('RetentionJob', CHECK_EVERY_MS, async () => {
      await this.runIfDue();
      return false;
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.retentionDays) this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  /** Runs the erasure when this instance wins today's claim; returns how many leads it erased. */
  async runIfDue(now = new Date()): Promise<number | null> {
    const days = this.config.retentionDays;
    if (!days || !(await this.claim(now))) return null;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    let erased = 0;
    for (;;) {
      const old = await this.leads.find({
        select: { id: true },
        where: { createdAt: LessThan(cutoff), erasedAt: IsNull() },
        order: { createdAt: 'ASC' },
        take: BATCH,
      });
      for (const { id } of old) await this.erasure.erase(id, null);
      erased += old.length;
      if (old.length < BATCH) break;
    }
    this.logger.log(`Erased ${erased} lead(s) older than ${days} days`);
    return erased;
  }

  private claim(now: Date): Promise<boolean> {
    return this.tx.run(async (em) => {
      await insertRows(em, ScheduledJob, { name: JOB, nextRunAt: now }).orIgnore().execute();
      const result = await em
        .createQueryBuilder()
        .update(ScheduledJob)
        .set({ nextRunAt: new Date(now.getTime() + DAY_MS) })
        .where('name = :name AND next_run_at <= :now', { name: JOB, now })
        .execute();
      return result.affected === 1;
    });
  }
}
