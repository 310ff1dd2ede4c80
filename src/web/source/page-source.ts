/**
 * The intake page's source fields, read from the address the page was opened with and the page
 * before it. Shared by the server (which writes them into the form's hidden inputs, for
 * browsers without script) and mirrored by client/source-fields.ts. A value the API would
 * refuse is dropped or cut here: a prospect's submit must never fail over tracking data.
 */
export interface PageSource {
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  referrer: string;
}

const TAG_MAX = 200;
const REFERRER_MAX = 2000;
// Control, format and separator characters the API refuses in a tag (see common/text.ts).
const UNCLEAN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFFFD]/gu;
const HAS_UNCLEAN = new RegExp(UNCLEAN.source, 'u');

const tag = (value: unknown): string =>
  typeof value === 'string'
    ? [...value.replace(UNCLEAN, '').trim()].slice(0, TAG_MAX).join('')
    : '';

/** An http(s) referrer from another site, else nothing (our own pages are no source). */
export function cleanReferrer(value: unknown, ownHost: string | undefined): string {
  if (typeof value !== 'string' || value.length > REFERRER_MAX) return '';
  try {
    const url = new URL(value);
    if (!/^https?:$/.test(url.protocol) || url.username || url.password) return '';
    if (ownHost && url.host === ownHost) return '';
    return HAS_UNCLEAN.test(value) ? '' : value;
  } catch {
    return '';
  }
}

export function pageSource(
  query: Record<string, unknown>,
  referer: string | undefined,
  ownHost: string | undefined,
): PageSource {
  return {
    utm_source: tag(query.utm_source),
    utm_medium: tag(query.utm_medium),
    utm_campaign: tag(query.utm_campaign),
    referrer: cleanReferrer(referer, ownHost),
  };
}
