import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * An SMTP sink for benchmarks: reads each message, notes its Message-ID and answers 250 when the
 * data is complete (the moment a real server takes responsibility for a message). No MIME parsing.
 */
export class CountingSink {
  private server?: SMTPServer;
  received = 0;
  readonly ids = new Map<string, number>();
  port = 0;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 10 * 1024 * 1024,
      onData: (stream, _session, callback) => {
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (head.length < 8192) head += chunk.toString('latin1');
        });
        stream.on('end', () => {
          this.received++;
          const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? `(none ${this.received})`;
          this.ids.set(id, (this.ids.get(id) ?? 0) + 1);
          callback();
        });
      },
    });
    // A client killed mid-conversation resets its connection: the message it was sending is not taken.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  /** Messages received more than once: every copy after the first. */
  get duplicates(): number {
    return this.received - this.ids.size;
  }

  reset(): void {
    this.received = 0;
    this.ids.clear();
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
