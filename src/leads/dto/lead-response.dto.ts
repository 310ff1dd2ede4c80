import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  NotificationResponse,
  toNotificationResponse,
} from '../../notifications/dto/notification.dto';
import type { Notification } from '../../notifications/notification.entity';
import type { User } from '../../users/user.entity';
import type { LeadAssignment } from '../assignment/lead-assignment.entity';
import type { LeadStateChange } from '../lead-state-change.entity';
import type { Lead } from '../lead.entity';
import { LEAD_STATES, type LeadState } from '../lead-state';
import { ConflictHitResponse, toTriageFields } from '../triage/triage-response';
import { LeadSourceResponse, toLeadSourceResponse } from '../source/lead-source.dto';
import { leadSourceOrNull } from '../source/lead-source';

export class StaffRef {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'attorney@firm.example' })
  email: string;
  @ApiProperty({ example: 'Atticus Finch' })
  name: string;
}

export class ResumeLink {
  @ApiProperty({ example: 'https://files.example.com/cv/ada-lovelace.pdf' })
  url: string;
}

export class ResumeFile {
  @ApiProperty({ example: 'cv.pdf' })
  filename: string;
  @ApiProperty({ example: 'application/pdf' })
  content_type: string;
  @ApiProperty({ example: 18233 })
  size: number;
  @ApiProperty({ example: '/leads/3f1c2a4e-8a8b-4c55-9d52-0f3c9a4f6b1d/resume' })
  download_url: string;
}

/**
 * What the prospect (or a bot) learns from POST /leads: what it sent and where the lead stands,
 * never how staff see or triage it.
 */
@ApiExtraModels(ResumeLink, ResumeFile)
export class PublicLeadResponse {
  @ApiProperty({ format: 'uuid', example: '3f1c2a4e-8a8b-4c55-9d52-0f3c9a4f6b1d' })
  id: string;
  @ApiProperty({
    example: 'L-7K3M9Q',
    pattern: '^L-[0-9A-HJKMNP-TV-Z]{6}$',
    description: 'Short reference for the prospect and e-mails; `GET /leads?q=` finds it',
  })
  reference: string;
  @ApiProperty({ example: 'Ada' })
  first_name: string;
  @ApiProperty({ example: 'Lovelace' })
  last_name: string;
  @ApiProperty({ example: 'ada@example.com' })
  email: string;
  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(ResumeLink) }, { $ref: getSchemaPath(ResumeFile) }],
    nullable: true,
    description: 'The CV as a link or an uploaded file; null once the lead was erased',
  })
  resume: ResumeLink | ResumeFile | null;
  @ApiProperty({ enum: LEAD_STATES, example: 'PENDING' })
  state: LeadState;
  @ApiProperty({ format: 'date-time' })
  created_at: string;
}

export class LeadResponse extends PublicLeadResponse {
  @ApiProperty({ example: '+15551234567', nullable: true, type: String, description: 'E.164' })
  phone: string | null;
  @ApiProperty({
    example: 'I was dismissed last week and would like advice on my contract.',
    nullable: true,
    type: String,
  })
  message: string | null;
  @ApiProperty({ format: 'date-time' })
  updated_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  reached_out_at: string | null;
  @ApiProperty({ type: StaffRef, nullable: true })
  reached_out_by: StaffRef | null;
  // Triage (staff only).
  @ApiProperty({ type: String, nullable: true, example: 'Globex Corporation' })
  opposing_party: string | null;
  @ApiProperty({ example: false })
  spam: boolean;
  @ApiProperty({
    type: [String],
    example: [],
    description:
      'honeypot, too_fast, expired_token, invalid_token, disposable_email, marked_by_staff',
  })
  spam_reasons: string[];
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The person’s first lead',
  })
  duplicate_of: string | null;
  @ApiProperty({ enum: ['clear', 'possible'] })
  conflict: 'clear' | 'possible';
  @ApiProperty({ type: [ConflictHitResponse] })
  conflict_hits: ConflictHitResponse[];
  @ApiProperty({ type: StaffRef, nullable: true, description: 'Who owns the follow-up' })
  assigned_to: StaffRef | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the prospect should have been contacted (business hours)',
  })
  follow_up_due_at: string | null;
  @ApiProperty({
    type: LeadSourceResponse,
    nullable: true,
    description: 'Campaign tags and referrer the lead came with; null: none (or erased)',
  })
  source: LeadSourceResponse | null;
}

export class StateChangeResponse {
  @ApiProperty({ enum: LEAD_STATES, example: 'PENDING' })
  from: LeadState;
  @ApiProperty({ enum: LEAD_STATES, example: 'REACHED_OUT' })
  to: LeadState;
  @ApiProperty({ type: StaffRef, nullable: true })
  by: StaffRef | null;
  @ApiProperty({ format: 'date-time' })
  at: string;
  @ApiPropertyOptional({
    description: 'Why the lead was declined, when somebody said',
    type: String,
  })
  reason?: string;
}

export class AssignmentChangeResponse {
  @ApiProperty({ type: StaffRef, nullable: true })
  from: StaffRef | null;
  @ApiProperty({ type: StaffRef, nullable: true })
  to: StaffRef | null;
  @ApiProperty({ type: StaffRef, nullable: true })
  by: StaffRef | null;
  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class LeadDetailResponse extends LeadResponse {
  @ApiProperty({ type: [StateChangeResponse] })
  history: StateChangeResponse[];

  @ApiProperty({ type: [NotificationResponse] })
  notifications: NotificationResponse[];

  @ApiProperty({ type: [AssignmentChangeResponse], description: 'Reassignments, oldest first' })
  assignments: AssignmentChangeResponse[];
}

function toStaffRef(user: User | null | undefined): StaffRef | null {
  return user ? { id: user.id, email: user.email, name: user.name } : null;
}

function toResume(lead: Lead): ResumeLink | ResumeFile | null {
  if (lead.resumeFile) {
    return {
      filename: lead.resumeFile.filename,
      content_type: lead.resumeFile.contentType,
      size: lead.resumeFile.size,
      download_url: `/leads/${lead.id}/resume`,
    };
  }
  return lead.resumeUrl ? { url: lead.resumeUrl } : null;
}

/** Entity → the public view (snake_case). */
export function toPublicLeadResponse(lead: Lead): PublicLeadResponse {
  return {
    id: lead.id,
    reference: lead.reference,
    first_name: lead.firstName,
    last_name: lead.lastName,
    email: lead.email,
    resume: toResume(lead),
    state: lead.state,
    created_at: lead.createdAt.toISOString(),
  };
}

/** Entity → the staff view (snake_case), in one place. */
export function toLeadResponse(lead: Lead): LeadResponse {
  return {
    ...toPublicLeadResponse(lead),
    phone: lead.phone,
    message: lead.message,
    updated_at: lead.updatedAt.toISOString(),
    reached_out_at: lead.reachedOutAt ? lead.reachedOutAt.toISOString() : null,
    reached_out_by: toStaffRef(lead.reachedOutBy),
    ...toTriageFields(lead),
    assigned_to: toStaffRef(lead.assignedTo),
    follow_up_due_at: lead.followUpDueAt ? lead.followUpDueAt.toISOString() : null,
    source: toLeadSourceResponse(leadSourceOrNull(lead)),
  };
}

export function toLeadDetailResponse(
  lead: Lead,
  history: LeadStateChange[],
  notifications: Notification[],
  assignments: LeadAssignment[] = [],
): LeadDetailResponse {
  return {
    ...toLeadResponse(lead),
    assignments: assignments.map((a) => ({
      from: toStaffRef(a.fromUser),
      to: toStaffRef(a.toUser),
      by: toStaffRef(a.changedBy),
      at: a.changedAt.toISOString(),
    })),
    notifications: notifications.map(toNotificationResponse),
    history: history.map((h) => ({
      from: h.fromState,
      to: h.toState,
      by: toStaffRef(h.changedBy),
      at: h.changedAt.toISOString(),
      ...(h.reason ? { reason: h.reason } : {}),
    })),
  };
}
