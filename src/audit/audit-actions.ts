/** Every action the audit trail records, in one place. */
export const AUDIT_ACTIONS = [
  'lead.viewed',
  'lead.resume_downloaded',
  'lead.state_changed',
  'lead.assigned',
  'lead.erased',
  'leads.exported',
  'user.created',
  'user.updated',
  'api_key.created',
  'api_key.revoked',
  'webhook.created',
  'webhook.deleted',
  'webhook.secret_rotated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
