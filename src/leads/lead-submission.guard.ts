import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { Request } from 'express';
import { edgeConfig, type EdgeConfig } from '../config/configuration';

/** Room for the text fields and multipart boundaries around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * Turns away a submit before any of its body is read: an encoding we do not take gets 415, and a
 * multipart body whose declared length cannot fit under RESUME_MAX_BYTES gets 413 at once.
 * (A body without a length is still cut off by multer at the limit while streaming.)
 */
@Injectable()
export class LeadSubmissionGuard implements CanActivate {
  constructor(@Inject(edgeConfig.KEY) private readonly edge: EdgeConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const json = req.is('application/json');
    const multipart = req.is('multipart/form-data');
    if (!json && !multipart) {
      throw new UnsupportedMediaTypeException(
        'Content-Type must be application/json or multipart/form-data',
      );
    }
    const length = Number(req.headers['content-length']);
    if (multipart && length > this.edge.resumeMaxBytes + MULTIPART_OVERHEAD_BYTES) {
      throw new PayloadTooLargeException(
        `resume must be at most ${this.edge.resumeMaxBytes} bytes`,
      );
    }
    return true;
  }
}
