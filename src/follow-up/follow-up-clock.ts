import { Inject, Injectable } from '@nestjs/common';
import { addBusinessTime } from '../common/business-hours';
import { followUpConfig, type FollowUpConfig } from '../config/configuration';

/**
 * When a lead falls due for first contact, and when admins hear it is still waiting: both counted
 * in the firm's business hours, in its time zone (FOLLOW_UP_SLA, FOLLOW_UP_ESCALATE_AFTER,
 * BUSINESS_HOURS, FIRM_TIMEZONE). Computed here only.
 */
@Injectable()
export class FollowUpClock {
  constructor(@Inject(followUpConfig.KEY) private readonly config: FollowUpConfig) {}

  dueAt(receivedAt: Date): Date {
    return this.after(receivedAt, this.config.slaMs);
  }

  escalateAt(dueAt: Date): Date {
    return this.after(dueAt, this.config.escalateAfterMs);
  }

  private after(start: Date, ms: number): Date {
    return addBusinessTime(start, ms, this.config.businessHours, this.config.timeZone);
  }
}
