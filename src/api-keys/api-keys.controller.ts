import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ApiKeyCreate, ApiKeyList, ApiKeyRevoke } from './api-keys.swagger';
import { ApiKeysService } from './api-keys.service';
import {
  ApiKeyResponse,
  CreateApiKeyDto,
  CreatedApiKeyResponse,
  toApiKeyResponse,
} from './dto/api-key.dto';

@ApiTags('api-keys')
@Roles('admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiKeyList()
  async list(): Promise<ApiKeyResponse[]> {
    return (await this.keys.list()).map(toApiKeyResponse);
  }

  @Post()
  @Audited('api_key.created')
  @ApiKeyCreate()
  async create(
    @Body() body: CreateApiKeyDto,
    @CurrentUser() admin: AuthUser,
  ): Promise<CreatedApiKeyResponse> {
    const { row, key } = await this.keys.create(body.name, body.scopes, admin.id);
    return { ...toApiKeyResponse(row), key };
  }

  @Delete(':id')
  @HttpCode(204)
  @Audited('api_key.revoked')
  @ApiKeyRevoke()
  async revoke(@Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.keys.revoke(id);
  }
}
