import { withoutAddresses } from '../common/logging/safe-error';

interface SmtpError {
  code?: unknown;
  command?: unknown;
  response?: unknown;
  responseCode?: unknown;
}

/**
 * Only a recipient's permanent refusal (5xx to RCPT TO: no such mailbox) is final: sending again
 * cannot help. Every other 5xx is about us or the server, and an admin can fix it while the
 * message waits: 535 (bad credentials in SMTP_URL), a refused sender, a failed STARTTLS.
 * Connection and certificate errors carry no SMTP code and always retry.
 */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const { command, responseCode } = (error ?? {}) as SmtpError;
  return (
    command === 'RCPT TO' &&
    typeof responseCode === 'number' &&
    responseCode >= 500 &&
    responseCode < 600
  );
}

/** Hints for staff reading last_error, by nodemailer's error code. */
const HINTS: Record<string, string> = {
  EAUTH: 'the SMTP server refused the credentials in SMTP_URL',
  ETLS: 'could not set up TLS with the SMTP server: STARTTLS missing or refused, or an untrusted certificate',
};

/**
 * A failed send, for the log and for the notification's last_error: nodemailer's message (which
 * already quotes the server's reply), a hint for the usual operator mistakes, and never an
 * e-mail address (replies quote the recipient, and they are personal data).
 */
export function describeSmtpFailure(error: unknown): string {
  if (!(error instanceof Error)) return withoutAddresses(String(error));
  const { code, response } = error as SmtpError;
  let text = error.message;
  if (typeof response === 'string' && response && !text.includes(response)) {
    text += ` (${response})`;
  }
  const hint = typeof code === 'string' ? HINTS[code] : undefined;
  return withoutAddresses(hint ? `${text} [${hint}]` : text);
}
