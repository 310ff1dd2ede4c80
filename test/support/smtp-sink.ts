import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Map<string, unknown>;
}

export interface SinkBehaviour {
  /** Milliseconds to wait before accepting each message (a slow SMTP server). */
  delayMs?: number;
  /** Recipients refused permanently at RCPT TO (550). */
  rejectRecipients?: string[];
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives, for tests to read back. */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  behaviour: SinkBehaviour = {};
  private server?: SMTPServer;
  private port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // "Down" means down: stop() drops open (pooled) client connections almost at once.
      closeTimeout: 50,
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        if (this.behaviour.rejectRecipients?.includes(address.address.toLowerCase())) {
          const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
          error.responseCode = 550;
          return callback(error);
        }
        callback();
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            if (this.behaviour.delayMs)
              await new Promise((r) => setTimeout(r, this.behaviour.delayMs));
            this.messages.push({
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              messageId: mail.messageId ?? '',
              headers: mail.headers,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  /** Stops listening (SMTP "down"); `start(sink.portNumber)` brings it back on the same port. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get portNumber(): number {
    return this.port;
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }
}
