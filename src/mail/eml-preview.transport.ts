import { Logger } from '@nestjs/common';
import { mkdirSync, rename, writeFile } from 'node:fs';
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
    const name = `${Date.now()}-${kind}-${leadId}-${process.hrtime.bigint()}`;
    const file = join(this.dir, `${name}.eml`);
    // Written under a hidden temporary name, then renamed: whoever reads the folder (a person, a
    // mail client, a test) sees either no message or the whole message, never half of one.
    const partial = join(this.dir, `.${name}.partial`);
    mail.message.build((buildError, raw) => {
      if (buildError) return callback(buildError);
      writeFile(partial, raw, (writeError) => {
        if (writeError) return callback(writeError);
        rename(partial, file, (renameError) => {
          if (renameError) return callback(renameError);
          this.logger.log(`Wrote ${kind} for lead ${leadId} to ${file}`);
          callback(null, { envelope: mail.message.getEnvelope(), messageId, response: file });
        });
      });
    });
  }
}
