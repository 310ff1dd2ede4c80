import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOAuth2,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { ErrorResponse } from '../common/filters/error-response.dto';
import { paginationLinks } from '../common/pagination/pagination-query.dto';
import {
  CreateLeadDto,
  ListLeadsQueryDto,
  MultipartLeadDto,
  UpdateLeadStateDto,
} from './dto/lead.dto';
import {
  LeadDetailResponse,
  LeadResponse,
  PublicLeadResponse,
  toLeadDetailResponse,
  toLeadResponse,
  toPublicLeadResponse,
} from './dto/lead-response.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { IdempotencyService } from './idempotency/idempotency.service';
import { LeadSubmissionGuard } from './lead-submission.guard';
import { LeadSubmitThrottleGuard } from './lead-submit-throttle.guard';
import { LeadsService } from './leads.service';
import { acceptResume, type ResumeFilePart } from './resume/resume-upload';

const uuid = new ParseUUIDPipe();

@ApiTags('leads')
@Controller('leads')
export class LeadsController {
  constructor(
    private readonly leads: LeadsService,
    private readonly idempotency: IdempotencyService,
    private readonly notifications: NotificationsService,
  ) {}

  @Public()
  @Post()
  @UseGuards(LeadSubmissionGuard, LeadSubmitThrottleGuard)
  @UseInterceptors(FileInterceptor('resume'))
  @ApiOperation({
    summary: 'Submit a lead (public)',
    description:
      'JSON with a résumé URL, or multipart/form-data with a PDF/DOC/DOCX file part `resume`. ' +
      'Send an Idempotency-Key to make retries safe.',
  })
  @ApiExtraModels(CreateLeadDto, MultipartLeadDto)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    schema: {
      anyOf: [{ $ref: getSchemaPath(CreateLeadDto) }, { $ref: getSchemaPath(MultipartLeadDto) }],
    },
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Any unique string (a UUID); a repeat within 24 h returns the first lead',
  })
  @ApiCreatedResponse({
    type: PublicLeadResponse,
    headers: {
      Location: { description: '/leads/{id}' },
      'Idempotent-Replayed': {
        description: '`true`: a replay of an earlier request with this Idempotency-Key',
        schema: { type: 'string', enum: ['true'] },
      },
    },
  })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid fields' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'File over RESUME_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({
    type: ErrorResponse,
    description: 'Not a PDF/DOC/DOCX, or the declared type or extension does not match the bytes',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'Idempotency-Key reused with a different request',
  })
  @ApiTooManyRequestsResponse({
    type: ErrorResponse,
    description: 'Too many submits; see Retry-After',
  })
  async create(
    @Body() body: CreateLeadDto,
    @UploadedFile() file: ResumeFilePart | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PublicLeadResponse> {
    if (file && body.resume) {
      throw new BadRequestException(['send the resume as a file or as a URL, not both']);
    }
    if (!file && !body.resume) {
      throw new BadRequestException(['resume is required: an http(s) URL or a file']);
    }
    const key = this.idempotency.parseKey(idempotencyKey);
    const { lead, replayed } = await this.leads.create(
      {
        firstName: body.first_name,
        lastName: body.last_name,
        email: body.email,
        resume: file ? { file: acceptResume(file) } : { url: body.resume! },
      },
      key,
    );
    res.location(`/leads/${lead.id}`);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return toPublicLeadResponse(lead);
  }

  @Get()
  @ApiOAuth2([])
  @ApiOperation({ summary: 'List leads, newest first' })
  @ApiOkResponse({
    type: [LeadResponse],
    headers: {
      'X-Total-Count': { description: 'Leads matching the filters' },
      Link: { description: 'RFC 8288 next/prev links' },
    },
  })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Bad query values' })
  @ApiUnauthorizedResponse({ type: ErrorResponse })
  async list(
    @Query() query: ListLeadsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeadResponse[]> {
    const { items, total } = await this.leads.list(query);
    res.setHeader('X-Total-Count', String(total));
    const link = paginationLinks(
      '/leads',
      { state: query.state, q: query.q },
      { limit: query.limit, offset: query.offset, total },
    );
    if (link) res.setHeader('Link', link);
    return items.map(toLeadResponse);
  }

  @Get(':id')
  @ApiOAuth2([])
  @ApiOperation({ summary: 'One lead with its state history and notification delivery' })
  @ApiOkResponse({ type: LeadDetailResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed id' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Lead not found' })
  @ApiUnauthorizedResponse({ type: ErrorResponse })
  async get(@Param('id', uuid) id: string): Promise<LeadDetailResponse> {
    const [lead, history, notifications] = await Promise.all([
      this.leads.get(id),
      this.leads.historyOf(id),
      this.notifications.forLead(id),
    ]);
    return toLeadDetailResponse(lead, history, notifications);
  }

  @Get(':id/resume')
  @ApiOAuth2([])
  @ApiOperation({ summary: 'Download the uploaded CV' })
  @ApiProduces(
    'application/pdf',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  )
  @ApiOkResponse({
    description: 'The file, as an attachment',
    schema: { type: 'string', format: 'binary' },
    headers: { 'Content-Disposition': { description: 'attachment; filename="…"' } },
  })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed id' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown lead, or the lead has a URL' })
  @ApiUnauthorizedResponse({ type: ErrorResponse })
  async resume(@Param('id', uuid) id: string): Promise<StreamableFile> {
    const file = await this.leads.resumeOf(id);
    return new StreamableFile(file.data, {
      type: file.contentType,
      length: file.data.length,
      disposition: contentDisposition(file.filename),
    });
  }

  @Put(':id')
  @ApiOAuth2([])
  @ApiOperation({
    summary: 'Change a lead’s state',
    description:
      'PENDING → REACHED_OUT records who and when; the same state again changes nothing.',
  })
  @ApiOkResponse({ type: LeadResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed id or state' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Lead not found' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'REACHED_OUT → PENDING' })
  @ApiUnauthorizedResponse({ type: ErrorResponse })
  async update(
    @Param('id', uuid) id: string,
    @Body() body: UpdateLeadStateDto,
    @CurrentUser() user: AuthUser,
  ): Promise<LeadResponse> {
    return toLeadResponse(await this.leads.changeState(id, body.state, user));
  }
}

/** RFC 6266 attachment header with an ASCII fallback and the exact UTF-8 name (RFC 8187). */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
