import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOAuth2,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ErrorResponse } from '../common/filters/error-response.dto';
import { CreateUserDto, toUserResponse, UpdateUserDto, UserResponse } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiOAuth2([])
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing or invalid bearer token' })
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserResponse })
  async me(@CurrentUser() me: AuthUser): Promise<UserResponse> {
    return toUserResponse(await this.users.get(me.id));
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'List users (admin)' })
  @ApiOkResponse({ type: [UserResponse] })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'Not an admin' })
  async list(): Promise<UserResponse[]> {
    return (await this.users.list()).map(toUserResponse);
  }

  @Post()
  @Roles('admin')
  @Audited('user.created')
  @ApiOperation({ summary: 'Create a user (admin)' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid fields' })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'Not an admin' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Email already in use' })
  async create(@Body() body: CreateUserDto): Promise<UserResponse> {
    return toUserResponse(await this.users.create(body));
  }

  @Patch(':id')
  @Roles('admin')
  @Audited('user.updated')
  @ApiOperation({
    summary: 'Change a user (admin)',
    description: 'A new password, a role change or `active: false` revokes the user’s tokens.',
  })
  @ApiOkResponse({ type: UserResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid fields or id' })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'Not an admin' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'User not found' })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'The last active admin cannot be demoted or deactivated',
  })
  async update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserResponse> {
    return toUserResponse(await this.users.update(id, body));
  }
}
