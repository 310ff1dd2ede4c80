import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { Required } from '../../common/decorators/validation.decorators';
import { CLEAN_TEXT, trimString } from '../../common/text';
import { WEBHOOK_ATTEMPT_OUTCOMES, type WebhookAttempt } from '../webhook-attempt.entity';
import { WEBHOOK_DELIVERY_STATUSES, type WebhookDeliveryStatus } from '../webhook-delivery.entity';
import { eventsOf, type WebhookEndpoint } from '../webhook-endpoint.entity';
import { WEBHOOK_EVENTS, type WebhookEventType } from '../webhook-events';
import type { NewWebhook } from '../webhooks.service';

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://crm.example.com/hooks/leads',
    maxLength: 2000,
    description:
      'https:// (http:// in development only); must resolve to public addresses only, unless ' +
      'WEBHOOK_ALLOW_PRIVATE_TARGETS is set',
  })
  @Required()
  @Transform(trimString)
  @IsString()
  @Length(1, 2000)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['lead.created'] })
  @Required()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEventType[];

  @ApiPropertyOptional({ example: 'CRM sync', maxLength: 200, nullable: true, type: String })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  @Matches(CLEAN_TEXT, { message: 'description must not contain control or invisible characters' })
  description?: string | null;
}

export const toNewWebhook = (body: CreateWebhookDto): NewWebhook => ({
  url: body.url,
  events: body.events,
  description: body.description ?? null,
});

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'https://crm.example.com/hooks/leads' })
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['lead.created'] })
  events: WebhookEventType[];

  @ApiProperty({ type: String, nullable: true, example: 'CRM sync' })
  description: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until then deliveries also carry a signature with the secret before rotation',
  })
  previous_secret_expires_at: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The admin who added it',
  })
  created_by: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at: string;
}

export class WebhookWithSecretResponse extends WebhookResponse {
  @ApiProperty({
    description:
      'The signing secret, shown only in this answer: store it now. HMAC-SHA256 key of ' +
      '`Webhook-Signature` (the whole string, prefix included).',
    example: 'whsec_3fK9a0QzR2…',
  })
  secret: string;
}

export class WebhookAttemptResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The `Webhook-Id` header: the same on every retry' })
  delivery_id: string;

  @ApiProperty({ format: 'uuid', description: 'The event (the payload’s `id`)' })
  event_id: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, example: 'lead.created' })
  event_type: WebhookEventType;

  @ApiProperty({ example: 1, description: '1 for the first try' })
  attempt: number;

  @ApiProperty({ enum: WEBHOOK_ATTEMPT_OUTCOMES, example: 'delivered' })
  status: (typeof WEBHOOK_ATTEMPT_OUTCOMES)[number];

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 200,
    description: 'The receiver’s HTTP status',
  })
  response_status: number | null;

  @ApiProperty({ example: 42 })
  duration_ms: number;

  @ApiProperty({ type: String, nullable: true, example: null })
  error: string | null;

  @ApiProperty({ format: 'date-time' })
  attempted_at: string;

  @ApiProperty({
    enum: WEBHOOK_DELIVERY_STATUSES,
    example: 'delivered',
    description: 'Where the delivery stands now (pending: another attempt will follow)',
  })
  delivery_status: WebhookDeliveryStatus;
}

export function toWebhookResponse(row: WebhookEndpoint, now = new Date()): WebhookResponse {
  const overlap = row.previousSecretUntil && row.previousSecretUntil > now;
  return {
    id: row.id,
    url: row.url,
    events: eventsOf(row),
    description: row.description,
    previous_secret_expires_at: overlap ? row.previousSecretUntil!.toISOString() : null,
    created_by: row.createdById,
    created_at: row.createdAt.toISOString(),
  };
}

export function toWebhookAttemptResponse(a: WebhookAttempt): WebhookAttemptResponse {
  const delivery = a.delivery!;
  return {
    id: a.id,
    delivery_id: a.deliveryId,
    event_id: delivery.eventId,
    event_type: delivery.eventType,
    attempt: a.attempt,
    status: a.outcome,
    response_status: a.responseStatus,
    duration_ms: a.durationMs,
    error: a.error,
    attempted_at: a.attemptedAt.toISOString(),
    delivery_status: delivery.status,
  };
}
