import { Logger } from '@nestjs/common';
import { mkdirSync, writeFile } from 'node:fs';
import { join } from 'node:path';
import type { SentMessageInfo, Transport } from 'nodemailer';
import type MailMessage from 'nodemailer/lib/mailer/mail-message';

/**
 * Development transport used when SMTP_URL is unset: each message becomes an .eml file (open it
 * in any mail client) and one log line that names the lead, not the people.
 */
export class EmlPreviewTransport implements Transport<SentMessageInfo> {
  readonly name = 'eml-preview';
  readonly version = '1.0.0';
  private readonly logger = new Logger('MailPreview');

  constructor(private readonly dir: string) {}

  send(mail: MailMessage, callback: (err: Error | null, info?: SentMessageInfo) => void): void {
    mkdirSync(this.dir, { recursive: true });
    const messageId = mail.message.messageId();
    const headers = (mail.data.headers ?? {}) as Record<string, unknown>;
    const leadId = typeof headers['X-Lead-Id'] === 'string' ? headers['X-Lead-Id'] : 'unknown';
    const kind = typeof headers['X-Notification'] === 'string' ? headers['X-Notification'] : 'mail';
    const file = join(this.dir, `${Date.now()}-${kind}-${leadId}-${process.hrtime.bigint()}.eml`);
    mail.message.build((buildError, raw) => {
      if (buildError) return callback(buildError);
      writeFile(file, raw, (writeError) => {
        if (writeError) return callback(writeError);
        this.logger.log(`Wrote ${kind} for lead ${leadId} to ${file}`);
        callback(null, { envelope: mail.message.getEnvelope(), messageId, response: file });
      });
    });
  }
}
