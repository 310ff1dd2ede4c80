import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOAuth2,
  ApiOkResponse,
  ApiOperation,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponse } from '../common/filters/error-response.dto';
import { PAGE_HEADERS } from '../common/pagination/page-headers';
import {
  WebhookAttemptResponse,
  WebhookResponse,
  WebhookWithSecretResponse,
} from './dto/webhook.dto';

/** What every route of this controller documents: admins only (never API keys). */
export const ApiWebhooksAdmin = () =>
  applyDecorators(
    ApiOAuth2([]),
    ApiUnauthorizedResponse({ type: ErrorResponse }),
    ApiForbiddenResponse({ type: ErrorResponse, description: 'Not an admin (or an API key)' }),
  );

const UnknownWebhook = () =>
  applyDecorators(
    ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed id' }),
    ApiNotFoundResponse({ type: ErrorResponse, description: 'Webhook not found' }),
  );

export const ApiWebhookList = () =>
  applyDecorators(
    ApiOperation({ summary: 'List webhook endpoints (admin); secrets are never shown again' }),
    ApiOkResponse({ type: [WebhookResponse] }),
  );

export const ApiWebhookCreate = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Add a webhook endpoint (admin)',
      description:
        'Events `lead.created`, `lead.state_changed`, `lead.assigned` are POSTed to `url` as ' +
        '`{ id, type, created_at, data: { lead } }` with `Webhook-Id` (the same on retries), ' +
        '`Webhook-Timestamp` and `Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, ' +
        't + "." + body)>`. The answer carries the secret once.',
    }),
    ApiCreatedResponse({ type: WebhookWithSecretResponse }),
    ApiBadRequestResponse({
      type: ErrorResponse,
      description: 'Invalid fields, or a target that is not https:// or not public',
    }),
  );

export const ApiWebhookDelete = () =>
  applyDecorators(
    ApiOperation({ summary: 'Delete a webhook endpoint (admin); pending deliveries stop' }),
    ApiNoContentResponse({ description: 'Deleted' }),
    UnknownWebhook(),
  );

export const ApiWebhookRotateSecret = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Rotate a webhook endpoint’s secret (admin)',
      description:
        'Answers the new secret once. For 24 hours deliveries carry a `v1` signature for the ' +
        'new and the old secret, so the receiver can switch without losing any.',
    }),
    ApiOkResponse({ type: WebhookWithSecretResponse }),
    UnknownWebhook(),
  );

export const ApiWebhookDeliveries = () =>
  applyDecorators(
    ApiOperation({ summary: 'A webhook endpoint’s delivery log, newest attempt first (admin)' }),
    ApiOkResponse({ type: [WebhookAttemptResponse], headers: PAGE_HEADERS }),
    UnknownWebhook(),
  );
