import { simpleParser } from 'mailparser';
import type { AddressInfo, Socket } from 'node:net';
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
  /**
   * Recipients refused once at RCPT TO with 451 (greylisting: "try again later"), then accepted.
   * Each address is taken off the list when it has been refused.
   */
  deferRecipientsOnce?: string[];
  /**
   * Recipients whose next message loses its connection: the server closes the socket as the
   * message data arrives, before answering it, then accepts the following attempts. Each address
   * is taken off the list when its connection has been dropped.
   */
  dropDuringDataOnce?: string[];
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

/** A refusal or dropped connection the sink inflicted, for tests to check it really happened. */
export interface Interruption {
  recipient: string;
  what: '451 at RCPT TO' | 'dropped during DATA';
}

/** Removes `address` from `list` and says whether it was there. */
function takeOnce(list: string[] | undefined, address: string): boolean {
  const index = list?.indexOf(address) ?? -1;
  if (index < 0) return false;
  list!.splice(index, 1);
  return true;
}

const smtpError = (message: string, responseCode: number): Error =>
  Object.assign(new Error(message), { responseCode });

/** A real SMTP server on 127.0.0.1 that keeps what it receives, for tests to read back. */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  readonly logins: LoginAttempt[] = [];
  readonly interruptions: Interruption[] = [];
  behaviour: SinkBehaviour = {};
  private server?: SMTPServer;
  /** Open client sockets by remote port, so a session's connection can be dropped. */
  private readonly sockets = new Map<number, Socket>();
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
        const recipient = address.address.toLowerCase();
        if (this.behaviour.rejectRecipients?.includes(recipient)) {
          return callback(smtpError(`<${address.address}>: Mailbox unavailable`, 550));
        }
        if (takeOnce(this.behaviour.deferRecipientsOnce, recipient)) {
          this.interruptions.push({ recipient, what: '451 at RCPT TO' });
          return callback(smtpError('Greylisted, please try again later', 451));
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const dropFor = recipients.find((r) => takeOnce(this.behaviour.dropDuringDataOnce, r));
        const socket = this.sockets.get(session.remotePort);
        if (dropFor && socket) {
          this.interruptions.push({ recipient: dropFor, what: 'dropped during DATA' });
          // Part of the message has arrived and no reply has been sent: the client cannot know
          // whether it was delivered. The callback is never called; the connection is gone.
          stream.once('data', () => socket.destroy());
          stream.resume();
          return;
        }
        simpleParser(stream)
          .then(async (mail) => {
            if (this.behaviour.delayMs)
              await new Promise((r) => setTimeout(r, this.behaviour.delayMs));
            this.messages.push({
              to: recipients,
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
    this.server.server.on('connection', (socket: Socket) => {
      const port = socket.remotePort;
      if (port === undefined) return;
      this.sockets.set(port, socket);
      socket.once('close', () => this.sockets.delete(port));
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
