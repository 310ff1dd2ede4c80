import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { retryDelayMs } from '../common/backoff';
import { Coalescer } from '../common/coalescer';
import { PollingWorker } from '../common/polling-worker';
import { Semaphore } from '../common/semaphore';
import { deliveryConfig, type DeliveryConfig } from '../config/configuration';
import type { Lead } from '../leads/lead.entity';
import { LeadsService, readableLead } from '../leads/leads.service';
import type { Notification } from '../notifications/notification.entity';
import { NotificationsDueEvent } from '../notifications/notifications-due.event';
import { NotificationsService } from '../notifications/notifications.service';
import { LeadNotifier } from './lead-notifier.service';
import { describeSmtpFailure, isPermanentSmtpFailure } from './smtp-errors';

const BATCH = 50;
/** Sends in flight: one per pooled SMTP connection (see MailModule). */
const PARALLEL_SENDS = 4;
/**
 * A claimed message is not started this close to the end of its lease (a quarter of it, at most
 * 15 s): after the lease another instance may claim and send it too.
 */
const LEASE_MARGIN_MS = 15_000;
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
  private readonly sends = new Semaphore(PARALLEL_SENDS);
  private readonly sent: Coalescer<Notification>;

  constructor(
    private readonly notifications: NotificationsService,
    private readonly leads: LeadsService,
    private readonly notifier: LeadNotifier,
    @Inject(deliveryConfig.KEY) private readonly delivery: DeliveryConfig,
  ) {
    this.worker = new PollingWorker('MailDispatcher', delivery.pollMs, () => this.dispatch());
    this.sent = new Coalescer((rows) => this.notifications.markSent(rows));
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

  /**
   * One pass: claim a batch, load its leads in one query, and send it over the pooled
   * connections, a few at a time. The sent marks of messages finishing together are one
   * statement. True when there was work.
   */
  async dispatch(): Promise<boolean> {
    const due = await this.notifications.claimDue('email', BATCH, this.delivery.leaseMs);
    if (due.length === 0) return false;
    let leads: Map<string, Lead>;
    try {
      leads = await this.leads.getMany([...new Set(due.map((row) => row.leadId))]);
    } catch (error) {
      for (const row of due) await this.recordFailure(row, error);
      return true;
    }
    await Promise.all(
      due.map((row) => this.sends.run(() => this.deliver(row, leads.get(row.leadId)))),
    );
    return true;
  }

  private async deliver(row: Notification, found: Lead | undefined): Promise<void> {
    // Held too long behind slow sends: the lease may pass to another instance; leave it.
    const margin = Math.min(LEASE_MARGIN_MS, this.delivery.leaseMs / 4);
    if (row.claimedUntil && row.claimedUntil.getTime() - Date.now() < margin) return;
    try {
      const lead = readableLead(found);
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
    try {
      await this.sent.add(row);
    } catch (error) {
      // Sent, but not recorded: after its lease it is sent again, with the same Message-ID.
      this.logger.error(
        { leadId: row.leadId, notificationId: row.id, kind: row.kind, err: String(error) },
        `Sent ${row.kind} for lead ${row.leadId} but could not record it`,
      );
      return;
    }
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
