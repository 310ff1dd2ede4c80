import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../common/decorators/public.decorator';
import { appConfig, type AppConfig } from '../config/configuration';

const PAGES = join(__dirname, 'pages');

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The two pages (public intake form, staff dashboard). They are static HTML with the firm's
 * name filled in; everything else happens in the browser against the JSON API.
 */
@ApiExcludeController()
@Controller()
export class WebController {
  private readonly pages: Record<'intake' | 'admin', string>;
  private readonly brandCss: string;

  constructor(@Inject(appConfig.KEY) config: AppConfig) {
    const render = (file: string) =>
      readFileSync(join(PAGES, file), 'utf8')
        .replaceAll('{{BRAND_NAME}}', escapeHtml(config.brandName))
        .replaceAll('{{RESUME_MAX_BYTES}}', String(config.resumeMaxBytes));
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
