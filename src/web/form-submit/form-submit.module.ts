import { Module } from '@nestjs/common';
import { FormPages } from './form-pages';

/** What a feature needs to answer the plain (script-less) intake form with pages. */
@Module({ providers: [FormPages], exports: [FormPages] })
export class FormSubmitModule {}
