import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOAuth2,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/decorators/roles.decorator';
import { ErrorResponse } from '../common/filters/error-response.dto';
import { PAGE_HEADERS, setPageHeaders } from '../common/pagination/page-headers';
import { AuditService } from './audit.service';
import { AuditEventResponse, ListAuditQueryDto, toAuditEventResponse } from './dto/audit.dto';

@ApiTags('audit')
@ApiOAuth2([])
@ApiUnauthorizedResponse({ type: ErrorResponse })
@ApiForbiddenResponse({ type: ErrorResponse, description: 'Not an admin (or an API key)' })
@Roles('admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The audit trail, newest first (admin)' })
  @ApiOkResponse({ type: [AuditEventResponse], headers: PAGE_HEADERS })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Bad query values' })
  async list(
    @Query() query: ListAuditQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditEventResponse[]> {
    const filter = { leadId: query.lead_id, userId: query.user_id, action: query.action };
    const [rows, total] = await this.audit.list(filter, query);
    setPageHeaders(
      res,
      '/audit',
      { lead_id: query.lead_id, user_id: query.user_id, action: query.action },
      { ...query, total },
    );
    return rows.map(toAuditEventResponse);
  }
}
