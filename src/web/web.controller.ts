import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../common/decorators/public.decorator';
import { appConfig, firmConfig, type AppConfig, type FirmConfig } from '../config/configuration';
import { escapeHtml, firmTexts } from './form-submit/firm-texts';
import { fillTemplate } from './form-submit/form-pages';

const PAGES = join(__dirname, 'pages');

/**
 * The two pages (public intake form, staff dashboard). They are static HTML with the firm's
 * name and texts filled in; everything else happens in the browser against the JSON API (or,
 * for the form without script, in a plain POST answered with a page: see form-submit/).
 */
@ApiExcludeController()
@Controller()
export class WebController {
  private readonly pages: Record<'intake' | 'admin', string>;
  private readonly brandCss: string;

  constructor(@Inject(appConfig.KEY) config: AppConfig, @Inject(firmConfig.KEY) firm: FirmConfig) {
    const texts = firmTexts(firm);
    const render = (file: string) =>
      fillTemplate(readFileSync(join(PAGES, file), 'utf8'), {
        BRAND_NAME: escapeHtml(config.brandName),
        RESUME_MAX_BYTES: String(config.resumeMaxBytes),
        FIRM_INTRO: texts.intro,
        PRIVACY_NOTICE: texts.privacy,
        RESPONSE_TIME: texts.responseTime,
        CONTACT: texts.contact,
      });
    this.pages = { intake: render('intake.html'), admin: render('admin.html') };
    // BRAND_COLOR is validated as a hex colour, so it is safe to write into CSS.
    this.brandCss = `:root { --brand: ${config.brandColor}; }\n`;
  }

  @Public()
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  intake(): string {
    return this.pages.intake;
  }

  @Public()
  @Get('admin')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  admin(): string {
    return this.pages.admin;
  }

  @Public()
  @Get('brand.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  brand(): string {
    return this.brandCss;
  }
}
