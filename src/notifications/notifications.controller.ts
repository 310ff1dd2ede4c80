import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOAuth2,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/decorators/roles.decorator';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ErrorResponse } from '../common/filters/error-response.dto';
import { PAGE_HEADERS, setPageHeaders } from '../common/pagination/page-headers';
import {
  ListNotificationsQueryDto,
  NotificationResponse,
  toNotificationResponse,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiOAuth2([])
@Roles('admin')
@ApiUnauthorizedResponse({ type: ErrorResponse })
@ApiForbiddenResponse({ type: ErrorResponse, description: 'Not an admin' })
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Delivery status of notifications (admin), e.g. ?status=failed' })
  @ApiOkResponse({ type: [NotificationResponse], headers: PAGE_HEADERS })
  @ApiBadRequestResponse({ type: ErrorResponse })
  async list(
    @Query() query: ListNotificationsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<NotificationResponse[]> {
    const [rows, total] = await this.notifications.list({ status: query.status }, query);
    setPageHeaders(res, '/notifications', { status: query.status }, { ...query, total });
    return rows.map(toNotificationResponse);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed notification again (admin)' })
  @ApiOkResponse({ type: NotificationResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed id' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Already sent' })
  async retry(@Param('id', ParseIdPipe) id: string): Promise<NotificationResponse> {
    return toNotificationResponse(await this.notifications.retry(id));
  }
}
