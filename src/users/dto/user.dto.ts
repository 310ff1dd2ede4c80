import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  ValidationArguments,
} from 'class-validator';
import {
  IsNormalizedEmail,
  IsPersonName,
  Required,
} from '../../common/decorators/validation.decorators';
import { passwordProblem } from '../../common/password-policy';
import { USER_ROLES, type User, type UserRole } from '../user.entity';

@ValidatorConstraint({ name: 'passwordPolicy' })
class PasswordPolicy implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return passwordProblem(value) === null;
  }
  defaultMessage(args: ValidationArguments): string {
    return passwordProblem(args.value) ?? 'password is not acceptable';
  }
}

export class CreateUserDto {
  @ApiProperty({ example: 'attorney@firm.example', maxLength: 254 })
  @Required()
  @IsNormalizedEmail()
  email: string;

  @ApiProperty({ example: 'Atticus Finch', minLength: 1, maxLength: 100 })
  @Required()
  @IsPersonName()
  name: string;

  @ApiProperty({ example: 'correct horse battery staple', minLength: 12, format: 'password' })
  @Validate(PasswordPolicy)
  password: string;

  @ApiProperty({ enum: USER_ROLES, example: 'attorney' })
  @Required()
  @IsIn(USER_ROLES)
  role: UserRole;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Atticus Finch', minLength: 1, maxLength: 100 })
  @IsOptional()
  @IsPersonName()
  name?: string;

  @ApiPropertyOptional({ enum: USER_ROLES, example: 'attorney' })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ example: 'a new long passphrase', minLength: 12, format: 'password' })
  @IsOptional()
  @Validate(PasswordPolicy)
  password?: string;

  @ApiPropertyOptional({
    example: false,
    description: 'false deactivates the user and revokes their tokens',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    example: false,
    description: 'false: new leads are no longer assigned to this attorney',
  })
  @IsOptional()
  @IsBoolean()
  accepts_leads?: boolean;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid', example: '3f1c2a4e-8a8b-4c55-9d52-0f3c9a4f6b1d' })
  id: string;
  @ApiProperty({ example: 'attorney@firm.example' })
  email: string;
  @ApiProperty({ example: 'Atticus Finch' })
  name: string;
  @ApiProperty({ enum: USER_ROLES, example: 'attorney' })
  role: UserRole;
  @ApiProperty({ example: true })
  active: boolean;
  @ApiProperty({ example: true, description: 'Whether new leads are assigned to this attorney' })
  accepts_leads: boolean;
  @ApiProperty({ format: 'date-time' })
  created_at: string;
  @ApiProperty({ format: 'date-time' })
  updated_at: string;
}

/** The only way a user leaves the service: no hash, no token version. */
export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    accepts_leads: user.acceptsLeads,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}
