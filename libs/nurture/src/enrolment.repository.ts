import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OnePartnerScope, PartnerScope, SqlConditions } from '@app/core';
import { Enrolment, EnrolmentSource, EnrolmentStatus, ExitReason } from './nurture.types';

interface EnrolmentRow {
  id: string;
  sequence_id: string;
  sequence_version_id: string;
  partner_id: string;
  contact_id: string | null;
  user_id: string | null;
  launch_id: string | null;
  lead_id: string | null;
  source: EnrolmentSource;
  status: EnrolmentStatus;
  held: boolean;
  step_index: number;
  next_step_at: Date | null;
  awaiting_message_id: string | null;
  exit_reason: ExitReason | null;
  replied_at: Date | null;
  created_at: Date;
  ended_at: Date | null;
}

const toEnrolment = (r: EnrolmentRow): Enrolment => ({
  id: r.id,
  sequenceId: r.sequence_id,
  sequenceVersionId: r.sequence_version_id,
  partnerId: r.partner_id,
  contactId: r.contact_id,
  userId: r.user_id,
  launchId: r.launch_id,
  leadId: r.lead_id,
  source: r.source,
  status: r.status,
  held: r.held,
  stepIndex: r.step_index,
  nextStepAt: r.next_step_at,
  awaitingMessageId: r.awaiting_message_id,
  exitReason: r.exit_reason,
  repliedAt: r.replied_at,
  createdAt: r.created_at,
  endedAt: r.ended_at,
});

/** A claimed enrolment with everything its next steps need, loaded in one query. */
export interface DueEnrolment extends Enrolment {
  audience: 'contacts' | 'partner_users';
  timeZone: string | null;
  /** The recipient's address; null once the contact or user is gone. */
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  recipientActive: boolean;
  partnerName: string;
  launchStatus: string | null;
  launchEdits: Record<string, Record<string, string>> | null;
}

export interface NewEnrolment {
  contactId?: string | null;
  userId?: string | null;
  partnerId?: string | null;
}

export interface PartnerUserRow {
  id: string;
  partnerId: string;
  email: string;
  status: string;
  partnerStatus: string;
}

/** Whose enrolments a query may read: one partner's, or (vendors) those of one partner-facing sequence. */
export type EnrolmentScope = OnePartnerScope | { programSequenceId: string };

export interface EnrolmentProgress {
  id: string;
  status: EnrolmentStatus;
  stepIndex: number;
  nextStepAt: Date | null;
  exitReason: ExitReason | null;
  /** The held message the enrolment waits for (then `nextStepAt` is null). */
  awaitingMessageId?: string | null;
}

/** An enrolment's held email: the one with the latest step, and the latest step it has written at all. */
export interface HeldStep {
  messageId: string;
  lastEmailStep: number;
}

/** Guard view of an enrolment: what decides whether its message may still go. */
export interface EnrolmentGate {
  id: string;
  status: EnrolmentStatus;
  exitReason: ExitReason | null;
  held: boolean;
  sequencePaused: boolean;
  exitOn: string[];
  replied: boolean;
  /** The enrolled contact (null for a partner user): campaigns knows whether it converted. */
  contactId: string | null;
}

/** Enrolments: the durable schedule of every recipient in a sequence. */
@Injectable()
export class EnrolmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /**
   * Inserts active enrolments due now; a recipient already active in the sequence is skipped (the
   * partial unique index decides, so two requests at once agree). A target's own `partnerId` (partner
   * users of several partners at once) overrides the base one. Returns recipient → new id.
   */
  async insertMany(
    manager: EntityManager,
    base: { sequenceId: string; versionId: string; partnerId: string | null; launchId: string | null; leadId: string | null; source: EnrolmentSource; held: boolean; enrolledBy: string | null; now: Date },
    targets: NewEnrolment[],
  ): Promise<Map<string, string>> {
    if (targets.length === 0) return new Map();
    const byContact = targets.some((t) => t.contactId);
    const rows = await manager.query<{ id: string; contact_id: string | null; user_id: string | null }[]>(
      `INSERT INTO enrolments (sequence_id, sequence_version_id, partner_id, contact_id, user_id, launch_id, lead_id, source, held, next_step_at, enrolled_by, created_at, updated_at)
       SELECT $1, $2, COALESCE(t.partner_id, $3), t.contact_id, t.user_id, $4, $5, $6, $7, $8, $9, $8, $8
       FROM unnest($10::uuid[], $11::uuid[], $12::uuid[]) AS t(contact_id, user_id, partner_id)
       ON CONFLICT ${byContact ? `(sequence_id, contact_id) WHERE status = 'active' AND contact_id IS NOT NULL` : `(sequence_id, user_id) WHERE status = 'active' AND user_id IS NOT NULL`} DO NOTHING
       RETURNING id, contact_id, user_id`,
      [
        base.sequenceId,
        base.versionId,
        base.partnerId,
        base.launchId,
        base.leadId,
        base.source,
        base.held,
        base.now,
        base.enrolledBy,
        targets.map((t) => t.contactId ?? null),
        targets.map((t) => t.userId ?? null),
        targets.map((t) => t.partnerId ?? null),
      ],
    );
    return new Map(rows.map((r) => [(r.contact_id ?? r.user_id)!, r.id]));
  }

  /** Partner users among `ids` (vendor users are not among them), with their and their partner's status. */
  async partnerUsers(ids: string[]): Promise<PartnerUserRow[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(
      `SELECT u.id, u.partner_id AS "partnerId", u.email, u.status, p.status AS "partnerStatus"
       FROM users u JOIN partners p ON p.id = u.partner_id
       WHERE u.id = ANY($1::uuid[]) AND u.role IN ('partner_admin', 'partner_user')`,
      [ids],
    );
  }

  /** The active users of the given roles of the partners, oldest first per partner. */
  async activeUsersOf(partnerIds: string[], roles: readonly string[]): Promise<{ id: string; partnerId: string; email: string }[]> {
    if (partnerIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT id, partner_id AS "partnerId", email FROM users
       WHERE partner_id = ANY($1::uuid[]) AND role = ANY($2::text[]) AND status = 'active' ORDER BY partner_id, created_at, id`,
      [partnerIds, roles],
    );
  }

  /** The partner's contacts among `ids`, with what decides whether they may be enrolled. */
  async contactsOf(scope: OnePartnerScope, ids: string[]): Promise<{ id: string; emailNormalised: string; consent: string }[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(
      `SELECT id, email_normalised AS "emailNormalised", consent_status AS consent FROM contacts WHERE partner_id = $1 AND id = ANY($2::uuid[])`,
      [scope.partnerId, ids],
    );
  }

  async contactsByEmail(scope: OnePartnerScope, emailsNormalised: string[]): Promise<{ id: string; emailNormalised: string; consent: string }[]> {
    if (emailsNormalised.length === 0) return [];
    return this.dataSource.query(
      `SELECT id, email_normalised AS "emailNormalised", consent_status AS consent FROM contacts WHERE partner_id = $1 AND email_normalised = ANY($2::text[])`,
      [scope.partnerId, emailsNormalised],
    );
  }

  /**
   * Claims up to `limit` due enrolments (active, not held, next step due by `now`), skipping rows
   * another tick holds. The partial index on next_step_at keeps this proportional to the due rows.
   */
  async claimDue(manager: EntityManager, now: Date, limit: number): Promise<DueEnrolment[]> {
    const rows = await manager.query<
      (EnrolmentRow & {
        audience: 'contacts' | 'partner_users';
        time_zone: string | null;
        email: string | null;
        first_name: string | null;
        last_name: string | null;
        company: string | null;
        recipient_active: boolean;
        partner_name: string;
        launch_status: string | null;
        launch_edits: Record<string, Record<string, string>> | null;
      })[]
    >(
      `WITH due AS (
         SELECT id FROM enrolments WHERE status = 'active' AND NOT held AND next_step_at <= $1
         ORDER BY next_step_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       SELECT e.*, s.audience, COALESCE(c.time_zone, p.time_zone) AS time_zone,
              COALESCE(c.email, u.email) AS email,
              CASE WHEN c.id IS NOT NULL THEN c.first_name ELSE split_part(u.name, ' ', 1) END AS first_name,
              CASE WHEN c.id IS NOT NULL THEN c.last_name ELSE NULLIF(substr(u.name, length(split_part(u.name, ' ', 1)) + 2), '') END AS last_name,
              CASE WHEN c.id IS NOT NULL THEN c.company ELSE p.name END AS company,
              (c.id IS NOT NULL OR (u.id IS NOT NULL AND u.status = 'active')) AS recipient_active,
              p.name AS partner_name, l.status AS launch_status, l.edits AS launch_edits
       FROM due JOIN enrolments e ON e.id = due.id
       JOIN sequences s ON s.id = e.sequence_id
       JOIN partners p ON p.id = e.partner_id
       LEFT JOIN contacts c ON c.id = e.contact_id
       LEFT JOIN users u ON u.id = e.user_id
       LEFT JOIN launches l ON l.id = e.launch_id
       ORDER BY e.next_step_at`,
      [now, limit],
    );
    return rows.map((r) => ({
      ...toEnrolment(r),
      audience: r.audience,
      timeZone: r.time_zone,
      email: r.email,
      firstName: r.first_name,
      lastName: r.last_name,
      company: r.company,
      recipientActive: r.recipient_active,
      partnerName: r.partner_name,
      launchStatus: r.launch_status,
      launchEdits: r.launch_edits,
    }));
  }

  /** Enrolments among `ids` that a reply ended: marked by the partner or recorded on one of their messages. */
  async replied(ids: string[], manager?: EntityManager): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.m(manager).query<{ id: string }[]>(
      `SELECT e.id FROM enrolments e WHERE e.id = ANY($1::uuid[])
         AND (e.replied_at IS NOT NULL OR EXISTS (SELECT 1 FROM messages m WHERE m.enrolment_id = e.id AND m.replied_at IS NOT NULL))`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** The messages of enrolments, by enrolment and step (branch checks). */
  async messagesOf(ids: string[], manager?: EntityManager): Promise<{ id: string; enrolmentId: string; stepIndex: number }[]> {
    if (ids.length === 0) return [];
    return this.m(manager).query(`SELECT id, enrolment_id AS "enrolmentId", step_index AS "stepIndex" FROM messages WHERE enrolment_id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * Enrolments among `ids` with a held email (a withdrawn asset, a paused launch), by enrolment:
   * the held message of the latest step, and the latest email step written.
   */
  async heldSteps(ids: string[], manager: EntityManager): Promise<Map<string, HeldStep>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.query<{ enrolment_id: string; message_id: string; last_step: number }[]>(
      `SELECT enrolment_id, (array_agg(id ORDER BY step_index DESC) FILTER (WHERE status = 'held'))[1] AS message_id, max(step_index) AS last_step
       FROM messages WHERE enrolment_id = ANY($1::uuid[])
       GROUP BY enrolment_id HAVING bool_or(status = 'held')`,
      [ids],
    );
    return new Map(rows.map((r) => [r.enrolment_id, { messageId: r.message_id, lastEmailStep: r.last_step }]));
  }

  /**
   * Enrolments waiting for a held email whose message has left the queue for good (sent, or
   * cancelled, suppressed, bounced, failed, or gone) are scheduled again: from when it was sent, or
   * from when it ended. Returns how many.
   */
  async resumeAwaiting(manager: EntityManager, now: Date): Promise<number> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH ready AS (
         SELECT e.id, COALESCE(m.sent_at, m.updated_at, $1::timestamptz) AS at
         FROM enrolments e LEFT JOIN messages m ON m.id = e.awaiting_message_id
         WHERE e.status = 'active' AND e.awaiting_message_id IS NOT NULL
           AND (m.id IS NULL OR m.status NOT IN ('queued', 'dispatched', 'sending', 'held'))
         FOR UPDATE OF e SKIP LOCKED),
       resumed AS (
         UPDATE enrolments e SET awaiting_message_id = NULL, next_step_at = ready.at, updated_at = $1
         FROM ready WHERE e.id = ready.id RETURNING e.id)
       SELECT id FROM resumed`,
      [now],
    );
    return rows.length;
  }

  /** Writes the tick's decisions for a batch in one statement. */
  async saveProgress(manager: EntityManager, progress: EnrolmentProgress[], now: Date): Promise<void> {
    if (progress.length === 0) return;
    await manager.query(
      `UPDATE enrolments e SET status = p.status, step_index = p.step_index, next_step_at = p.next_step_at, exit_reason = p.exit_reason,
              awaiting_message_id = p.awaiting_message_id,
              ended_at = CASE WHEN p.status = 'active' THEN NULL ELSE $6::timestamptz END, updated_at = $6
       FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[], $5::text[], $7::uuid[]) AS p(id, status, step_index, next_step_at, exit_reason, awaiting_message_id)
       WHERE e.id = p.id`,
      [
        progress.map((p) => p.id),
        progress.map((p) => p.status),
        progress.map((p) => p.stepIndex),
        progress.map((p) => (p.status === 'active' ? p.nextStepAt : null)),
        progress.map((p) => p.exitReason),
        now,
        progress.map((p) => (p.status === 'active' ? (p.awaitingMessageId ?? null) : null)),
      ],
    );
  }

  /** Ends active enrolments (an exit) and returns those it ended. */
  async exit(manager: EntityManager, where: { ids?: string[]; partnerId?: string; sequenceKey?: string; emailDomain?: string }, reason: ExitReason, now: Date, extra: { repliedAt?: Date } = {}): Promise<string[]> {
    const w = new SqlConditions([reason, now, extra.repliedAt ?? null]).and(`e.status = 'active'`);
    if (where.ids) w.and(`e.id = ANY(${w.param(where.ids)}::uuid[])`);
    if (where.partnerId) w.and(`e.partner_id = ${w.param(where.partnerId)}`);
    if (where.sequenceKey) w.and(`e.sequence_id = (SELECT id FROM sequences WHERE key = ${w.param(where.sequenceKey)})`);
    if (where.emailDomain) {
      // The contact's address is at the deal's company domain (or a subdomain of it), or its company field is that domain.
      const d = w.param(where.emailDomain);
      w.and(`e.contact_id IN (SELECT c.id FROM contacts c WHERE c.partner_id = e.partner_id AND (
        split_part(c.email_normalised, '@', 2) = ${d} OR split_part(c.email_normalised, '@', 2) LIKE '%.' || ${d}
        OR lower(btrim(c.company)) IN (${d}, 'www.' || ${d})))`);
      // Only sequences that exit on a registered deal.
      w.and(`(SELECT v.exit_on FROM sequence_versions v WHERE v.id = e.sequence_version_id) ? 'deal_registered'`);
    }
    const rows = await manager.query<{ id: string }[]>(
      `WITH ended AS (
         UPDATE enrolments e SET status = 'exited', exit_reason = $1, next_step_at = NULL, awaiting_message_id = NULL, ended_at = $2, updated_at = $2,
                replied_at = COALESCE(e.replied_at, $3)
         ${w.where()} RETURNING e.id)
       SELECT id FROM ended`,
      w.params,
    );
    return rows.map((r) => r.id);
  }

  async setReplied(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(`UPDATE enrolments SET replied_at = COALESCE(replied_at, $2), updated_at = $2 WHERE id = $1`, [id, at]);
  }

  /** Holds or releases every active enrolment of a sequence (pause, resume); returns the ids. */
  async setHeld(manager: EntityManager, sequenceId: string, held: boolean, now: Date): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH changed AS (UPDATE enrolments SET held = $2, updated_at = $3 WHERE sequence_id = $1 AND status = 'active' AND held <> $2 RETURNING id) SELECT id FROM changed`,
      [sequenceId, held, now],
    );
    return rows.map((r) => r.id);
  }

  /** Enrolments of the sequence that have held messages (what a resume releases). */
  async withHeldMessages(sequenceId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await this.m(manager).query<{ id: string }[]>(
      `SELECT DISTINCT e.id FROM enrolments e JOIN messages m ON m.enrolment_id = e.id WHERE e.sequence_id = $1 AND m.status = 'held'`,
      [sequenceId],
    );
    return rows.map((r) => r.id);
  }

  async find(id: string, scope: PartnerScope, manager?: EntityManager, lock = false): Promise<Enrolment | null> {
    const rows = await this.m(manager).query<EnrolmentRow[]>(
      `SELECT * FROM enrolments WHERE id = $1 AND ($2::uuid IS NULL OR partner_id = $2) ${lock ? 'FOR UPDATE' : ''}`,
      [id, scope.partnerId],
    );
    return rows[0] ? toEnrolment(rows[0]) : null;
  }

  /** An enrolment in a partner-facing sequence (what vendors may read and end); null for partners' contacts. */
  async findInProgram(id: string, manager?: EntityManager, lock = false): Promise<Enrolment | null> {
    const rows = await this.m(manager).query<EnrolmentRow[]>(
      `SELECT e.* FROM enrolments e JOIN sequences s ON s.id = e.sequence_id
       WHERE e.id = $1 AND s.audience = 'partner_users' ${lock ? 'FOR UPDATE OF e' : ''}`,
      [id],
    );
    return rows[0] ? toEnrolment(rows[0]) : null;
  }

  /** Keyset page by (created_at, id) of a partner's enrolments, or of one partner-facing sequence's. */
  async list(scope: EnrolmentScope, page: { limit: number; after?: [string, string]; sequenceId?: string; status?: EnrolmentStatus; contactId?: string; userId?: string }): Promise<Enrolment[]> {
    const w = new SqlConditions([page.limit]);
    if ('partnerId' in scope) w.and(`partner_id = ${w.param(scope.partnerId)}`);
    else {
      // A sequence of partners' contacts never lists here, whatever the caller checked.
      const sequence = w.param(scope.programSequenceId);
      w.and(`sequence_id = ${sequence} AND EXISTS (SELECT 1 FROM sequences s WHERE s.id = ${sequence} AND s.audience = 'partner_users')`);
    }
    if (page.sequenceId) w.and(`sequence_id = ${w.param(page.sequenceId)}`);
    if (page.status) w.and(`status = ${w.param(page.status)}`);
    if (page.contactId) w.and(`contact_id = ${w.param(page.contactId)}`);
    if (page.userId) w.and(`user_id = ${w.param(page.userId)}`);
    if (page.after) w.and(`(created_at, id) > (${w.param(page.after[0])}::timestamptz, ${w.param(page.after[1])}::uuid)`);
    const rows = await this.dataSource.query<EnrolmentRow[]>(`SELECT * FROM enrolments ${w.where()} ORDER BY created_at, id LIMIT $1`, w.params);
    return rows.map(toEnrolment);
  }

  /** What the send guard needs about the enrolments behind messages, read in the claiming transaction. */
  async gates(ids: string[], manager: EntityManager): Promise<Map<string, EnrolmentGate>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.query<
      { id: string; status: EnrolmentStatus; exit_reason: ExitReason | null; held: boolean; sequence_paused: boolean; exit_on: string[]; replied: boolean; contact_id: string | null }[]
    >(
      `SELECT e.id, e.status, e.exit_reason, e.held, s.status = 'paused' AS sequence_paused, v.exit_on, e.contact_id,
              (e.replied_at IS NOT NULL OR EXISTS (SELECT 1 FROM messages m WHERE m.enrolment_id = e.id AND m.replied_at IS NOT NULL)) AS replied
       FROM enrolments e JOIN sequences s ON s.id = e.sequence_id JOIN sequence_versions v ON v.id = e.sequence_version_id
       WHERE e.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { id: r.id, status: r.status, exitReason: r.exit_reason, held: r.held, sequencePaused: r.sequence_paused, exitOn: r.exit_on, replied: r.replied, contactId: r.contact_id },
      ]),
    );
  }

  /** Whether the lead already started this sequence once (a re-run of lead capture must not enrol again). */
  async leadEnrolled(leadId: string, sequenceId: string, manager?: EntityManager): Promise<boolean> {
    return (await this.m(manager).query<unknown[]>(`SELECT 1 FROM enrolments WHERE lead_id = $1 AND sequence_id = $2 LIMIT 1`, [leadId, sequenceId])).length > 0;
  }

  /** The partner's live launch of a kit (the launch a kit sequence's emails use). */
  async liveLaunch(partnerId: string, kitId: string, manager?: EntityManager): Promise<{ id: string; status: string } | null> {
    const rows = await this.m(manager).query<{ id: string; status: string }[]>(
      `SELECT id, status FROM launches WHERE partner_id = $1 AND kit_id = $2 AND status <> 'ended' ORDER BY created_at DESC LIMIT 1`,
      [partnerId, kitId],
    );
    return rows[0] ?? null;
  }
}
