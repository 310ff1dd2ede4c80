import {
  Global,
  Injectable,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { LeadCreatedEvent } from '../leads/events/lead-created.event';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { Metrics } from './metrics.service';

@Injectable()
class LeadMetricsListener {
  constructor(private readonly metrics: Metrics) {}

  @OnEvent(LeadCreatedEvent.name)
  created(): void {
    this.metrics.leadsCreated.inc();
  }
}

/** Global so delivery code (webhooks) can count into it; it listens to leads' events only. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics, LeadMetricsListener],
  exports: [Metrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
