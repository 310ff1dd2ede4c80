import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics.service';

/**
 * Times every request and labels it by route template (`/leads/:id`, never the id itself, so
 * the number of series stays bounded); unmatched paths share one label.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const template = (req.route as { path?: unknown } | undefined)?.path;
      // Every controller route is mounted on the app itself: the template is the whole path.
      const route = typeof template === 'string' ? template : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
      if (route === '/auth/token' && (res.statusCode === 400 || res.statusCode === 429)) {
        this.metrics.signIn.inc({ outcome: res.statusCode === 429 ? 'throttled' : 'failed' });
      }
    });
    next();
  }
}
