/**
 * The lead's source (issue 15): the campaign tags of this page's address and the page the
 * prospect came from, into the form's hidden inputs (the server wrote them already, for browsers
 * without script; the script reads them again, as the page sees them). Values the API would
 * refuse are cut or dropped, as on the server (web/source/page-source.ts): a prospect's submit
 * never fails over tracking data.
 */
import { byId } from './dom.js';

const TAGS = ['utm_source', 'utm_medium', 'utm_campaign'] as const;
const TAG_MAX = 200;
const REFERRER_MAX = 2000;
const UNCLEAN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFFFD]/gu;

function cleanReferrer(value: string): string {
  if (!value || value.length > REFERRER_MAX) return '';
  try {
    const url = new URL(value);
    if (!/^https?:$/.test(url.protocol) || url.username || url.password) return '';
    return url.host === location.host || new RegExp(UNCLEAN.source, 'u').test(value) ? '' : value;
  } catch {
    return '';
  }
}

export function captureSource(): void {
  const params = new URLSearchParams(location.search);
  for (const name of TAGS) {
    const value = params.get(name);
    if (value !== null) {
      byId<HTMLInputElement>(name).value = [...value.replace(UNCLEAN, '').trim()]
        .slice(0, TAG_MAX)
        .join('');
    }
  }
  const referrer = cleanReferrer(document.referrer);
  if (referrer) byId<HTMLInputElement>('referrer').value = referrer;
}

/** The filled ones, as the flat fields a multipart POST /leads takes. */
export function appendSource(body: FormData): void {
  for (const name of [...TAGS, 'referrer'] as const) {
    const value = byId<HTMLInputElement>(name).value;
    if (value) body.set(name, value);
  }
}
