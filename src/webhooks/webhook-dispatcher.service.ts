import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { performance } from 'node:perf_hooks';
import { Repository } from 'typeorm';
import { retryDelayMs } from '../common/backoff';
import { PollingWorker } from '../common/polling-worker';
import {
  deliveryConfig,
  integrationsConfig,
  type DeliveryConfig,
  type IntegrationsConfig,
} from '../config/configuration';
import { Metrics } from '../metrics/metrics.service';
import { deliveryNext } from './delivery-next';
import { WebhookDeliveries, type AttemptResult } from './webhook-deliveries.service';
import type { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint, signingSecrets } from './webhook-endpoint.entity';
import { postWebhook } from './webhook-post';
import { signatureHeader } from './webhook-signature';
import { TargetRefused, WebhookTargets } from './webhook-targets.service';

/** Receivers must answer within this, or the attempt counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_USER_AGENT = 'lead-intake-webhooks/1.0';
/** Claimed per pass, and all sent at once: a pass lasts one timeout at most. */
const BATCH = 8;
/** A lease must outlast the attempt, or a second instance would send the same delivery again. */
const MIN_LEASE_MS = 6 * WEBHOOK_TIMEOUT_MS;

/**
 * Sends due webhook deliveries. Each is leased to one instance (claim + lease, as mail), POSTed
 * once per attempt (postWebhook), and settled with a log row. Redirects are failures, never
 * followed (a 3xx could point anywhere, the SSRF check saw only the first host). Non-2xx,
 * timeouts and network errors retry with back-off until WEBHOOK_MAX_ATTEMPTS. A crash between a
 * receiver's 2xx and the settle sends it again after the lease: receivers de-duplicate on
 * `Webhook-Id`.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookDelivery');
  private readonly worker: PollingWorker;
  /** Ends the requests in flight at shutdown, so stopping does not wait for a slow receiver. */
  private readonly shutdown = new AbortController();

  constructor(
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
    private readonly deliveries: WebhookDeliveries,
    private readonly targets: WebhookTargets,
    private readonly metrics: Metrics,
    @Inject(deliveryConfig.KEY) private readonly delivery: DeliveryConfig,
    @Inject(integrationsConfig.KEY) private readonly integrations: IntegrationsConfig,
  ) {
    this.worker = new PollingWorker('WebhookDispatcher', delivery.pollMs, () => this.dispatch());
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    await this.worker.stop();
  }

  kick(): void {
    this.worker.kick();
  }

  /** One pass: claim a batch and send it. True when there was work. */
  async dispatch(): Promise<boolean> {
    const leaseMs = Math.max(this.delivery.leaseMs, MIN_LEASE_MS);
    const due = await this.deliveries.claimDue(BATCH, leaseMs);
    await Promise.all(due.map((row) => this.deliver(row)));
    return due.length > 0;
  }

  private async deliver(row: WebhookDelivery): Promise<void> {
    const endpoint = await this.endpoints.findOneBy({ id: row.endpointId });
    if (!endpoint) return; // deleted meanwhile; its deliveries went with it
    const result = await this.attempt(endpoint, row);
    // Shutting down: the lease runs out and another instance (or this one, restarted) retries.
    if (this.shutdown.signal.aborted) return;
    const attempts = row.attempts + 1;
    const next = deliveryNext(result.outcome, attempts, this.integrations.webhookMaxAttempts, (n) =>
      retryDelayMs(n, this.delivery),
    );
    const settled = await this.deliveries.settle(row, result, next);
    if (!settled) return;
    const outcome = next.status === 'pending' ? 'retry' : next.status;
    this.metrics.webhookDeliveries.inc({ event: row.eventType, outcome });
    const context = {
      webhookId: endpoint.id,
      deliveryId: row.id,
      leadId: row.leadId,
      event: row.eventType,
      attempts,
      status: result.responseStatus,
      err: result.error,
    };
    if (next.status === 'delivered') {
      this.logger.log(context, `Delivered ${row.eventType} ${row.id} to webhook ${endpoint.id}`);
    } else if (next.status === 'failed') {
      this.logger.error(
        context,
        `Gave up on ${row.eventType} ${row.id} for webhook ${endpoint.id}: ${result.error}`,
      );
    } else {
      this.logger.warn(
        { ...context, retryAt: next.retryAt.toISOString() },
        `Webhook ${endpoint.id} did not take ${row.eventType} ${row.id} (attempt ${attempts}); retrying`,
      );
    }
  }

  /** One POST (after the SSRF check), measured; never throws. */
  private async attempt(endpoint: WebhookEndpoint, row: WebhookDelivery): Promise<AttemptResult> {
    const attemptedAt = new Date();
    const started = performance.now();
    const done = (fields: Pick<AttemptResult, 'outcome' | 'responseStatus' | 'error'>) => ({
      ...fields,
      error: fields.error?.slice(0, 500) ?? null,
      durationMs: Math.round(performance.now() - started),
      attemptedAt,
    });
    // Read again now: the lead may have been erased since this delivery was claimed.
    const body = await this.deliveries.currentBody(row.id);
    if (body === null)
      return done({ outcome: 'failed', responseStatus: null, error: 'Lead erased' });
    try {
      await this.targets.check(endpoint.url);
      const timestamp = Math.floor(Date.now() / 1000);
      const status = await postWebhook(
        endpoint.url,
        {
          'Content-Type': 'application/json',
          'User-Agent': WEBHOOK_USER_AGENT,
          'Webhook-Id': row.id,
          'Webhook-Timestamp': String(timestamp),
          'Webhook-Signature': signatureHeader(
            signingSecrets(endpoint, new Date()),
            timestamp,
            body,
          ),
        },
        body,
        {
          lookup: this.targets.connectionLookup(),
          signal: AbortSignal.any([AbortSignal.timeout(WEBHOOK_TIMEOUT_MS), this.shutdown.signal]),
        },
      );
      if (status >= 200 && status < 300)
        return done({ outcome: 'delivered', responseStatus: status, error: null });
      const error =
        status >= 300 && status < 400
          ? `HTTP ${status}: redirects are not followed`
          : `HTTP ${status}`;
      return done({ outcome: 'failed', responseStatus: status || null, error });
    } catch (error) {
      return done({ outcome: 'failed', responseStatus: null, error: describeFailure(error) });
    }
  }
}

/** A short, secret-free reason for the log. */
function describeFailure(error: unknown): string {
  if (error instanceof TargetRefused) return `Refused: the target ${error.message}`;
  const cause = (error as { cause?: { name?: string } }).cause;
  if (error instanceof Error && (error.name === 'TimeoutError' || cause?.name === 'TimeoutError')) {
    return `No answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`;
  }
  if (error instanceof Error && error.name === 'AbortError') return 'Aborted (service stopping)';
  const code = (error as { code?: string }).code;
  if (code) return `Network error: ${code}`;
  return error instanceof Error ? error.message : String(error);
}
