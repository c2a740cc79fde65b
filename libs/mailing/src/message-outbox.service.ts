import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, SqlConditions } from '@app/core';
import { normaliseEmail } from '@app/contacts';
import { humanClickSql } from '@app/links';
import { MessageContentInput, MessageEngagement, MessageKind, MessageStatus, NewMessage } from './message.types';
import { SenderIdentityService } from './sender-identity.service';

/** Which messages a release or cancel applies to. At least one field is required. */
export interface MessageFilter {
  launchId?: string;
  enrolmentId?: string;
  /** With `email`: one address of one partner (an unsubscribe). */
  partnerId?: string;
  emailNormalised?: string;
  /** Only messages of these kinds (a partner's mail, or the vendor's program). */
  kinds?: MessageKind[];
  /** Only messages held for this reason (what an asset swap or extension releases). */
  holdReason?: string;
}

const INSERT_CHUNK = 1_000;

/**
 * The mail one sender sends to one address: a partner's own (blasts and nurture), or the vendor's
 * program to partner users. What an unsubscribe or a complaint about one message stops.
 */
export function sameSenderFilter(message: { kind: MessageKind; partner_id: string; email_normalised: string }): MessageFilter {
  return message.kind === 'program'
    ? { emailNormalised: message.email_normalised, kinds: ['program'] }
    : { partnerId: message.partner_id, emailNormalised: message.email_normalised, kinds: ['blast', 'nurture'] };
}

/**
 * The front door of the sending path. Callers (a launch's blast, a nurture step, the activation
 * program) write messages here, inside their own transaction when they have one; the dispatcher
 * sends them when due. A message's dedupe key makes every enqueue idempotent.
 */
@Injectable()
export class MessageOutbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly identity: SenderIdentityService,
    private readonly clock: Clock,
  ) {}

  /** The content's id, created on first use of its key. */
  async content(input: MessageContentInput, manager?: EntityManager): Promise<string> {
    const m = manager ?? this.dataSource.manager;
    await m.query(
      `INSERT INTO message_contents (content_key, partner_id, template_version_id, launch_id, edits, sender, reply_to_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (content_key) DO NOTHING`,
      [input.key, input.partnerId, input.templateVersionId, input.launchId ?? null, JSON.stringify(input.edits ?? {}), input.sender, input.replyToUserId ?? null],
    );
    const rows = await m.query<{ id: string }[]>(`SELECT id FROM message_contents WHERE content_key = $1`, [input.key]);
    return rows[0]!.id;
  }

  /**
   * Writes messages (status `queued`, due at `dueAt`); a message whose dedupe key exists is
   * skipped. Returns how many were new. Each gets its Message-ID now, before any send.
   */
  async enqueue(messages: NewMessage[], manager?: EntityManager): Promise<number> {
    const m = manager ?? this.dataSource.manager;
    let inserted = 0;
    const now = this.clock.now();
    for (let i = 0; i < messages.length; i += INSERT_CHUNK) {
      const chunk = messages.slice(i, i + INSERT_CHUNK);
      const ids = chunk.map(() => randomUUID());
      const rows = await m.query<{ id: string }[]>(
        `INSERT INTO messages (id, dedupe_key, kind, content_id, partner_id, launch_id, enrolment_id, step_index, contact_id, user_id,
                               to_address, email_normalised, recipient, message_id_header, due_at, created_at, updated_at)
         SELECT * , $16::timestamptz, $16::timestamptz FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::int[],
                              $9::uuid[], $10::uuid[], $11::text[], $12::text[], $13::jsonb[], $14::text[], $15::timestamptz[])
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id`,
        [
          ids,
          chunk.map((x) => x.dedupeKey),
          chunk.map((x) => x.kind),
          chunk.map((x) => x.contentId),
          chunk.map((x) => x.partnerId),
          chunk.map((x) => x.launchId ?? null),
          chunk.map((x) => x.enrolmentId ?? null),
          chunk.map((x) => x.stepIndex ?? null),
          chunk.map((x) => x.contactId ?? null),
          chunk.map((x) => x.userId ?? null),
          chunk.map((x) => x.to),
          chunk.map((x) => normaliseEmail(x.to)),
          chunk.map((x) => JSON.stringify(x.recipient)),
          ids.map((id) => this.identity.messageIdHeader(id)),
          chunk.map((x) => x.dueAt.toISOString()),
          now.toISOString(),
        ],
      );
      if (rows.length > 0) {
        await m.query(`INSERT INTO message_events (message_id, type, at) SELECT unnest($1::uuid[]), 'queued', $2`, [rows.map((r) => r.id), now]);
      }
      inserted += rows.length;
    }
    return inserted;
  }

  /** Held messages go back to the queue, due now (a resumed launch, an extended asset). */
  async release(filter: MessageFilter, manager?: EntityManager): Promise<number> {
    return this.transition(filter, ['held'], 'queued', 'released', null, manager);
  }

  /** Messages not yet handed to SMTP are never sent (an ended launch, an exited enrolment, an unsubscribe). */
  async cancel(filter: MessageFilter, reason: string, manager?: EntityManager): Promise<number> {
    return this.transition(filter, ['queued', 'held', 'dispatched'], 'cancelled', 'cancelled', reason, manager);
  }

  private async transition(filter: MessageFilter, from: MessageStatus[], to: MessageStatus, event: string, reason: string | null, manager?: EntityManager): Promise<number> {
    const w = new SqlConditions();
    if (filter.launchId) w.and(`launch_id = ${w.param(filter.launchId)}`);
    if (filter.enrolmentId) w.and(`enrolment_id = ${w.param(filter.enrolmentId)}`);
    if (filter.partnerId) w.and(`partner_id = ${w.param(filter.partnerId)}`);
    if (filter.emailNormalised) w.and(`email_normalised = ${w.param(filter.emailNormalised)}`);
    if (filter.kinds) w.and(`kind = ANY(${w.param(filter.kinds)})`);
    if (filter.holdReason) w.and(`hold_reason = ${w.param(filter.holdReason)}`);
    if (w.empty) throw new Error('mailing: a release or cancel needs a filter');
    w.and(`status = ANY(${w.param(from)})`);
    const at = w.param(this.clock.now());
    const next = w.param(to);
    const why = w.param(reason);
    const rows = await (manager ?? this.dataSource.manager).query<{ id: string }[]>(
      `WITH changed AS (
         UPDATE messages SET status = ${next}, due_at = CASE WHEN ${next} = 'queued' THEN ${at} ELSE due_at END,
                hold_reason = CASE WHEN ${next} = 'cancelled' THEN ${why} ELSE NULL END, dispatch_id = NULL, updated_at = ${at}
         ${w.where()}
         RETURNING id)
       INSERT INTO message_events (message_id, type, at, detail)
       SELECT id, '${event}', ${at}, CASE WHEN ${why}::text IS NULL THEN NULL ELSE jsonb_build_object('reason', ${why}::text) END FROM changed
       RETURNING message_id AS id`,
      w.params,
    );
    return rows.length;
  }

  /** Status, sending time, opens and filtered clicks of messages (nurture branches ask about one step's message). */
  async engagement(messageIds: string[], manager?: EntityManager): Promise<Map<string, MessageEngagement>> {
    if (messageIds.length === 0) return new Map();
    const rows = await (manager ?? this.dataSource.manager).query<{ id: string; status: MessageStatus; sent_at: Date | null; opened: boolean; clicked: boolean }[]>(
      `SELECT m.id, m.status, m.sent_at,
              m.opened_at IS NOT NULL OR EXISTS (SELECT 1 FROM link_opens o WHERE o.message_ref = m.id::text AND NOT o.bot) AS opened,
              m.clicked_at IS NOT NULL OR EXISTS (SELECT 1 FROM link_clicks c WHERE c.message_id = m.id AND ${humanClickSql('c')}) AS clicked
       FROM messages m WHERE m.id = ANY($1)`,
      [messageIds],
    );
    return new Map(rows.map((r) => [r.id, { messageId: r.id, status: r.status, sentAt: r.sent_at, opened: r.opened, clicked: r.clicked }]));
  }

  /** The messages of one enrolment, by step (nurture results and branch checks). */
  async ofEnrolment(enrolmentId: string): Promise<{ id: string; stepIndex: number; status: MessageStatus; sentAt: Date | null }[]> {
    const rows = await this.dataSource.query<{ id: string; step_index: number; status: MessageStatus; sent_at: Date | null }[]>(
      `SELECT id, step_index, status, sent_at FROM messages WHERE enrolment_id = $1 ORDER BY step_index`,
      [enrolmentId],
    );
    return rows.map((r) => ({ id: r.id, stepIndex: r.step_index, status: r.status, sentAt: r.sent_at }));
  }

  /** The message's status history, oldest first. */
  async history(messageId: string): Promise<{ type: string; at: Date; detail: Record<string, unknown> | null }[]> {
    return (await this.histories([messageId])).get(messageId) ?? [];
  }

  /** Each message's status history, oldest first, in one query (an empty history for a message without events). */
  async histories(messageIds: string[]): Promise<Map<string, { type: string; at: Date; detail: Record<string, unknown> | null }[]>> {
    const out = new Map<string, { type: string; at: Date; detail: Record<string, unknown> | null }[]>(messageIds.map((id) => [id, []]));
    if (messageIds.length === 0) return out;
    const rows = await this.dataSource.query<{ message_id: string; type: string; at: Date; detail: Record<string, unknown> | null }[]>(
      `SELECT message_id, type, at, detail FROM message_events WHERE message_id = ANY($1::uuid[]) ORDER BY message_id, at, id`,
      [messageIds],
    );
    for (const { message_id, ...event } of rows) out.get(message_id)?.push(event);
    return out;
  }
}
