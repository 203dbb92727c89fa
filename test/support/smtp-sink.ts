/**
 * A real SMTP server for the tests (the `smtp-server` package, in this process), that keeps what
 * it takes, parsed with `mailparser`. It can refuse the next messages (a 4xx or 5xx reply to the
 * DATA), or hold the next one: the message is stored — as a real MTA that has committed it — but
 * the reply is held back until `release()`, so a test can kill the sender in that moment.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  readonly url: string;
  readonly messages: ParsedMail[];
  /** Messages whose To: is `address`. */
  to(address: string): ParsedMail[];
  /** The next `count` messages are answered with `code` and not kept. */
  refuseNext(count: number, code: number): void;
  /** The next message is kept but not answered; resolves once it has arrived. */
  holdNext(): Promise<void>;
  /** Answers a held message (if its sender is still there). */
  release(): void;
  close(): Promise<void>;
}

type Reply = (error?: Error | null) => void;

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const refusals: number[] = [];
  let hold: (() => void) | null = null;
  let held: Reply | null = null;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const code = refusals.shift();
        if (code !== undefined) {
          callback(Object.assign(new Error('Refused by the test'), { responseCode: code }));
          return;
        }
        void simpleParser(Buffer.concat(chunks)).then((parsed) => {
          messages.push(parsed);
          if (!hold) return callback();
          held = callback;
          hold();
          hold = null;
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((message) => message.to && JSON.stringify(message.to).includes(address)),
    refuseNext: (count, code) => refusals.push(...Array<number>(count).fill(code)),
    holdNext: () => new Promise<void>((resolve) => (hold = resolve)),
    release() {
      const reply = held;
      held = null;
      try {
        reply?.();
      } catch {
        // The sender is gone: nothing to answer.
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
