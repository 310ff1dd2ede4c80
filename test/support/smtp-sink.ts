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
  /** Recipients refused permanently at RCPT TO (550, quoting the address as real servers do). */
  rejectRecipients?: string[];
  /** Refuse every login with 535 (bad credentials); only with `auth: true`. */
  rejectLogins?: boolean;
}

export interface SinkOptions {
  /** Offer AUTH (in the clear: the sink never offers STARTTLS) and record each login. */
  auth?: boolean;
  /** Implicit TLS (smtps) with smtp-server's built-in self-signed certificate. */
  secure?: boolean;
}

export interface LoginAttempt {
  username: string;
  /** Whether the connection was encrypted when the credentials arrived. */
  secure: boolean;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives, for tests to read back. */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  readonly logins: LoginAttempt[] = [];
  behaviour: SinkBehaviour = {};
  private server?: SMTPServer;
  private port = 0;

  constructor(private readonly options: SinkOptions = {}) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      secure: this.options.secure ?? false,
      authOptional: !this.options.auth,
      allowInsecureAuth: true,
      disabledCommands: this.options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      logger: false,
      onAuth: (auth, session, callback) => {
        this.logins.push({ username: auth.username ?? '', secure: session.secure });
        if (this.behaviour.rejectLogins) return callback(new Error('Invalid username or password'));
        callback(null, { user: auth.username });
      },
      // "Down" means down: stop() drops open (pooled) client connections almost at once.
      closeTimeout: 50,
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        if (this.behaviour.rejectRecipients?.includes(address.address.toLowerCase())) {
          const error = new Error(`<${address.address}>: Mailbox unavailable`) as Error & {
            responseCode: number;
          };
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
    // A client that hangs up (one refusing the self-signed certificate) is no fault of the sink.
    this.server.on('error', () => undefined);
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  /** Stops listening (SMTP "down"); `start(sink.portNumber)` brings it back on the same port. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get secure(): boolean {
    return this.options.secure ?? false;
  }

  get portNumber(): number {
    return this.port;
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }
}
