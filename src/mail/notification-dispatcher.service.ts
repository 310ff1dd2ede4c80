import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { retryDelayMs } from '../common/backoff';
import { PollingWorker } from '../common/polling-worker';
import { deliveryConfig, type DeliveryConfig } from '../config/configuration';
import { LeadsService } from '../leads/leads.service';
import type { Notification } from '../notifications/notification.entity';
import { NotificationsDueEvent } from '../notifications/notifications-due.event';
import { NotificationsService } from '../notifications/notifications.service';
import { LeadNotifier } from './lead-notifier.service';
import { describeSmtpFailure, isPermanentSmtpFailure } from './smtp-errors';

const BATCH = 20;
const PARALLEL_SENDS = 4;
const METRICS_EVERY_MS = 60_000;

/**
 * Sends due notifications. Each is leased to one instance at a time (claim + lease), recorded as
 * sent right after the SMTP server accepts it, and carries a stable Message-ID so a resend after a
 * crash in between can be recognised downstream. A recipient refused for good (5xx to RCPT TO)
 * fails at once; other errors retry with back-off until MAIL_MAX_ATTEMPTS.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailDelivery');
  private readonly worker: PollingWorker;
  private readonly counters = { sent: 0, retried: 0, failed: 0 };
  private metricsTimer?: NodeJS.Timeout;
  private lastReported = '';

  constructor(
    private readonly notifications: NotificationsService,
    private readonly leads: LeadsService,
    private readonly notifier: LeadNotifier,
    @Inject(deliveryConfig.KEY) private readonly delivery: DeliveryConfig,
  ) {
    this.worker = new PollingWorker('MailDispatcher', delivery.pollMs, () => this.dispatch());
  }

  onApplicationBootstrap(): void {
    this.worker.start();
    this.metricsTimer = setInterval(() => this.reportMetrics(), METRICS_EVERY_MS);
    this.metricsTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.metricsTimer);
    await this.worker.stop();
    this.reportMetrics();
  }

  @OnEvent(NotificationsDueEvent.name)
  kick(event: NotificationsDueEvent): void {
    if (event.channel === 'email') this.worker.kick();
  }

  /** One pass: claim a batch and send it, a few at a time. True when there was work. */
  async dispatch(): Promise<boolean> {
    const due = await this.notifications.claimDue('email', BATCH, this.delivery.leaseMs);
    for (let i = 0; i < due.length; i += PARALLEL_SENDS) {
      await Promise.all(due.slice(i, i + PARALLEL_SENDS).map((n) => this.deliver(n)));
    }
    return due.length > 0;
  }

  private async deliver(row: Notification): Promise<void> {
    try {
      const lead = await this.leads.get(row.leadId);
      const message = { kind: row.kind, recipient: row.recipient };
      if (!this.notifier.stillWanted(lead, message)) {
        await this.notifications.drop(row);
        this.logger.log(
          { leadId: row.leadId, notificationId: row.id, kind: row.kind },
          `Dropped ${row.kind} for lead ${row.leadId}: no longer needed`,
        );
        return;
      }
      await this.notifier.send(lead, message, row.id);
    } catch (error) {
      await this.recordFailure(row, error);
      return;
    }
    await this.notifications.settle(row, { status: 'sent' });
    this.counters.sent += 1;
    this.logger.log(
      { leadId: row.leadId, notificationId: row.id, kind: row.kind, attempts: row.attempts + 1 },
      `Sent ${row.kind} for lead ${row.leadId}`,
    );
  }

  private async recordFailure(row: Notification, error: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const reason = describeSmtpFailure(error);
    const context = {
      leadId: row.leadId,
      notificationId: row.id,
      kind: row.kind,
      attempts,
      err: reason,
    };
    if (isPermanentSmtpFailure(error) || attempts >= this.delivery.maxAttempts) {
      await this.notifications.settle(row, { status: 'failed', error: reason });
      this.counters.failed += 1;
      this.logger.error(context, `Gave up on ${row.kind} for lead ${row.leadId}: ${reason}`);
      return;
    }
    const retryAt = new Date(Date.now() + retryDelayMs(attempts, this.delivery));
    await this.notifications.settle(row, { status: 'pending', error: reason, retryAt });
    this.counters.retried += 1;
    this.logger.warn(
      { ...context, retryAt: retryAt.toISOString() },
      `Could not send ${row.kind} for lead ${row.leadId} (attempt ${attempts}); retrying`,
    );
  }

  private reportMetrics(): void {
    const snapshot = JSON.stringify(this.counters);
    if (snapshot === this.lastReported) return;
    this.lastReported = snapshot;
    this.logger.log(
      { metrics: { mail: { ...this.counters } } },
      `Mail delivery counters ${snapshot}`,
    );
  }
}
