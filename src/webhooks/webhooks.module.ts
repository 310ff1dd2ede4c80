import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeadsModule } from '../leads/leads.module';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDeliveries } from './webhook-deliveries.service';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookErasureListener } from './webhook-erasure.listener';
import { WebhookPlanner } from './webhook-planner.listener';
import { WebhookTargets } from './webhook-targets.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Outbound webhooks: a new channel for the leads feature's outbox events (leads knows nothing of
 * it), admin-managed endpoints, signed deliveries with retries and a log.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([WebhookEndpoint, WebhookDelivery, WebhookAttempt]),
    LeadsModule,
  ],
  controllers: [WebhooksController],
  providers: [
    WebhooksService,
    WebhookTargets,
    WebhookDeliveries,
    WebhookPlanner,
    WebhookDispatcher,
    WebhookErasureListener,
  ],
})
export class WebhooksModule {}
