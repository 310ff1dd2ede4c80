/**
 * The intake form's spam signals (issue 14): a token from GET /leads/form-token, fetched when the
 * page loads (no inline script), and the honeypot `website`, which a person never sees.
 */
import { byId } from './dom.js';

export async function loadFormToken(): Promise<void> {
  try {
    const res = await fetch('/leads/form-token', { cache: 'no-store' });
    if (res.ok) {
      const { form_token } = (await res.json()) as { form_token: string };
      byId<HTMLInputElement>('form_token').value = form_token;
    }
  } catch {
    // Without a token the form is sent like an API client's: never spam for that reason.
  }
}

export function appendFormSignals(body: FormData): void {
  const token = byId<HTMLInputElement>('form_token').value;
  if (token) body.set('form_token', token);
  const honeypot = byId<HTMLInputElement>('website').value;
  if (honeypot) body.set('website', honeypot);
}
