import {
  Controller,
  Get,
  Headers,
  Inject,
  NotFoundException,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../common/decorators/public.decorator';
import { integrationsConfig, type IntegrationsConfig } from '../config/configuration';
import { Metrics } from './metrics.service';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Prometheus scrape endpoint: 404 unless METRICS_TOKEN is set, then only with that token as a
 * bearer token. Not in the OpenAPI document (it is for monitoring, not API clients; the README
 * describes it).
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(integrationsConfig.KEY) private readonly config: IntegrationsConfig,
  ) {}

  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const token = this.config.metricsToken;
    if (!token) throw new NotFoundException('Cannot GET /metrics');
    // Hashes first: timingSafeEqual needs equal lengths, and the hash hides the token's length.
    const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(given), digest(token))) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException('A valid metrics token is required');
    }
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    return this.metrics.registry.metrics();
  }
}
