import { blacklist } from 'mailchecker';
import type { FormTokenProblem } from './form-token.service';

export type SpamReason = 'honeypot' | 'disposable_email' | FormTokenProblem;

/** What the web form sends beside the lead: the honeypot and the page's token. */
export interface FormSignals {
  website?: string;
  formToken?: string;
}

/**
 * Whether the address is at a throwaway-mail domain, by the maintained `mailchecker` list
 * (a subdomain of a listed domain counts too).
 */
export function isDisposableEmail(email: string): boolean {
  const domains = blacklist();
  let domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  for (;;) {
    if (domains.has(domain)) return true;
    const dot = domain.indexOf('.');
    if (dot < 0) return false;
    domain = domain.slice(dot + 1);
  }
}

/**
 * The reasons a submit is spam. A honeypot with anything in it, a form token that is too young,
 * old or forged, and a disposable address each count; a client without a token (or with an empty
 * one) is fine.
 */
export function spamReasons(
  email: string,
  signals: FormSignals,
  tokenProblem: (token: string) => FormTokenProblem | null,
): SpamReason[] {
  const reasons: SpamReason[] = [];
  if (signals.website) reasons.push('honeypot');
  // An empty token is no token: the page without JavaScript posts its empty hidden field, and a
  // person using it must not be taken for a bot (the honeypot and the domain still apply).
  if (signals.formToken) {
    const problem = tokenProblem(signals.formToken);
    if (problem) reasons.push(problem);
  }
  if (isDisposableEmail(email)) reasons.push('disposable_email');
  return reasons;
}
