import { BadRequestException } from '@nestjs/common';
import type { NewLead } from '../leads.service';
import { acceptResume, type ResumeFilePart } from '../resume/resume-upload';
import type { CreateLeadDto } from './lead.dto';
import { toLeadSource } from '../source/lead-source.dto';

/** Request (JSON body or multipart fields + file part) → service input, in one place. */
export function toNewLead(body: CreateLeadDto, file: ResumeFilePart | undefined): NewLead {
  if (file && body.resume) {
    throw new BadRequestException(['send the resume as a file or as a URL, not both']);
  }
  if (!file && !body.resume) {
    throw new BadRequestException(['resume is required: an http(s) URL or a file']);
  }
  return {
    firstName: body.first_name,
    lastName: body.last_name,
    email: body.email,
    phone: body.phone ?? null,
    message: body.message ?? null,
    resume: file ? { file: acceptResume(file) } : { url: body.resume! },
    opposingParty: body.opposing_party ?? null,
    formSignals: { website: body.website?.trim(), formToken: body.form_token },
    source: toLeadSource(body.source),
  };
}
