import { Catch, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AllExceptionsFilter, type ErrorBody } from '../../common/filters/all-exceptions.filter';
import { isBrowserFormSubmit } from './browser-form';
import { FormPages } from './form-pages';

/**
 * The errors of a plain browser submit of the intake form as a page saying what is wrong (same
 * status, same logging); API clients get the usual JSON error.
 */
@Catch()
@Injectable()
export class FormPageFilter extends AllExceptionsFilter {
  constructor(private readonly pages: FormPages) {
    super();
  }

  protected override respond(req: Request, res: Response, status: number, body: ErrorBody): void {
    if (!isBrowserFormSubmit(req)) return super.respond(req, res, status, body);
    const messages =
      status >= 500
        ? [
            'Something went wrong on our side; please try again in a few minutes' +
              (body.request_id ? ` (request ${body.request_id})` : ''),
          ]
        : Array.isArray(body.message)
          ? body.message
          : [body.message];
    res.status(status).type('html').setHeader('Cache-Control', 'no-store');
    res.send(this.pages.problem(status, messages));
  }
}
