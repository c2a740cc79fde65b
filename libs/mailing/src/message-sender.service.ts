import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, classifyDeliveryError, Clock, DeliveryFailure, jobId, MailService, OutgoingMail, QueueService } from '@app/core';
import { SuppressionReason } from '@app/contacts';
import { GuardRow, GuardVerdict, MessageKind, RecipientSnapshot } from './message.types';
import { MessageRenderer, PreparedContent } from './message-renderer.service';
import { RateLimiter } from './rate-limiter';
import { SendGuards } from './send-guards';
import { SmtpSlots } from './smtp-slots';
import { SuppressionService, suppressionList } from './suppression.service';

/** Messages per send job: one claim transaction, one render cache lookup, pooled SMTP. */
export const SEND_BATCH = 100;
/** Claimed-but-unsent messages allowed at once: the dispatcher stops claiming beyond this (backpressure). */
const MAX_IN_FLIGHT = 20 * SEND_BATCH;
/** A dispatched batch whose job never started is re-dispatched after this long. */
const STUCK_DISPATCHED_MS = 5 * 60_000;
/** A batch left `sending` (its worker died mid-send) is sent again after this long; see ARCHITECTURE.md. */
const STUCK_SENDING_MS = 15 * 60_000;
/** Temporary failures are retried this many times, then the message fails. */
const MAX_ATTEMPTS = 8;
const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, 60 * 60_000, 2 * 3600_000, 4 * 3600_000];

interface ClaimedRow {
  id: string;
  kind: MessageKind;
  partner_id: string;
  launch_id: string | null;
  enrolment_id: string | null;
  step_index: number | null;
  content_id: string;
  to_address: string;
  email_normalised: string;
  recipient: RecipientSnapshot;
  message_id_header: string;
  status: 'dispatched' | 'sending';
  attempts: number;
}

interface Claimed {
  row: ClaimedRow;
  content: PreparedContent;
}

type Outcome = { id: string; subject: string; at: Date } & ({ ok: true } | { ok: false; failure: DeliveryFailure; attempts: number; email: string });

export interface BatchSummary {
  sent: number;
  deferred: number;
  held: number;
  suppressed: number;
  cancelled: number;
  bounced: number;
  failed: number;
  retrying: number;
}

/**
 * The sending path. A message row exists (with its Message-ID) before anything is sent; the
 * dispatcher claims due rows in batches with `FOR UPDATE SKIP LOCKED` and enqueues one job per
 * batch with a deterministic id; the job, in one transaction, re-reads the batch under lock and
 * drops what must not go (suppressed, held by a paused launch or sequence, cancelled by an exit,
 * over a rate limit), marks the rest `sending` and commits; then sends over pooled SMTP and
 * records each accepted message as `sent` as soon as it is accepted (one statement per message).
 *
 * A retried or duplicated job finds `sent` rows and skips them. The one window where a crash
 * still duplicates is between the SMTP server accepting a message and the statement that records
 * it: at most one message per SMTP connection, for one round trip (see `deliver`); the retry sends
 * it again, with the same Message-ID.
 */
@Injectable()
export class MessageSender {
  private readonly logger = new Logger(MessageSender.name);
  /** Shared by every batch this process sends at once. */
  private readonly slots: SmtpSlots;

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly renderer: MessageRenderer,
    private readonly suppressions: SuppressionService,
    private readonly guards: SendGuards,
    private readonly limiter: RateLimiter,
    private readonly queue: QueueService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.slots = new SmtpSlots(config.mail.poolSize);
  }

  /**
   * Claims due messages in batches and (unless `enqueue` is false) enqueues a send job per batch;
   * returns the dispatch ids. Also re-dispatches batches whose worker died.
   */
  async dispatchDue(options: { enqueue?: boolean; maxBatches?: number } = {}): Promise<string[]> {
    const now = this.clock.now();
    const enqueue = options.enqueue ?? true;
    await this.recoverStuck(now, enqueue);
    const inFlight = await this.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM messages WHERE status = 'dispatched'`);
    let room = Math.floor((MAX_IN_FLIGHT - (inFlight[0]?.n ?? 0)) / SEND_BATCH);
    if (options.maxBatches !== undefined) room = Math.min(room, options.maxBatches);
    const dispatched: string[] = [];
    while (room-- > 0) {
      const dispatchId = randomUUID();
      // An UPDATE answers [rows, count] through TypeORM.
      const [rows] = await this.dataSource.query<[{ id: string }[], number]>(
        `WITH due AS (
           SELECT id FROM messages WHERE status = 'queued' AND due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE messages m SET status = 'dispatched', dispatch_id = $3, dispatched_at = $1, updated_at = $1
         FROM due WHERE m.id = due.id RETURNING m.id`,
        [now, SEND_BATCH, dispatchId],
      );
      if (rows.length === 0) break;
      dispatched.push(dispatchId);
      if (enqueue) await this.queue.enqueue('send-messages', { dispatchId }, { jobId: jobId('send', dispatchId) });
      if (rows.length < SEND_BATCH) break;
    }
    return dispatched;
  }

  /** Batches a dead worker left behind get a new dispatch id (and job). */
  private async recoverStuck(now: Date, enqueue: boolean): Promise<void> {
    const [rows] = await this.dataSource.query<[{ dispatch_id: string }[], number]>(
      `WITH stuck AS (
         SELECT id, dispatch_id FROM messages
         WHERE (status = 'dispatched' AND dispatched_at < $1) OR (status = 'sending' AND dispatched_at < $2)
         FOR UPDATE SKIP LOCKED),
       fresh AS (SELECT DISTINCT dispatch_id AS old, gen_random_uuid() AS new FROM stuck)
       UPDATE messages m SET dispatch_id = fresh.new, dispatched_at = $3, updated_at = $3
       FROM stuck JOIN fresh ON fresh.old IS NOT DISTINCT FROM stuck.dispatch_id
       WHERE m.id = stuck.id RETURNING m.dispatch_id`,
      [new Date(now.getTime() - STUCK_DISPATCHED_MS), new Date(now.getTime() - STUCK_SENDING_MS), now],
    );
    const ids = [...new Set(rows.map((r) => r.dispatch_id))];
    if (ids.length > 0) this.logger.warn(`re-dispatching ${rows.length} message(s) left behind by a stopped worker`);
    if (enqueue) for (const id of ids) await this.queue.enqueue('send-messages', { dispatchId: id }, { jobId: jobId('send', id) });
  }

  /** The send job: one claimed batch, start to end. Safe to run twice for the same dispatch. */
  async sendBatch(dispatchId: string): Promise<BatchSummary> {
    const summary: BatchSummary = { sent: 0, deferred: 0, held: 0, suppressed: 0, cancelled: 0, bounced: 0, failed: 0, retrying: 0 };
    const claimed = await this.claim(dispatchId, summary);
    if (claimed.length === 0) return summary;
    const outcomes = await this.deliver(claimed);
    for (const o of outcomes) {
      if (o.ok) summary.sent++;
      else if (o.failure.kind === 'hard-bounce') summary.bounced++;
      else if (o.failure.kind === 'permanent' || o.attempts >= MAX_ATTEMPTS) summary.failed++;
      else summary.retrying++;
    }
    return summary;
  }

  /**
   * Step 1, one transaction: the batch under row locks; suppressed, guarded and over-limit
   * messages leave it; the rest become `sending`. Exposed for the crash tests.
   */
  async claim(dispatchId: string, summary?: BatchSummary): Promise<Claimed[]> {
    const now = this.clock.now();
    // Contents are prepared before the transaction: preparing reads through the pool, and a
    // transaction waiting for a second connection can starve the pool under concurrent jobs.
    const contents = new Map<string, PreparedContent>();
    const contentIds = await this.dataSource.query<{ content_id: string }[]>(`SELECT DISTINCT content_id FROM messages WHERE dispatch_id = $1`, [dispatchId]);
    for (const { content_id } of contentIds) contents.set(content_id, await this.renderer.prepare(content_id));
    return this.dataSource.transaction(async (m) => {
      const rows = await m.query<ClaimedRow[]>(
        `SELECT id, kind, partner_id, launch_id, enrolment_id, step_index, content_id, to_address, email_normalised, recipient, message_id_header, status, attempts
         FROM messages WHERE dispatch_id = $1 AND status IN ('dispatched', 'sending') ORDER BY due_at, id FOR UPDATE`,
        [dispatchId],
      );
      if (rows.length === 0) return [];
      let live = rows;

      const suppressed = new Map<string, SuppressionReason>();
      for (const list of new Set(live.map((r) => suppressionList(r.kind, r.partner_id)))) {
        const ofList = live.filter((r) => suppressionList(r.kind, r.partner_id) === list);
        const found = await this.suppressions.suppressed(list, [...new Set(ofList.map((r) => r.email_normalised))], m);
        for (const r of ofList) {
          const reason = found.get(r.email_normalised);
          if (reason) suppressed.set(r.id, reason);
        }
      }
      if (suppressed.size > 0) {
        await this.settle(m, [...suppressed.keys()], 'suppressed', 'suppressed', now, [...suppressed.values()].map((reason) => ({ reason })));
        live = live.filter((r) => !suppressed.has(r.id));
        if (summary) summary.suppressed += suppressed.size;
      }

      const verdicts = await this.runGuards(live, m);
      if (verdicts.size > 0) {
        const holds = [...verdicts].filter(([, v]) => v.action === 'hold');
        const cancels = [...verdicts].filter(([, v]) => v.action === 'cancel');
        if (holds.length) await this.settle(m, holds.map(([id]) => id), 'held', 'held', now, holds.map(([, v]) => ({ reason: v.reason })));
        if (cancels.length) await this.settle(m, cancels.map(([id]) => id), 'cancelled', 'cancelled', now, cancels.map(([, v]) => ({ reason: v.reason })));
        live = live.filter((r) => !verdicts.has(r.id));
        if (summary) {
          summary.held += holds.length;
          summary.cancelled += cancels.length;
        }
      }
      if (live.length === 0) return [];

      // A row already `sending` is a retry after a crash: it took its rate-limit unit the first time.
      const fresh = live.filter((r) => r.status === 'dispatched');
      const granted = await this.limiter.take(
        m,
        fresh.map((r) => ({ id: r.id, domain: contents.get(r.content_id)!.identity.domain, partnerId: r.partner_id })),
        now,
      );
      const deferred = fresh.filter((r) => !granted.granted.has(r.id));
      if (deferred.length > 0) {
        await m.query(
          `UPDATE messages SET status = 'queued', due_at = $2, dispatch_id = NULL, updated_at = $3 WHERE id = ANY($1)`,
          [deferred.map((r) => r.id), granted.nextWindow, now],
        );
        await this.events(m, deferred.map((r) => r.id), 'deferred', now, deferred.map(() => ({ until: granted.nextWindow.toISOString(), limit: granted.exhausted })));
        live = live.filter((r) => r.status === 'sending' || granted.granted.has(r.id));
        if (summary) summary.deferred += deferred.length;
      }
      if (live.length === 0) return [];
      // The sweep's 15 minutes count from here: a batch whose job waited in the queue is not
      // taken away from the job now sending it.
      await m.query(
        `UPDATE messages m SET status = 'sending', attempts = m.attempts + 1, sender_domain = v.domain, dispatched_at = $3, updated_at = $3
         FROM unnest($1::uuid[], $2::text[]) AS v(id, domain) WHERE m.id = v.id`,
        [live.map((r) => r.id), live.map((r) => contents.get(r.content_id)!.identity.domain), now],
      );
      return live.map((row) => ({ row, content: contents.get(row.content_id)! }));
    });
  }

  /**
   * Step 2: render and send each claimed message, recording each outcome as soon as it is known.
   *
   * The duplicate window after a crash is the time between the SMTP server accepting a message
   * and its `sent` row reaching PostgreSQL. It is kept to one message per SMTP connection, for one
   * statement's round trip: a message holds a process-wide slot (one per pooled connection) from
   * SMTP to its record, so no connection has a second message accepted while the first is
   * unrecorded; the record is one autocommit statement with an asynchronous commit (see
   * `recordSent`); rendering happens before taking a slot, so no batch renders while holding one.
   *
   * `crashAfterAccepting: n` is the crash tests' hook: the process dies right after the SMTP server
   * accepted the n-th message of this call, before its record; no message is sent after that, and
   * the messages other connections had in flight end as they would have before the kill.
   */
  async deliver(claimed: Claimed[], options: { crashAfterAccepting?: number } = {}): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let next = 0;
    let accepted = 0;
    let stopped = false;
    const lane = async (): Promise<void> => {
      while (!stopped && next < claimed.length) {
        const { row, content } = claimed[next++]!;
        let subject = '';
        let mail: OutgoingMail | null = null;
        let outcome: Outcome | null = null;
        try {
          mail = this.renderer.render(content, { id: row.id, to: row.to_address, recipient: row.recipient, messageIdHeader: row.message_id_header });
          subject = mail.subject;
        } catch (error) {
          outcome = this.failed(row, subject, error);
        }
        await this.slots.acquire();
        try {
          if (mail) {
            if (stopped) return;
            try {
              await this.mail.send(mail);
              outcome = { id: row.id, subject, at: this.clock.now(), ok: true };
            } catch (error) {
              outcome = this.failed(row, subject, error);
            }
          }
          if (outcome!.ok && options.crashAfterAccepting !== undefined && ++accepted === options.crashAfterAccepting) {
            stopped = true;
            return;
          }
          await this.recordOne(outcome!);
          outcomes.push(outcome!);
        } finally {
          this.slots.release();
        }
      }
    };
    const guarded = async (): Promise<void> => {
      try {
        await lane();
      } catch (error) {
        stopped = true;
        throw error;
      }
    };
    const lanes = await Promise.allSettled(Array.from({ length: Math.min(this.slots.size, claimed.length) }, guarded));
    // A record that failed twice fails the job; its retry sends only what is not recorded `sent`.
    const failure = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
    if (failure) throw failure.reason;
    return outcomes;
  }

  private failed(row: ClaimedRow, subject: string, error: unknown): Outcome {
    return { id: row.id, subject, at: this.clock.now(), ok: false, failure: classifyDeliveryError(error), attempts: row.attempts + 1, email: row.email_normalised };
  }

  /** One outcome into its row; a database error is retried once before the job fails. */
  private async recordOne(outcome: Outcome): Promise<void> {
    const write = () => (outcome.ok ? this.recordSent(outcome) : this.record([outcome]));
    try {
      await write();
    } catch (error) {
      this.logger.warn(`recording the outcome of message ${outcome.id} failed, retrying once: ${(error as Error).message}`);
      await write();
    }
  }

  /**
   * A sent message, in one autocommit statement (one round trip, no BEGIN/COMMIT) that commits
   * asynchronously: PostgreSQL acknowledges once the commit is in its WAL buffers, without waiting
   * for the disk flush, so a worker killed after the acknowledgement cannot lose the record. Only a
   * crash of PostgreSQL itself within its WAL writer delay can, and that turns into a resend with
   * the same Message-ID (never a lost message); any later synchronous commit that reads the row
   * flushes it first.
   */
  private async recordSent(outcome: Outcome & { ok: true }): Promise<void> {
    await this.dataSource.query(
      `WITH async AS (SELECT set_config('synchronous_commit', 'off', true)),
       done AS (
         UPDATE messages m SET status = 'sent', sent_at = $2, subject = $3, last_error = NULL, updated_at = $2
         FROM async WHERE m.id = $1 AND m.status = 'sending' RETURNING m.id)
       INSERT INTO message_events (message_id, type, at) SELECT id, 'sent', $2 FROM done`,
      [outcome.id, outcome.at, outcome.subject.slice(0, 998)],
    );
  }

  /** Outcomes into the rows, in one transaction. */
  private async record(outcomes: Outcome[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const sent = outcomes.filter((o) => o.ok);
      if (sent.length > 0) {
        await m.query(
          `UPDATE messages m SET status = 'sent', sent_at = v.at, subject = v.subject, last_error = NULL, updated_at = v.at
           FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS v(id, at, subject) WHERE m.id = v.id AND m.status = 'sending'`,
          [sent.map((o) => o.id), sent.map((o) => o.at), sent.map((o) => o.subject.slice(0, 998))],
        );
        await this.events(m, sent.map((o) => o.id), 'sent', sent[0]!.at);
      }
      for (const o of outcomes) {
        if (o.ok) continue;
        const f = o.failure;
        if (f.kind === 'hard-bounce') {
          await m.query(`UPDATE messages SET status = 'bounced', bounced_at = $2, last_error = $3, updated_at = $2 WHERE id = $1`, [o.id, o.at, `${f.code} ${f.message}`.slice(0, 1000)]);
          await this.suppressions.suppress(null, o.email, 'bounced', m);
          await this.events(m, [o.id], 'bounced', o.at, [{ code: f.code, message: f.message, smtp: true }]);
        } else if (f.kind === 'permanent' || o.attempts >= MAX_ATTEMPTS) {
          await m.query(`UPDATE messages SET status = 'failed', last_error = $3, updated_at = $2 WHERE id = $1`, [o.id, o.at, `${f.code ?? ''} ${f.message}`.trim().slice(0, 1000)]);
          await this.events(m, [o.id], 'failed', o.at, [{ code: f.code, message: f.message }]);
        } else {
          const retryAt = new Date(o.at.getTime() + RETRY_DELAYS_MS[Math.min(o.attempts - 1, RETRY_DELAYS_MS.length - 1)]!);
          await m.query(`UPDATE messages SET status = 'queued', due_at = $3, dispatch_id = NULL, last_error = $4, updated_at = $2 WHERE id = $1`, [
            o.id,
            o.at,
            retryAt,
            `${f.code ?? ''} ${f.message}`.trim().slice(0, 1000),
          ]);
          await this.events(m, [o.id], 'retry', o.at, [{ code: f.code, message: f.message, at: retryAt.toISOString() }]);
        }
      }
    });
  }

  /**
   * Dispatches and sends everything due now in this process, and waits for batches other
   * workers hold: for tests and the benchmark.
   */
  async drain(options: { timeoutMs?: number } = {}): Promise<{ sent: number }> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    let sent = 0;
    for (;;) {
      const ids = await this.dispatchDue({ enqueue: false });
      for (const id of ids) sent += (await this.sendBatch(id)).sent;
      if (ids.length > 0) continue;
      const busy = await this.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM messages WHERE status IN ('dispatched', 'sending') OR (status = 'queued' AND due_at <= $1)`,
        [this.clock.now()],
      );
      if ((busy[0]?.n ?? 0) === 0) return { sent };
      if (Date.now() > deadline) throw new Error(`mailing: ${busy[0]!.n} message(s) still in flight after drain`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async runGuards(rows: ClaimedRow[], m: EntityManager): Promise<Map<string, GuardVerdict>> {
    const verdicts = new Map<string, GuardVerdict>();
    if (rows.length === 0) return verdicts;
    const guardRows: GuardRow[] = rows.map((r) => ({ id: r.id, kind: r.kind, partnerId: r.partner_id, launchId: r.launch_id, enrolmentId: r.enrolment_id, stepIndex: r.step_index, contentId: r.content_id }));
    for (const guard of this.guards.all()) {
      for (const [id, verdict] of await guard(guardRows, m)) {
        const seen = verdicts.get(id);
        // A cancel outranks a hold.
        if (!seen || (seen.action === 'hold' && verdict.action === 'cancel')) verdicts.set(id, verdict);
      }
    }
    return verdicts;
  }

  private async settle(m: EntityManager, ids: string[], status: string, event: string, now: Date, details: Record<string, unknown>[]): Promise<void> {
    await m.query(
      `UPDATE messages m SET status = $2, hold_reason = v.reason, dispatch_id = NULL, updated_at = $3
       FROM unnest($1::uuid[], $4::text[]) AS v(id, reason) WHERE m.id = v.id`,
      [ids, status, now, details.map((d) => (typeof d.reason === 'string' ? d.reason : ''))],
    );
    await this.events(m, ids, event, now, details);
  }

  private async events(m: EntityManager, ids: string[], type: string, at: Date, details?: Record<string, unknown>[]): Promise<void> {
    await m.query(
      `INSERT INTO message_events (message_id, type, at, detail) SELECT v.id, $2, $3, v.detail FROM unnest($1::uuid[], $4::jsonb[]) AS v(id, detail)`,
      [ids, type, at, ids.map((_, i) => (details?.[i] ? JSON.stringify(details[i]) : null))],
    );
  }
}
