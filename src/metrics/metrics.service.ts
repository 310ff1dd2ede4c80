import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * The service's Prometheus metrics, in one registry (not prom-client's global one, so two apps
 * in one test process do not collide). Backlogs are counted on scrape with cheap COUNT queries
 * on indexed columns, so every instance reports the shared database's state.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly leadsCreated = new Counter({
    name: 'leads_created_total',
    help: 'Leads created (counted by the instance that relays the event)',
    registers: [this.registry],
  });

  readonly signIn = new Counter({
    name: 'sign_in_refusals_total',
    help: 'POST /auth/token refused: outcome "failed" (400) or "throttled" (429)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'webhook_delivery_attempts_total',
    help: 'Webhook delivery attempts by event type and outcome (delivered, retry, failed)',
    labelNames: ['event', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    const count = async (sql: string): Promise<number> => {
      const rows = await dataSource.query<{ n: string | number }[]>(sql);
      return Number(rows[0]?.n ?? 0);
    };
    new Gauge({
      name: 'outbox_backlog',
      help: 'Outbox events not yet published',
      registers: [this.registry],
      async collect() {
        this.set(await count('SELECT COUNT(*) AS n FROM outbox_events WHERE published_at IS NULL'));
      },
    });
    new Gauge({
      name: 'notifications',
      help: 'Notifications by channel and status pending or failed (sent ones are not counted)',
      labelNames: ['channel', 'status'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows = await dataSource.query<{ channel: string; status: string; n: string }[]>(
          "SELECT channel, status, COUNT(*) AS n FROM notifications WHERE status IN ('pending', 'failed') GROUP BY channel, status",
        );
        for (const r of rows) this.set({ channel: r.channel, status: r.status }, Number(r.n));
      },
    });
  }
}
