import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/decorators/roles.decorator';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { setPageHeaders } from '../common/pagination/page-headers';
import {
  ListNotificationsQueryDto,
  NotificationResponse,
  RetryFailedResponse,
  toNotificationResponse,
} from './dto/notification.dto';
import {
  ApiNotificationList,
  ApiNotificationRetry,
  ApiNotificationRetryFailed,
  ApiNotificationsAdmin,
} from './notifications.swagger';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiNotificationsAdmin()
@Roles('admin')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiNotificationList()
  async list(
    @Query() query: ListNotificationsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<NotificationResponse[]> {
    const [rows, total] = await this.notifications.list({ status: query.status }, query);
    setPageHeaders(res, '/notifications', { status: query.status }, { ...query, total });
    return rows.map(toNotificationResponse);
  }

  @Post('retry-failed')
  @HttpCode(200)
  @ApiNotificationRetryFailed()
  async retryFailed(): Promise<RetryFailedResponse> {
    return { retried: await this.notifications.retryFailed('email') };
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiNotificationRetry()
  async retry(@Param('id', ParseIdPipe) id: string): Promise<NotificationResponse> {
    return toNotificationResponse(await this.notifications.retry(id));
  }
}
