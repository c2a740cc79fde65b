import http from 'node:http';
import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { escapeHtml } from '../http/html';

export interface CaughtMail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  size: number;
}

/** What the sink answers to RCPT TO for an address: null accepts it. */
export type RecipientRule = (address: string) => { code: number; message: string } | null;

const MAX_MESSAGES = 500;
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * A local SMTP sink: accepts every message on loopback, keeps the last 500 in memory, and shows
 * them as JSON (`/messages`, `/messages/:id`) and as a small inbox page (`/`).
 */
export class MailCatcher {
  private readonly messages: CaughtMail[] = [];
  private nextId = 1;
  private smtp?: SMTPServer;
  private web?: http.Server;
  private waiters: (() => void)[] = [];
  private recipientRule: RecipientRule = () => null;
  smtpPort = 0;
  webPort = 0;

  async start(options: { smtpPort: number; webPort?: number }): Promise<void> {
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      size: MAX_MESSAGE_BYTES,
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const refusal = this.recipientRule(address.address);
        if (!refusal) return callback();
        const error = new Error(refusal.message) as Error & { responseCode: number };
        error.responseCode = refusal.code;
        callback(error);
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const headers: Record<string, string> = {};
            for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.key.length + 1).trim();
            this.store({
              from: parsed.from?.text ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers,
              size: 0,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.smtp!.once('error', reject);
      this.smtp!.listen(options.smtpPort, '127.0.0.1', () => resolve());
    });
    this.smtpPort = (this.smtp.server.address() as AddressInfo).port;
    if (options.webPort !== undefined) {
      this.web = http.createServer((req, res) => this.serve(req, res));
      await new Promise<void>((resolve, reject) => {
        this.web!.once('error', reject);
        this.web!.listen(options.webPort, '127.0.0.1', () => resolve());
      });
      this.webPort = (this.web.address() as AddressInfo).port;
    }
  }

  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.smtpPort}`;
  }

  get inboxUrl(): string {
    return `http://127.0.0.1:${this.webPort}`;
  }

  /** Makes the sink refuse some recipients (a 550 for a hard bounce, a 451 for a temporary failure). */
  refuseRecipients(rule: RecipientRule | null): void {
    this.recipientRule = rule ?? (() => null);
  }

  list(): CaughtMail[] {
    return [...this.messages];
  }

  clear(): void {
    this.messages.length = 0;
  }

  /** Resolves with the first message (old or new) that matches, or rejects after `timeoutMs`. */
  async waitFor(match: (mail: CaughtMail) => boolean, timeoutMs = 15_000): Promise<CaughtMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching mail within ${timeoutMs} ms (${this.messages.length} caught)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.smtp ? this.smtp.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (this.web ? this.web.close(() => resolve()) : resolve()));
  }

  private store(mail: Omit<CaughtMail, 'id' | 'receivedAt'>): void {
    this.messages.push({ ...mail, id: this.nextId++, receivedAt: new Date().toISOString(), size: mail.html.length + mail.text.length });
    if (this.messages.length > MAX_MESSAGES) this.messages.shift();
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://inbox');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/messages' && req.method === 'GET') {
      return json(200, [...this.messages].reverse().map(({ html: _html, text: _text, ...summary }) => summary));
    }
    if (url.pathname === '/messages' && req.method === 'DELETE') {
      this.clear();
      return json(200, { cleared: true });
    }
    const one = /^\/messages\/(\d+)(\.html)?$/.exec(url.pathname);
    if (one) {
      const mail = this.messages.find((m) => m.id === Number(one[1]));
      if (!mail) return json(404, { message: 'no such message' });
      if (one[2]) {
        // The message's own HTML, sandboxed: no scripts, no same-origin access.
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'" });
        res.end(mail.html || `<pre>${escapeHtml(mail.text)}</pre>`);
        return;
      }
      return json(200, mail);
    }
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(this.page());
      return;
    }
    json(404, { message: 'not found' });
  }

  private page(): string {
    const rows = [...this.messages]
      .reverse()
      .map(
        (m) =>
          `<tr><td>${escapeHtml(m.receivedAt)}</td><td>${escapeHtml(m.to.join(', '))}</td><td><a href="/messages/${m.id}.html">${escapeHtml(m.subject || '(no subject)')}</a></td><td><a href="/messages/${m.id}">json</a></td></tr>`,
      )
      .join('');
    return `<!doctype html><html><head><meta charset="utf-8"><title>ChannelKit local inbox</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#1b1f24}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}</style>
</head><body><h1>Local inbox</h1><p>${this.messages.length} message(s) caught by the development SMTP catcher. Newest first.</p>
<table><thead><tr><th>Received (UTC)</th><th>To</th><th>Subject</th><th></th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
  }
}
