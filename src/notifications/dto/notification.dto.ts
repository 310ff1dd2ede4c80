import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto';
import {
  NOTIFICATION_STATUSES,
  type Notification,
  type NotificationStatus,
} from '../notification.entity';

export class ListNotificationsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES, example: 'failed' })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;
}

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  lead_id: string;
  @ApiProperty({ enum: ['email'], example: 'email' })
  channel: 'email';
  @ApiProperty({
    example: 'attorney-notice',
    enum: [
      'lead-acknowledgement',
      'attorney-notice',
      'lead-assigned',
      'follow-up-reminder',
      'follow-up-escalation',
    ],
  })
  kind: string;
  @ApiProperty({ example: 'attorney@firm.example' })
  recipient: string;
  @ApiProperty({ enum: NOTIFICATION_STATUSES, example: 'sent' })
  status: NotificationStatus;
  @ApiProperty({ example: 1 })
  attempts: number;
  @ApiProperty({ type: String, nullable: true, example: null })
  last_error: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sent_at: string | null;
  @ApiProperty({ format: 'date-time', description: 'When the next attempt is due (pending only)' })
  next_attempt_at: string;
}

export function toNotificationResponse(n: Notification): NotificationResponse {
  return {
    id: n.id,
    lead_id: n.leadId,
    channel: n.channel,
    kind: n.kind,
    recipient: n.recipient,
    status: n.status,
    attempts: n.attempts,
    last_error: n.lastError,
    sent_at: n.sentAt ? n.sentAt.toISOString() : null,
    next_attempt_at: n.nextAttemptAt.toISOString(),
  };
}

export class RetryFailedResponse {
  @ApiProperty({
    example: 3,
    description: 'How many failed notifications were put back to pending',
  })
  retried: number;
}
