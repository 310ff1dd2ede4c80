import { Controller, Get, Header, Headers, Inject, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Public } from '../common/decorators/public.decorator';
import { appConfig, firmConfig, type AppConfig, type FirmConfig } from '../config/configuration';
import { escapeHtml, firmTexts } from './form-submit/firm-texts';
import { fillTemplate } from './form-submit/form-pages';
import { pageSource } from './source/page-source';

const PAGES = join(__dirname, 'pages');
// The package exports only its module entry points; the UMD build sits beside them in dist/.
const CHART_JS = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');

/**
 * The two pages (public intake form, staff dashboard). They are static HTML with the firm's
 * name and texts filled in; everything else happens in the browser against the JSON API (or,
 * for the form without script, in a plain POST answered with a page: see form-submit/).
 */
@ApiExcludeController()
@Controller()
export class WebController {
  private readonly adminPage: string;
  private chartJsSource?: string;
  private readonly intakeTemplate: string;
  private readonly firmValues: Record<string, string>;
  private readonly brandCss: string;

  constructor(@Inject(appConfig.KEY) config: AppConfig, @Inject(firmConfig.KEY) firm: FirmConfig) {
    const texts = firmTexts(firm);
    this.firmValues = {
      BRAND_NAME: escapeHtml(config.brandName),
      RESUME_MAX_BYTES: String(config.resumeMaxBytes),
      FIRM_INTRO: texts.intro,
      PRIVACY_NOTICE: texts.privacy,
      RESPONSE_TIME: texts.responseTime,
      CONTACT: texts.contact,
    };
    this.intakeTemplate = readFileSync(join(PAGES, 'intake.html'), 'utf8');
    this.adminPage = fillTemplate(readFileSync(join(PAGES, 'admin.html'), 'utf8'), this.firmValues);
    // BRAND_COLOR is validated as a hex colour, so it is safe to write into CSS.
    this.brandCss = `:root { --brand: ${config.brandColor}; }\n`;
  }

  @Public()
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  intake(
    @Query() query: Record<string, unknown>,
    @Headers('referer') referer: string | undefined,
    @Headers('host') host: string | undefined,
  ): string {
    // The form's hidden source fields, from this page's own address: a browser without script
    // sends them as they are written here (one pass, so a value cannot fill another placeholder).
    const source = pageSource(query, referer, host);
    return fillTemplate(this.intakeTemplate, {
      ...this.firmValues,
      UTM_SOURCE: escapeHtml(source.utm_source),
      UTM_MEDIUM: escapeHtml(source.utm_medium),
      UTM_CAMPAIGN: escapeHtml(source.utm_campaign),
      REFERRER: escapeHtml(source.referrer),
    });
  }

  @Public()
  @Get('admin')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  admin(): string {
    return this.adminPage;
  }

  /**
   * Chart.js (the Reports view's charts), served from the installed package so the page needs no
   * CDN and the CSP keeps `script-src 'self'`. Read once; its version is in package-lock.json.
   */
  @Public()
  @Get('vendor/chart.umd.min.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=86400')
  chartJs(): string {
    this.chartJsSource ??= readFileSync(CHART_JS, 'utf8');
    return this.chartJsSource;
  }

  @Public()
  @Get('brand.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  brand(): string {
    return this.brandCss;
  }
}
