import { Init1732350000000 } from './1732350000000-init';
import { LeadSearchTrigram1732350000001 } from './1732350000001-lead-search-trigram';
import { ResumesAndIdempotency1732350000002 } from './1732350000002-resumes-and-idempotency';
import { OutboxAndNotifications1732350000003 } from './1732350000003-outbox-and-notifications';
import { LeadSearchFts1732350000004 } from './1732350000004-lead-search-fts';
import { SessionsAndRateLimits1732350000005 } from './1732350000005-sessions-and-rate-limits';
import { NotificationsByRecipient1732350000006 } from './1732350000006-notifications-by-recipient';
import { LeadReferencePhoneMessage1732350000007 } from './1732350000007-lead-reference-phone-message';
import { LeadSearchText1732350000008 } from './1732350000008-lead-search-text';
import { IntakeTriage1732350000010 } from './1732350000010-intake-triage';
import { FollowUp1732350000011 } from './1732350000011-follow-up';
import { IntegrationsAndPrivacy1732350000012 } from './1732350000012-integrations-and-privacy';
import { LeadSource1732350000014 } from './1732350000014-lead-source';
import { Webhooks1732350000013 } from './1732350000013-webhooks';

/** Every migration, in order. New migrations are appended here. */
export const migrations = [
  Init1732350000000,
  LeadSearchTrigram1732350000001,
  ResumesAndIdempotency1732350000002,
  OutboxAndNotifications1732350000003,
  LeadSearchFts1732350000004,
  SessionsAndRateLimits1732350000005,
  NotificationsByRecipient1732350000006,
  LeadReferencePhoneMessage1732350000007,
  LeadSearchText1732350000008,
  IntakeTriage1732350000010,
  FollowUp1732350000011,
  IntegrationsAndPrivacy1732350000012,
  Webhooks1732350000013,
  LeadSource1732350000014,
];
