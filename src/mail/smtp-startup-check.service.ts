import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { mailConfig, type MailConfig } from '../config/configuration';
import { describeSmtpFailure } from './smtp-errors';
import { smtpEndpoint, smtpTransportOptions } from './smtp-transport';

/**
 * Connects (and logs in) to SMTP_URL once at start-up, in the background, so a wrong host, port,
 * password or certificate shows in the first lines of the log instead of hours later as failed
 * mail. A warning, not a refusal: the service starts, and the outbox retries once it is fixed.
 * Not for the .eml transport, which has nothing to check.
 */
@Injectable()
export class SmtpStartupCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Mail');

  constructor(@Inject(mailConfig.KEY) private readonly mail: MailConfig) {}

  onApplicationBootstrap(): void {
    if (this.mail.smtpUrl && this.mail.smtpVerifyTimeoutMs > 0) void this.check(this.mail.smtpUrl);
  }

  /** Resolves when the check is over, whatever its outcome: it never throws. */
  async check(smtpUrl: string): Promise<boolean> {
    const limit = this.mail.smtpVerifyTimeoutMs;
    const endpoint = smtpEndpoint(smtpUrl);
    const transport = createTransport({
      ...smtpTransportOptions(this.mail),
      connectionTimeout: limit,
      greetingTimeout: limit,
      socketTimeout: limit,
    });
    try {
      await transport.verify();
      const login = new URL(smtpUrl).username ? ' and the login' : '';
      this.logger.log(`SMTP server ${endpoint} accepted the connection${login}`);
      return true;
    } catch (error) {
      this.logger.warn(
        { smtp: endpoint, err: describeSmtpFailure(error) },
        `SMTP_URL: cannot send through ${endpoint}: ${describeSmtpFailure(error)}. ` +
          'The service runs; e-mail waits and is retried once SMTP_URL or the server is fixed',
      );
      return false;
    } finally {
      transport.close();
    }
  }
}
