import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { SOURCE_FIELDS } from './lead-source.dto';

/**
 * A form (multipart or urlencoded) cannot nest: it sends `source` as flat fields (`utm_source`,
 * …, `referrer`). They are folded into `source` here, before validation, so one DTO checks both
 * shapes; blank ones (a plain form posts every hidden input) are dropped. JSON clients send the
 * object, and flat fields there stay unknown fields (400). Must run after the multipart parser.
 */
@Injectable()
export class SourceFieldsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.is(['multipart/form-data', 'application/x-www-form-urlencoded'])) {
      foldSourceFields(req.body as Record<string, unknown> | undefined);
    }
    return next.handle();
  }
}

export function foldSourceFields(body: Record<string, unknown> | undefined): void {
  if (!body || typeof body !== 'object' || 'source' in body) return;
  const source: Record<string, unknown> = {};
  for (const field of SOURCE_FIELDS) {
    if (!(field in body)) continue;
    const value = body[field];
    delete body[field];
    if (typeof value !== 'string' || value.trim()) source[field] = value;
  }
  if (Object.keys(source).length > 0) body.source = source;
}
