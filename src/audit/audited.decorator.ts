import { SetMetadata } from '@nestjs/common';
import type { AuditAction } from './audit-actions';

export const AUDITED_KEY = 'auditAction';

/**
 * Records `action` in the audit trail when the route succeeds (AuditInterceptor): the caller, and
 * the `:id` of the route (or the `id` of the answer, for a create) as the lead or the target.
 */
export const Audited = (action: AuditAction) => SetMetadata(AUDITED_KEY, action);
