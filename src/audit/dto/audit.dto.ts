import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto';
import { AUDIT_ACTIONS, type AuditAction } from '../audit-actions';
import type { AuditEvent } from '../audit-event.entity';

export class ListAuditQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Events about this lead' })
  @IsOptional()
  @IsUUID('all', { message: 'lead_id must be a UUID' })
  lead_id?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Events by this user (or their API keys)' })
  @IsOptional()
  @IsUUID('all', { message: 'user_id must be a UUID' })
  user_id?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;
}

export class AuditEventResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: AUDIT_ACTIONS })
  action: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: the service' })
  user_id: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  api_key_id: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  lead_id: string | null;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'A user, key or webhook',
  })
  target_id: string | null;
}

export function toAuditEventResponse(row: AuditEvent): AuditEventResponse {
  return {
    id: row.id,
    at: row.at.toISOString(),
    action: row.action,
    user_id: row.actorUserId,
    api_key_id: row.actorApiKeyId,
    lead_id: row.leadId,
    target_id: row.targetId,
  };
}
