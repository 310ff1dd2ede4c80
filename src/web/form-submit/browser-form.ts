import type { Request } from 'express';

/**
 * A submit of the intake form by the browser itself (no script ran): a form encoding, and HTML
 * preferred over JSON. API clients (JSON, `*\/*` or no Accept) and the page's own script (fetch
 * sends `*\/*`) get JSON as before.
 */
export function isBrowserFormSubmit(req: Request): boolean {
  const formEncoded = req.is(['multipart/form-data', 'application/x-www-form-urlencoded']);
  return Boolean(formEncoded) && req.accepts(['application/json', 'text/html']) === 'text/html';
}

/** Optional inputs of the intake form (the honeypot and token included). */
const OPTIONAL_FIELDS = ['phone', 'message', 'opposing_party', 'website', 'form_token'];

interface FormRequest {
  body?: Record<string, unknown>;
  file?: unknown;
}

/**
 * The plain form carries both CV inputs and the radio choosing between them (`resume_kind`,
 * `resume_url`, which the API does not know): keep the chosen one as the API's `resume`.
 */
export function adaptBrowserForm(req: FormRequest): void {
  const body = req.body;
  if (!body || typeof body !== 'object') return;
  // A plain form posts every input, the empty ones as "": an optional field left empty was not
  // given (the page's script leaves them out the same way).
  for (const field of OPTIONAL_FIELDS) {
    if (typeof body[field] === 'string' && !body[field].trim()) delete body[field];
  }
  const { resume_kind: kind, resume_url: url } = body;
  if (kind === undefined && url === undefined) return;
  delete body.resume_kind;
  delete body.resume_url;
  if (
    kind === 'url' ||
    (kind === undefined && typeof url === 'string' && url.trim() && !req.file)
  ) {
    body.resume = url;
    req.file = undefined;
  }
}
