import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { MailConfig } from '../config/configuration';

/**
 * The SMTP transport every sender uses (the mailer, the start-up check, `npm run mail:test`),
 * so a check tests exactly what the service will do.
 */
export function smtpTransportOptions(
  mail: Pick<MailConfig, 'smtpUrl' | 'smtpRequireTls'>,
): SMTPTransport.Options & { url: string } {
  return {
    url: mail.smtpUrl!,
    // STARTTLS or nothing: credentials and mail never cross the network in the clear.
    requireTLS: mail.smtpRequireTls,
    // Fail fast when SMTP is unreachable rather than hold a connection for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}

/** Where SMTP_URL points, without its credentials: `smtp://host:port`. */
export function smtpEndpoint(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
  return `${url.protocol}//${url.hostname}:${port}`;
}
