import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOAuth2,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ErrorResponse } from '../../common/filters/error-response.dto';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { LeadErasureService } from './lead-erasure.service';

@ApiTags('leads')
@Controller('leads')
export class LeadErasureController {
  constructor(private readonly erasure: LeadErasureService) {}

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOAuth2([])
  @ApiOperation({
    summary: 'Erase a lead’s personal data (admin)',
    description:
      'Names, e-mail, CV and every copy of them are removed; an anonymous record (id, state, ' +
      'dates) stays for reports. The lead then answers 410. Erasing again changes nothing.',
  })
  @ApiNoContentResponse({ description: 'Erased' })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed id' })
  @ApiUnauthorizedResponse({ type: ErrorResponse })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'Not an admin (or an API key)' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Lead not found' })
  async erase(@Param('id', ParseIdPipe) id: string, @CurrentUser() admin: AuthUser): Promise<void> {
    await this.erasure.erase(id, admin);
  }
}
