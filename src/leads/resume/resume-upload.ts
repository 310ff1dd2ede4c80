import { UnsupportedMediaTypeException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RESUME_TYPES, resumeTypeProblem, sanitizeFilename, sniffResume } from './resume-type';

/** A CV file that passed the checks: safe name, type decided by its bytes. */
export interface UploadedResume {
  filename: string;
  contentType: string;
  bytes: Buffer;
  sha256: string;
}

/** The part of a multer file we use. */
export interface ResumeFilePart {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

/** Checks an uploaded file and describes it, or answers 415. */
export function acceptResume(file: ResumeFilePart): UploadedResume {
  const problem = resumeTypeProblem(file.buffer, file.mimetype, file.originalname);
  const kind = sniffResume(file.buffer);
  if (problem || !kind) throw new UnsupportedMediaTypeException(problem ?? 'Unsupported file');
  return {
    filename: sanitizeFilename(file.originalname, kind),
    contentType: RESUME_TYPES[kind].contentType,
    bytes: file.buffer,
    sha256: createHash('sha256').update(file.buffer).digest('hex'),
  };
}
