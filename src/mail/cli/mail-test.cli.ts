import '../../config/load-dotenv';
import { Logger } from '@nestjs/common';
import { createTransport, type SentMessageInfo, type Transporter } from 'nodemailer';
import { parseArgs } from 'node:util';
import { mailConfig } from '../../config/configuration';
import { loadEnv } from '../../config/env.validation';
import { EmlPreviewTransport } from '../eml-preview.transport';
import { describeSmtpFailure } from '../smtp-errors';
import { smtpEndpoint, smtpTransportOptions } from '../smtp-transport';
import { smtpFailureKind } from './smtp-failure-kind';

const USAGE = `Usage: npm run mail:test -- --to ADDRESS

Sends one test message through the mail transport the service is configured for (SMTP_URL,
MAIL_FROM, SMTP_REQUIRE_TLS, from the environment or .env) and prints the server's answer.
Exits 0 when the server accepted the message, 1 with the reason when it did not. Never prints
the password in SMTP_URL.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || !values.to) {
    (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  loadEnv(); // bad configuration: fail with just the reasons
  Logger.overrideLogger(false); // the .eml transport's own log line: this CLI says it itself
  const mail = mailConfig();
  const via = mail.smtpUrl
    ? `SMTP ${smtpEndpoint(mail.smtpUrl)}`
    : `.eml files in ${mail.previewDir} (SMTP_URL is not set)`;
  process.stdout.write(`Sending a test message to ${values.to} via ${via}, from ${mail.from}\n`);
  const transport: Transporter<SentMessageInfo> = mail.smtpUrl
    ? createTransport(smtpTransportOptions(mail))
    : createTransport(new EmlPreviewTransport(mail.previewDir));
  try {
    const info = (await transport.sendMail({
      from: mail.from,
      to: values.to,
      subject: `Test message from ${mail.firmName}`,
      text:
        `This is a test message sent by \`npm run mail:test\` of ${mail.firmName}'s lead intake ` +
        `service (${mail.publicBaseUrl}).\nIf you can read it, the service can send e-mail.\n`,
    })) as { accepted?: unknown[]; rejected?: unknown[]; response?: string; messageId?: string };
    const rejected = (info.rejected ?? []).map(String);
    process.stdout.write(
      `Accepted: ${(info.accepted ?? []).map(String).join(', ') || 'none'}\n` +
        (rejected.length ? `Rejected: ${rejected.join(', ')}\n` : '') +
        `Server answer: ${info.response ?? '(none)'}\nMessage-ID: ${info.messageId ?? ''}\n`,
    );
    if (rejected.length) {
      process.stderr.write(`mail:test failed: recipient refused: ${rejected.join(', ')}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    process.stderr.write(
      `mail:test failed: ${smtpFailureKind(error)}: ${describeSmtpFailure(error)}\n`,
    );
    return 1;
  } finally {
    transport.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `mail:test failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
