import type { FirmConfig } from '../../config/configuration';

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The firm's sentences the pages share (HTML, escaped), from FIRM_* / RESPONSE_TIME_TEXT. */
export interface FirmTexts {
  /** FIRM_INTRO as a paragraph, or the default lead-in. */
  intro: string;
  /** "An attorney will contact you within one business day." */
  responseTime: string;
  /** How to reach the firm (mailto and tel links), or nothing. */
  contact: string;
  /** A paragraph linking to PRIVACY_URL, or nothing. */
  privacy: string;
}

export function firmTexts(firm: FirmConfig): FirmTexts {
  const reach: string[] = [];
  if (firm.contactEmail) {
    const email = escapeHtml(firm.contactEmail);
    reach.push(`<a href="mailto:${email}">${email}</a>`);
  }
  if (firm.contactPhone) {
    reach.push(
      `<a href="tel:${escapeHtml(firm.contactPhone.e164)}">${escapeHtml(firm.contactPhone.display)}</a>`,
    );
  }
  return {
    intro: escapeHtml(
      firm.intro ?? 'Leave your details and your CV; an attorney will contact you by email.',
    ),
    responseTime: escapeHtml(
      firm.responseTime
        ? `One of our attorneys will contact you ${firm.responseTime}.`
        : 'One of our attorneys will be in touch soon.',
    ),
    contact: reach.length
      ? `<p class="contact">Questions in the meantime? Reach us at ${reach.join(' or ')}.</p>`
      : '',
    privacy: firm.privacyUrl
      ? `<p class="privacy">How we use your details: see our ` +
        `<a href="${escapeHtml(firm.privacyUrl)}">privacy notice</a>.</p>`
      : '',
  };
}
