/**
 * The intake page's source fields, read from the address the page was opened with and the page
 * before it, and written by the server into the form's hidden inputs (its script sends them as
 * they are). The API's own definitions decide what stays: a character it refuses is dropped, and
 * a value it would still refuse is dropped whole. A prospect's submit never fails over tracking
 * data it cannot see.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { UNCLEAN_CHARACTER } from '../../common/text';
import { LeadSourceDto, SOURCE_TAG_MAX } from '../../leads/source/lead-source.dto';

export interface PageSource {
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  referrer: string;
}

const tag = (value: unknown): string =>
  typeof value === 'string'
    ? [...value.replace(UNCLEAN_CHARACTER, '').trim()].slice(0, SOURCE_TAG_MAX).join('')
    : '';

/** An http(s) referrer from another site that the API takes, else nothing (our own pages are no source). */
export function cleanReferrer(value: unknown, ownHost: string | undefined): string {
  if (typeof value !== 'string' || !value) return '';
  try {
    if (ownHost && new URL(value).host === ownHost) return '';
  } catch {
    return '';
  }
  return refused({ referrer: value }).has('referrer') ? '' : value;
}

export function pageSource(
  query: Record<string, unknown>,
  referer: string | undefined,
  ownHost: string | undefined,
): PageSource {
  const source: PageSource = {
    utm_source: tag(query.utm_source),
    utm_medium: tag(query.utm_medium),
    utm_campaign: tag(query.utm_campaign),
    referrer: cleanReferrer(referer, ownHost),
  };
  const rejected = refused(source);
  for (const field of rejected) source[field] = '';
  return source;
}

/** The filled fields POST /leads would refuse, checked by the very DTO it checks them with. */
function refused(source: Partial<PageSource>): Set<keyof PageSource> {
  const filled = Object.fromEntries(Object.entries(source).filter(([, value]) => value));
  const errors = validateSync(plainToInstance(LeadSourceDto, filled));
  return new Set(errors.map((error) => error.property as keyof PageSource));
}
