import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsUUID } from 'class-validator';
import { Required } from '../../common/decorators/validation.decorators';

export class AssignLeadDto {
  @ApiProperty({ format: 'uuid', example: '3f1c2a4e-8a8b-4c55-9d52-0f3c9a4f6b1d' })
  @Required()
  // Ids are stored lower-case; an upper-case id names the same user.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsUUID('all', { message: 'user_id must be a user id (UUID)' })
  user_id: string;
}
