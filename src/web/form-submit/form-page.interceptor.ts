import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { adaptBrowserForm, isBrowserFormSubmit } from './browser-form';
import { FormPages, type SubmittedLead } from './form-pages';

/**
 * Lets the intake form work without script: a browser posting it gets the thank-you page in the
 * answer itself (same 201, no redirect, so nothing of the prospect ever lands in a URL). Every
 * other client gets the handler's JSON untouched. Must run after the multipart parser.
 */
@Injectable()
export class FormPageInterceptor implements NestInterceptor {
  constructor(private readonly pages: FormPages) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    res.vary('Accept');
    if (!isBrowserFormSubmit(req)) return next.handle();
    adaptBrowserForm(req);
    return next.handle().pipe(
      map((lead: SubmittedLead) => {
        res.type('html').setHeader('Cache-Control', 'no-store');
        return this.pages.thanks(lead);
      }),
    );
  }
}
