import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { setPageHeaders } from '../common/pagination/page-headers';
import { PaginationQueryDto } from '../common/pagination/pagination-query.dto';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import {
  CreateWebhookDto,
  toNewWebhook,
  toWebhookAttemptResponse,
  toWebhookResponse,
  WebhookAttemptResponse,
  WebhookResponse,
  WebhookWithSecretResponse,
} from './dto/webhook.dto';
import type { EndpointWithSecret } from './webhooks.service';
import { WebhooksService } from './webhooks.service';
import {
  ApiWebhookCreate,
  ApiWebhookDeliveries,
  ApiWebhookDelete,
  ApiWebhookList,
  ApiWebhookRotateSecret,
  ApiWebhooksAdmin,
} from './webhooks.swagger';

const withSecret = ({ row, secret }: EndpointWithSecret): WebhookWithSecretResponse => ({
  ...toWebhookResponse(row),
  secret,
});

@ApiTags('webhooks')
@ApiWebhooksAdmin()
@Roles('admin')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiWebhookList()
  async list(): Promise<WebhookResponse[]> {
    return (await this.webhooks.list()).map((row) => toWebhookResponse(row));
  }

  @Post()
  @Audited('webhook.created')
  @ApiWebhookCreate()
  async create(
    @Body() body: CreateWebhookDto,
    @CurrentUser() admin: AuthUser,
  ): Promise<WebhookWithSecretResponse> {
    return withSecret(await this.webhooks.create(toNewWebhook(body), admin.id));
  }

  @Delete(':id')
  @HttpCode(204)
  @Audited('webhook.deleted')
  @ApiWebhookDelete()
  async remove(@Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.webhooks.remove(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Audited('webhook.secret_rotated')
  @ApiWebhookRotateSecret()
  async rotateSecret(@Param('id', ParseIdPipe) id: string): Promise<WebhookWithSecretResponse> {
    return withSecret(await this.webhooks.rotateSecret(id));
  }

  @Get(':id/deliveries')
  @ApiWebhookDeliveries()
  async deliveries(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PaginationQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WebhookAttemptResponse[]> {
    const [rows, total] = await this.webhooks.attemptsOf(id, query);
    setPageHeaders(res, `/webhooks/${id}/deliveries`, {}, { ...query, total });
    return rows.map(toWebhookAttemptResponse);
  }
}
