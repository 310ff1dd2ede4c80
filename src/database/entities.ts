import { AuthSession } from '../auth/auth-session.entity';
import { LeadStateChange } from '../leads/lead-state-change.entity';
import { IdempotencyKey } from '../leads/idempotency/idempotency-key.entity';
import { Lead } from '../leads/lead.entity';
import { LeadResume } from '../leads/resume/lead-resume.entity';
import { Notification } from '../notifications/notification.entity';
import { OutboxEvent } from '../outbox/outbox-event.entity';
import { User } from '../users/user.entity';

/** Every entity, for the TypeORM CLI; the app registers them per feature module. */
export const ENTITIES = [
  User,
  Lead,
  LeadStateChange,
  LeadResume,
  IdempotencyKey,
  OutboxEvent,
  Notification,
  AuthSession,
];
