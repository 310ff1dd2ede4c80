/** Files the API serves behind the bearer token (a plain link cannot send it): CV, CSV export. */

import { el } from './dom.js';
import { session } from './session.js';

/** Fetches `path` with the session's token and saves the answer as `filename`. */
export async function download(path: string, filename: string): Promise<void> {
  const res = await session.fetch(path);
  const url = URL.createObjectURL(await res.blob());
  const a = el('a', '', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not now: the browser may still be reading the blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
