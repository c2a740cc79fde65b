import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { MailService } from '../mail/mail.service';
import { jobId } from './job-map';
import { JobOutbox } from './job-outbox.service';

/** One email from the platform itself (not a partner's campaign): an invitation, a notice, a test send. */
export interface PlatformMailInput {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** What the message is about, for logs (`invite:<id>`). */
  reference: string;
  /** Unique forever: a second `queue` with the same key is ignored (`lead-notice.<lead>.<admin>`). */
  dedupeKey?: string;
}

/** Mail is kept this long after it was recorded (a send job retries for about an hour), then deleted. */
export const PLATFORM_MAIL_KEEP_DAYS = 7;
const PRUNE_BATCH = 5_000;

interface OutboxRow {
  id: string;
  to_address: string;
  subject: string;
  body_html: string;
  body_text: string;
  reference: string;
  sent_at: Date | null;
}

/**
 * Platform mail through the job outbox. The caller records the email in its own transaction
 * (`queue(manager, mail)`): the message goes in `platform_mail_outbox`, and its `send-mail` job
 * (id `platform-mail.<row id>`) in the job outbox, so the email exists exactly when what it tells
 * about does. After commit the caller wakes the relay (`wake()`); the job outbox's repeatable
 * relay puts on the queue whatever a crash left behind.
 *
 * The message stays here rather than in the job's payload because sending has state of its own:
 * the send job holds an advisory lock on the row's id and skips it once sent, so even a duplicated
 * job sends once, and the body is dropped after sending (an invitation carries a one-time link).
 * The one window left is between the SMTP server accepting the email and the statement that
 * records it.
 */
@Injectable()
export class PlatformMail {
  private readonly logger = new Logger(PlatformMail.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobOutbox,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  /**
   * Records an email in the caller's transaction; it goes out once that commits (call `wake()`
   * after the commit to send it without waiting for the relay's next run). Without a manager the
   * email is recorded on its own and relayed at once. Returns the row's id, or null for a dedupe
   * key already recorded.
   */
  async queue(manager: EntityManager | null, mail: PlatformMailInput): Promise<string | null> {
    if (!manager) {
      const id = await this.dataSource.transaction((m) => this.queue(m, mail));
      await this.wake();
      return id;
    }
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO platform_mail_outbox (dedupe_key, to_address, subject, body_html, body_text, reference, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [mail.dedupeKey ?? null, mail.to, mail.subject, mail.html, mail.text, mail.reference, this.clock.now()],
    );
    const id = rows[0]?.id;
    if (!id) return null;
    await this.jobs.add(manager, 'send-mail', { outboxId: id, reference: mail.reference }, jobId('platform-mail', id));
    return id;
  }

  /** Relays now, for callers right after their commit (the job outbox's `wake`). */
  async wake(): Promise<void> {
    await this.jobs.wake();
  }

  /**
   * The send job: sends the row's email unless it was sent before, records the Message-ID and
   * drops the body (an invitation carries a one-time link). Returns the Message-ID, or null when
   * there was nothing to send.
   */
  async deliver(outboxId: string): Promise<string | null> {
    // A session advisory lock on one connection, not a transaction: a duplicated job waits for
    // it and then finds the row sent, and no transaction stays open during the SMTP call.
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtextextended('platform-mail:' || $1, 0))`, [outboxId]);
      try {
        const rows = (await runner.query(`SELECT id, to_address, subject, body_html, body_text, reference, sent_at FROM platform_mail_outbox WHERE id = $1`, [outboxId])) as OutboxRow[];
        const row = rows[0];
        if (!row) {
          this.logger.warn(`platform mail ${outboxId} is no longer in the outbox; not sent`);
          return null;
        }
        if (row.sent_at) return null;
        const messageId = await this.mail.send({ to: row.to_address, subject: row.subject, html: row.body_html, text: row.body_text });
        await runner.query(`UPDATE platform_mail_outbox SET sent_at = $2, message_id = $3, body_html = '', body_text = '' WHERE id = $1`, [row.id, this.clock.now(), messageId]);
        this.logger.log(`sent ${row.reference} as ${messageId}`);
        return messageId;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended('platform-mail:' || $1, 0))`, [outboxId]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Deletes mail recorded more than `PLATFORM_MAIL_KEEP_DAYS` ago, except mail whose job still
   * waits in the job outbox; returns how many.
   */
  async prune(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - PLATFORM_MAIL_KEEP_DAYS * 86_400_000);
    const [, count] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM platform_mail_outbox WHERE id IN (
         SELECT p.id FROM platform_mail_outbox p
          WHERE p.created_at < $1
            AND NOT EXISTS (SELECT 1 FROM job_outbox j WHERE j.job_id = 'platform-mail.' || p.id AND j.relayed_at IS NULL)
          LIMIT ${PRUNE_BATCH})`,
      [before],
    );
    return count;
  }
}
