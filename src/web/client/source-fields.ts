/**
 * The lead's source (issue 15): the campaign tags of the page's address and the page the prospect
 * came from. The server wrote them into the form's hidden inputs, cleaned by the API's own rules
 * (web/source/page-source.ts), so the script sends them as they are: a second cleaner here could
 * only drift from those rules and send what the API refuses.
 */
import { byId } from './dom.js';

const FIELDS = ['utm_source', 'utm_medium', 'utm_campaign', 'referrer'] as const;

/** The filled ones, as the flat fields a multipart POST /leads takes. */
export function appendSource(body: FormData): void {
  for (const name of FIELDS) {
    const value = byId<HTMLInputElement>(name).value;
    if (value) body.set(name, value);
  }
}
