import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { concatMap, type Observable } from 'rxjs';
import type { AuthUser } from '../common/decorators/current-user.decorator';
import type { AuditAction } from './audit-actions';
import { AuditService } from './audit.service';
import { AUDITED_KEY } from './audited.decorator';

/**
 * Global: after a route marked @Audited() succeeds, records who did it and to what, before the
 * answer leaves (a failed audit write fails the request rather than going unrecorded).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = this.reflector.get<AuditAction | undefined>(AUDITED_KEY, context.getHandler());
    if (!action) return next.handle();
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    return next.handle().pipe(
      concatMap(async (answer: unknown) => {
        const param = req.params.id;
        const id = typeof param === 'string' ? param : idOf(answer);
        const aboutLead = action.startsWith('lead.');
        await this.audit.record({
          actor: req.user,
          action,
          leadId: aboutLead ? id : null,
          targetId: aboutLead ? null : id,
        });
        return answer;
      }),
    );
  }
}

function idOf(answer: unknown): string | null {
  const id = (answer as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
}
