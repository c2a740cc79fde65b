import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { MailService } from '../mail/mail.service';
import { jobId } from './job-map';
import { QueueService } from './queue.service';

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

/** Rows put on the queue per relay transaction. */
const RELAY_BATCH = 200;
/** Per relay run; the rest waits for the next run (seconds). */
const MAX_RELAY_BATCHES = 20;
/** Relayed rows are kept this long (a job retries for about an hour), then deleted. */
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
 * A transactional outbox for platform mail. The caller records the email in its own transaction
 * (`queue(manager, mail)`), so the email exists exactly when what it tells about does; after commit
 * the caller wakes the relay (`wake()`), and a repeatable job relays whatever a crash left behind.
 *
 * The relay claims rows with `FOR UPDATE SKIP LOCKED`, adds one `send-mail` job per row with the
 * row's id as job id, and marks the rows relayed in the same transaction: concurrent relays split
 * the rows, and a relay that dies before its commit leaves them to the next one, whose jobs the
 * queue recognises by id. The send job locks the row and skips it once sent, so even a duplicated
 * job sends once; the one window left is between the SMTP server accepting the email and the
 * commit that records it.
 */
@Injectable()
export class PlatformMail {
  private readonly logger = new Logger(PlatformMail.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  /**
   * Records an email in the caller's transaction; it goes out once that commits (call `wake()`
   * after the commit to send it without waiting for the relay's next run). Without a manager the
   * row is written on its own and relayed at once. Returns the row's id, or null for a dedupe key
   * already recorded.
   */
  async queue(manager: EntityManager | null, mail: PlatformMailInput): Promise<string | null> {
    const rows = await (manager ?? this.dataSource.manager).query<{ id: string }[]>(
      `INSERT INTO platform_mail_outbox (dedupe_key, to_address, subject, body_html, body_text, reference, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [mail.dedupeKey ?? null, mail.to, mail.subject, mail.html, mail.text, mail.reference, this.clock.now()],
    );
    if (!manager) await this.wake();
    return rows[0]?.id ?? null;
  }

  /**
   * Relays now, for callers right after their commit. Never throws: the rows are safe in the
   * outbox, and the repeatable relay sends them if the queue is unreachable now.
   */
  async wake(): Promise<void> {
    try {
      await this.relay();
    } catch (error) {
      this.logger.warn(`platform mail stays in the outbox for the next relay: ${(error as Error).message}`);
    }
  }

  /** Puts every committed, unrelayed row on the queue (up to a cap per run); returns how many. */
  async relay(): Promise<number> {
    let total = 0;
    for (let i = 0; i < MAX_RELAY_BATCHES; i++) {
      const relayed = await this.dataSource.transaction(async (m) => {
        const rows = await m.query<{ id: string; reference: string }[]>(
          `SELECT id, reference FROM platform_mail_outbox WHERE relayed_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [RELAY_BATCH],
        );
        if (rows.length === 0) return 0;
        await this.queues.enqueueMany(
          'send-mail',
          rows.map((r) => ({ payload: { outboxId: r.id, reference: r.reference }, jobId: jobId('platform-mail', r.id) })),
        );
        await m.query(`UPDATE platform_mail_outbox SET relayed_at = $2 WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id), this.clock.now()]);
        return rows.length;
      });
      total += relayed;
      if (relayed < RELAY_BATCH) break;
    }
    return total;
  }

  /**
   * The send job: sends the row's email unless it was sent before, records the Message-ID and
   * drops the body (an invitation carries a one-time link). Returns the Message-ID, or null when
   * there was nothing to send.
   */
  async deliver(outboxId: string): Promise<string | null> {
    // The row stays locked during the SMTP call, so a duplicated job waits and then finds it sent.
    return this.dataSource.transaction(async (m) => {
      const rows = await m.query<OutboxRow[]>(
        `SELECT id, to_address, subject, body_html, body_text, reference, sent_at FROM platform_mail_outbox WHERE id = $1 FOR UPDATE`,
        [outboxId],
      );
      const row = rows[0];
      if (!row) {
        this.logger.warn(`platform mail ${outboxId} is no longer in the outbox; not sent`);
        return null;
      }
      if (row.sent_at) return null;
      const messageId = await this.mail.send({ to: row.to_address, subject: row.subject, html: row.body_html, text: row.body_text });
      await m.query(`UPDATE platform_mail_outbox SET sent_at = $2, message_id = $3, body_html = '', body_text = '' WHERE id = $1`, [row.id, this.clock.now(), messageId]);
      this.logger.log(`sent ${row.reference} as ${messageId}`);
      return messageId;
    });
  }

  /** Deletes rows relayed more than `PLATFORM_MAIL_KEEP_DAYS` ago; returns how many. */
  async prune(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - PLATFORM_MAIL_KEEP_DAYS * 86_400_000);
    const [, count] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM platform_mail_outbox WHERE id IN (SELECT id FROM platform_mail_outbox WHERE relayed_at < $1 LIMIT ${PRUNE_BATCH})`,
      [before],
    );
    return count;
  }
}
