// A real SMTP server that keeps what it receives: the mail catcher `npm start` runs (mail-catcher.ts)
// and the SMTP server the tests start. smtp-server receives, mailparser decodes.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export class SmtpCatcher {
  readonly messages: ParsedMail[] = [];
  private readonly server: SMTPServer;

  /**
   * `onMessage` sees each accepted message; `beforeAccept` may hold a message back before it is
   * accepted (a test stalls a delivery there, as a slow server would).
   */
  constructor(
    private readonly onMessage?: (mail: ParsedMail, raw: Buffer) => void | Promise<void>,
    private readonly beforeAccept?: (mail: ParsedMail) => Promise<void>,
  ) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then(async (mail) => {
              await this.beforeAccept?.(mail);
              this.messages.push(mail);
              await this.onMessage?.(mail, raw);
              callback();
            })
            .catch((err: Error) => callback(err));
        });
      },
    });
  }

  listen(port: number, host = '127.0.0.1'): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
