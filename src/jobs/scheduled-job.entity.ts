import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/dialect';

/**
 * One row per periodic job: the instance whose UPDATE moves `next_run_at` forward runs it, so a
 * daily job runs once a day however many instances there are.
 */
@Entity({ name: 'scheduled_jobs' })
export class ScheduledJob {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ name: 'next_run_at', type: TIMESTAMP })
  nextRunAt: Date;
}
