import { Module } from '@nestjs/common';
import { FollowUpClock } from './follow-up-clock';

/** Speed-to-lead timing, shared by leads (the due time) and mail (reminders, escalations). */
@Module({ providers: [FollowUpClock], exports: [FollowUpClock] })
export class FollowUpModule {}
