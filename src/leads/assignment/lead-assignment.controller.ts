import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Audited } from '../../audit/audited.decorator';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { LeadResponse, toLeadResponse } from '../dto/lead-response.dto';
import { LeadsService } from '../leads.service';
import { AssignLeadDto } from './assign-lead.dto';
import { LeadAssigner } from './lead-assigner.service';
import { ApiLeadAssign } from './lead-assignment.swagger';

@ApiTags('leads')
@Controller('leads')
export class LeadAssignmentController {
  constructor(
    private readonly assigner: LeadAssigner,
    private readonly leads: LeadsService,
  ) {}

  @Put(':id/assignee')
  @Roles('admin')
  @Audited('lead.assigned')
  @ApiLeadAssign()
  async assign(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: AssignLeadDto,
    @CurrentUser() user: AuthUser,
  ): Promise<LeadResponse> {
    await this.assigner.reassign(id, body.user_id, user);
    return toLeadResponse(await this.leads.get(id));
  }
}
