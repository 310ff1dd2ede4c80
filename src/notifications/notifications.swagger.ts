import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOAuth2,
  ApiOkResponse,
  ApiOperation,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponse } from '../common/filters/error-response.dto';
import { PAGE_HEADERS } from '../common/pagination/page-headers';
import { NotificationResponse, RetryFailedResponse } from './dto/notification.dto';

/** What every route of this controller documents: admins only. */
export const ApiNotificationsAdmin = () =>
  applyDecorators(
    ApiOAuth2([]),
    ApiUnauthorizedResponse({ type: ErrorResponse }),
    ApiForbiddenResponse({ type: ErrorResponse, description: 'Not an admin' }),
  );

export const ApiNotificationList = () =>
  applyDecorators(
    ApiOperation({ summary: 'Delivery status of notifications (admin), e.g. ?status=failed' }),
    ApiOkResponse({ type: [NotificationResponse], headers: PAGE_HEADERS }),
    ApiBadRequestResponse({ type: ErrorResponse }),
  );

export const ApiNotificationRetry = () =>
  applyDecorators(
    ApiOperation({ summary: 'Send a failed notification again (admin)' }),
    ApiOkResponse({ type: NotificationResponse }),
    ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed id' }),
    ApiNotFoundResponse({ type: ErrorResponse }),
    ApiConflictResponse({ type: ErrorResponse, description: 'Already sent' }),
  );

export const ApiNotificationRetryFailed = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Send every failed e-mail notification again (admin)',
      description:
        'Puts every failed e-mail back to pending, due now; the dispatcher then sends them. ' +
        'Answers how many were put back (0 when none had failed).',
    }),
    ApiOkResponse({ type: RetryFailedResponse }),
  );
