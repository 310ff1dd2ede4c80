import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOAuth2,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { ErrorResponse } from '../common/filters/error-response.dto';
import { paginationLinks } from '../common/pagination/pagination-query.dto';
import { CreateLeadDto, ListLeadsQueryDto, UpdateLeadStateDto } from './dto/lead.dto';
import {
  LeadDetailResponse,
  LeadResponse,
  toLeadDetailResponse,
  toLeadResponse,
} from './dto/lead-response.dto';
import { LeadsService } from './leads.service';

const uuid = new ParseUUIDPipe();

@ApiTags('leads')
@Controller('leads')
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Public()
  @Post()
  @ApiOperation({ summary: 'Submit a lead (public)' })
  @ApiCreatedResponse({
    type: LeadResponse,
    headers: { Location: { description: '/leads/{id}' } },
  })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid fields' })
  async create(
    @Body() body: CreateLeadDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeadResponse> {
    const lead = await this.leads.create({
      firstName: body.first_name,
      lastName: body.last_name,
      email: body.email,
      resumeUrl: body.resume,
    });
    res.location(`/leads/${lead.id}`);
    return toLeadResponse(lead);
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
  @ApiOperation({ summary: 'One lead with its state history' })
  @ApiOkResponse({ type: LeadDetailResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed id' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Lead not found' })
  @ApiUnauthorizedResponse({ type: ErrorResponse })
  async get(@Param('id', uuid) id: string): Promise<LeadDetailResponse> {
    const [lead, history] = await Promise.all([this.leads.get(id), this.leads.historyOf(id)]);
    return toLeadDetailResponse(lead, history);
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
