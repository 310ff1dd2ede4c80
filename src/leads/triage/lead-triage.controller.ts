import { Body, Controller, Get, Header, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/decorators/public.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { LeadResponse, toLeadResponse } from '../dto/lead-response.dto';
import { LeadsService } from '../leads.service';
import { FormTokenService } from './form-token.service';
import { LeadTriage } from './lead-triage.service';
import { ApiConflictCheck, ApiFormToken, ApiSetSpam } from './lead-triage.swagger';
import { FormTokenResponse, SetSpamDto } from './triage.dto';

const uuid = new ParseIdPipe();

/** Registered before LeadsController, so `/leads/form-token` is not taken for a lead id. */
@ApiTags('leads')
@Controller('leads')
export class LeadTriageController {
  constructor(
    private readonly triage: LeadTriage,
    private readonly formTokens: FormTokenService,
    private readonly leads: LeadsService,
  ) {}

  @Public()
  @Get('form-token')
  @Header('Cache-Control', 'no-store')
  @ApiFormToken()
  formToken(): FormTokenResponse {
    return { form_token: this.formTokens.issue() };
  }

  @Put(':id/spam')
  @Roles('admin')
  @ApiSetSpam()
  async setSpam(@Param('id', uuid) id: string, @Body() body: SetSpamDto): Promise<LeadResponse> {
    await this.triage.setSpam(id, body.spam);
    return toLeadResponse(await this.leads.get(id));
  }

  @Post(':id/conflict-check')
  @HttpCode(200)
  @ApiConflictCheck()
  async conflictCheck(@Param('id', uuid) id: string): Promise<LeadResponse> {
    await this.triage.recheck(id);
    return toLeadResponse(await this.leads.get(id));
  }
}
