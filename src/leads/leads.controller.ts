import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { Scopes } from '../common/decorators/scopes.decorator';
import { setPageHeaders } from '../common/pagination/page-headers';
import { NotificationsService } from '../notifications/notifications.service';
import { CreateLeadDto, ListLeadsQueryDto, UpdateLeadStateDto } from './dto/lead.dto';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import {
  LeadDetailResponse,
  LeadResponse,
  PublicLeadResponse,
  toLeadDetailResponse,
  toLeadResponse,
  toPublicLeadResponse,
} from './dto/lead-response.dto';
import { leadListFilters, toLeadQuery } from './dto/to-lead-query';
import { toNewLead } from './dto/to-new-lead';
import { LeadAssigner } from './assignment/lead-assigner.service';
import { followUpFilters, followUpParams } from './assignment/follow-up-filters';
import { IdempotencyService } from './idempotency/idempotency.service';
import { LeadSubmissionGuard } from './lead-submission.guard';
import { LeadSubmitThrottleGuard } from './lead-submit-throttle.guard';
import {
  ApiLeadCreate,
  ApiLeadGet,
  ApiLeadList,
  ApiLeadResume,
  ApiLeadStateChange,
} from './leads.swagger';
import { LeadsService } from './leads.service';
import { contentDisposition } from './resume/content-disposition';
import { SourceFieldsInterceptor } from './source/source-fields.interceptor';
import type { ResumeFilePart } from './resume/resume-upload';
import { FormPageFilter } from '../web/form-submit/form-page.filter';
import { FormPageInterceptor } from '../web/form-submit/form-page.interceptor';

const uuid = new ParseIdPipe();

@ApiTags('leads')
@Controller('leads')
export class LeadsController {
  constructor(
    private readonly leads: LeadsService,
    private readonly idempotency: IdempotencyService,
    private readonly notifications: NotificationsService,
    private readonly assigner: LeadAssigner,
  ) {}

  @Public()
  @Post()
  @UseGuards(LeadSubmissionGuard, LeadSubmitThrottleGuard)
  // In this order: the form's fields are parsed before the page interceptor reads them.
  @UseInterceptors(FileInterceptor('resume'), FormPageInterceptor, SourceFieldsInterceptor)
  @UseFilters(FormPageFilter)
  @ApiLeadCreate()
  async create(
    @Body() body: CreateLeadDto,
    @UploadedFile() file: ResumeFilePart | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PublicLeadResponse> {
    const key = this.idempotency.parseKey(idempotencyKey);
    const { lead, replayed } = await this.leads.create(toNewLead(body, file), key);
    res.location(`/leads/${lead.id}`);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return toPublicLeadResponse(lead);
  }

  @Get()
  @Scopes('leads:read')
  @ApiLeadList()
  async list(
    @Query() query: ListLeadsQueryDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeadResponse[]> {
    const { items, total } = await this.leads.list({
      ...toLeadQuery(query),
      ...followUpFilters(query, user),
    });
    const filters = { ...leadListFilters(query), ...followUpParams(query) };
    setPageHeaders(res, '/leads', filters, { ...query, total });
    return items.map(toLeadResponse);
  }

  @Get(':id')
  @Scopes('leads:read')
  @Audited('lead.viewed')
  @ApiLeadGet()
  async get(@Param('id', uuid) id: string): Promise<LeadDetailResponse> {
    const [lead, history, notifications, assignments] = await Promise.all([
      this.leads.get(id),
      this.leads.historyOf(id),
      this.notifications.forLead(id),
      this.assigner.historyOf(id),
    ]);
    return toLeadDetailResponse(lead, history, notifications, assignments);
  }

  @Get(':id/resume')
  @Scopes('leads:read')
  @Audited('lead.resume_downloaded')
  @ApiLeadResume()
  async resume(@Param('id', uuid) id: string): Promise<StreamableFile> {
    const file = await this.leads.resumeOf(id);
    return new StreamableFile(file.data, {
      type: file.contentType,
      length: file.data.length,
      disposition: contentDisposition(file.filename),
    });
  }

  @Put(':id')
  @Scopes('leads:write')
  @Audited('lead.state_changed')
  @ApiLeadStateChange()
  async update(
    @Param('id', uuid) id: string,
    @Body() body: UpdateLeadStateDto,
    @CurrentUser() user: AuthUser,
  ): Promise<LeadResponse> {
    return toLeadResponse(await this.leads.changeState(id, body.state, user, body.reason));
  }
}
