import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { PollingWorker } from '../common/polling-worker';
import { deliveryConfig, type DeliveryConfig } from '../config/configuration';
import { FollowUpClock } from '../follow-up/follow-up-clock';
import type { FollowUpStage } from '../leads/follow-up/follow-up-stage';
import { LeadFollowUps } from '../leads/follow-up/lead-follow-ups.service';
import { NotificationsService } from '../notifications/notifications.service';
import { LeadNotifier } from './lead-notifier.service';

const BATCH = 20;

/**
 * Speed-to-lead: when a pending lead's next follow-up step falls due (its row says which and
 * when), plans its messages — the reminder to the assignee, later the escalation to admins — and
 * moves the lead to its next step. A lead no longer pending just leaves the schedule. Durable
 * and exactly once across instances and restarts: the schedule is in the lead rows, each message
 * is a notification unique per lead, kind and recipient, and the step moves on conditionally.
 */
@Injectable()
export class FollowUpScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('FollowUp');
  private readonly worker: PollingWorker;

  constructor(
    private readonly followUps: LeadFollowUps,
    private readonly notifier: LeadNotifier,
    private readonly notifications: NotificationsService,
    private readonly clock: FollowUpClock,
    @Inject(deliveryConfig.KEY) delivery: DeliveryConfig,
  ) {
    this.worker = new PollingWorker('FollowUpScheduler', delivery.pollMs, () => this.run());
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  /** One pass over the leads whose step is due. True when there were some. */
  async run(): Promise<boolean> {
    const due = await this.followUps.due(BATCH);
    for (const leadId of due) {
      try {
        await this.step(leadId);
      } catch (error) {
        // The lead stays due and is tried again on a later pass; the others go on.
        this.logger.error(
          { leadId, err: error instanceof Error ? error.message : String(error) },
          `Could not plan the follow-up of lead ${leadId}; trying again`,
        );
      }
    }
    return due.length === BATCH;
  }

  private async step(leadId: string): Promise<void> {
    const lead = await this.notifier.loadLead(leadId);
    const stage = lead.followUpStage;
    if (!stage || !lead.followUpDueAt) return;
    if (lead.state !== 'PENDING') {
      await this.followUps.advance(leadId, stage, null);
      return;
    }
    const messages = await this.notifier.messagesFor(lead, stage);
    await this.notifications.plan(lead.id, 'email', messages);
    const moved = await this.followUps.advance(leadId, stage, this.next(stage, lead.followUpDueAt));
    if (moved) {
      this.logger.log(
        { leadId, stage, recipients: messages.length },
        `Lead ${leadId} is still pending: planned its ${stage}`,
      );
    }
  }

  private next(stage: FollowUpStage, dueAt: Date): { stage: FollowUpStage; at: Date } | null {
    return stage === 'reminder' ? { stage: 'escalation', at: this.clock.escalateAt(dueAt) } : null;
  }
}
