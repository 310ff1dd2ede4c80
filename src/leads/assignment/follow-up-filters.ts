import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import type { LeadQuery } from '../leads.service';

/** The list filters of the follow-up loop: `assigned_to` (a user id or `me`) and `overdue`. */
export class FollowUpFiltersDto {
  @ApiPropertyOptional({
    description: 'Leads assigned to this user id, or to the signed-in user with `me`',
    example: 'me',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/, {
    message: 'assigned_to must be a user id or "me"',
  })
  assigned_to?: string;

  @ApiPropertyOptional({
    enum: ['true'],
    description: 'Only leads still PENDING after their follow-up fell due',
  })
  @IsOptional()
  @IsIn(['true'], { message: 'overdue must be true (or left out)' })
  overdue?: 'true';
}

/** Query → service filters: `me` is the signed-in user. */
export function followUpFilters(
  query: FollowUpFiltersDto,
  user: AuthUser,
): Pick<LeadQuery, 'assignedTo' | 'overdue'> {
  return {
    assignedTo: query.assigned_to === 'me' ? user.id : query.assigned_to,
    overdue: query.overdue === 'true' || undefined,
  };
}

/** The same filters as they appear in the list's next/prev links. */
export function followUpParams(query: FollowUpFiltersDto): Record<string, string | undefined> {
  return { assigned_to: query.assigned_to, overdue: query.overdue };
}
