import { Inject, Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appConfig, firmConfig, type AppConfig, type FirmConfig } from '../../config/configuration';
import { escapeHtml, firmTexts, type FirmTexts } from './firm-texts';

const PAGES = join(__dirname, '..', 'pages');

/** What the thank-you page shows of the new lead (the public view's fields). */
export interface SubmittedLead {
  reference: string;
  first_name: string;
  email: string;
}

/** The form's fields as the page labels them, for messages that start with the field's name. */
const LABELS: Record<string, string> = {
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  phone: 'Phone',
  message: 'Message',
  resume: 'CV',
};

/**
 * Fills `{{NAME}}` placeholders in one pass, so a value that itself contains `{{…}}` (a name
 * typed that way) is never filled in again. Values are HTML already.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (placeholder, name: string) =>
    name in values ? values[name] : placeholder,
  );
}

/** The pages a browser gets back when it posts the intake form without script. */
@Injectable()
export class FormPages {
  private readonly thanksTemplate = readFileSync(join(PAGES, 'thanks.html'), 'utf8');
  private readonly problemTemplate = readFileSync(join(PAGES, 'form-problem.html'), 'utf8');
  private readonly texts: FirmTexts;
  private readonly brand: string;

  constructor(@Inject(appConfig.KEY) app: AppConfig, @Inject(firmConfig.KEY) firm: FirmConfig) {
    this.texts = firmTexts(firm);
    this.brand = escapeHtml(app.brandName);
  }

  thanks(lead: SubmittedLead): string {
    return fillTemplate(this.thanksTemplate, {
      BRAND_NAME: this.brand,
      FIRST_NAME: escapeHtml(lead.first_name),
      EMAIL: escapeHtml(lead.email),
      REFERENCE: escapeHtml(lead.reference),
      RESPONSE_TIME: this.texts.responseTime,
      CONTACT: this.texts.contact,
    });
  }

  /** What was wrong with the submit (the API's messages, in the page's words). */
  problem(status: number, messages: string[]): string {
    const title =
      status === 400 || status === 413 || status === 415
        ? 'Please check your details'
        : 'We could not take your details';
    return fillTemplate(this.problemTemplate, {
      BRAND_NAME: this.brand,
      TITLE: title,
      PROBLEMS: messages.map((m) => `<li>${escapeHtml(sentence(m))}</li>`).join('\n'),
      CONTACT: this.texts.contact,
    });
  }
}

/** `first_name must be…` → `First name must be….` */
function sentence(message: string): string {
  const field = Object.keys(LABELS).find((f) => message.startsWith(`${f} `));
  const text = field ? LABELS[field] + message.slice(field.length) : message;
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
