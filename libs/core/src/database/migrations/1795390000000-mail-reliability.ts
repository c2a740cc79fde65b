import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two gaps in mail reliability:
 * - Platform mail (invites, lead notices, asset digests, test sends) is recorded in an outbox row in
 *   the caller's transaction and relayed to the queue after commit, so a crash between the two can
 *   no longer lose it (`platform_mail_outbox`).
 * - A nurture enrolment whose email is held (a withdrawn asset, a paused launch) waits at that step
 *   until the message is sent or cancelled (`enrolments.awaiting_message_id`), rather than moving
 *   on to waits and branches that read an email nobody received.
 */
export class MailReliability1795390000000 implements MigrationInterface {
  name = 'MailReliability1795390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform_mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key text,
        to_address text NOT NULL CHECK (char_length(to_address) BETWEEN 3 AND 254),
        subject text NOT NULL,
        body_html text NOT NULL,
        body_text text NOT NULL,
        reference text NOT NULL,
        created_at timestamptz NOT NULL,
        relayed_at timestamptz,
        sent_at timestamptz,
        message_id text,
        CONSTRAINT platform_mail_outbox_dedupe_key UNIQUE (dedupe_key)
      )`);
    // The relay's claim: rows not yet on the queue. Partial, so its size follows the backlog.
    await q.query(`CREATE INDEX platform_mail_outbox_pending_idx ON platform_mail_outbox (created_at) WHERE relayed_at IS NULL`);
    // Pruning: relayed rows by age.
    await q.query(`CREATE INDEX platform_mail_outbox_relayed_idx ON platform_mail_outbox (relayed_at) WHERE relayed_at IS NOT NULL`);

    // No foreign key to messages: a partner's deletion removes both, and the tick resumes an
    // enrolment whose message is gone.
    await q.query(`ALTER TABLE enrolments ADD COLUMN awaiting_message_id uuid`);
    await q.query(`ALTER TABLE enrolments DROP CONSTRAINT enrolments_active_scheduled`);
    await q.query(`ALTER TABLE enrolments ADD CONSTRAINT enrolments_active_scheduled CHECK (status <> 'active' OR next_step_at IS NOT NULL OR awaiting_message_id IS NOT NULL)`);
    await q.query(`CREATE INDEX enrolments_awaiting_idx ON enrolments (awaiting_message_id) WHERE status = 'active' AND awaiting_message_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX enrolments_awaiting_idx`);
    // Waiting enrolments resume now: the old constraint wants every active enrolment scheduled.
    await q.query(`UPDATE enrolments SET next_step_at = now() WHERE status = 'active' AND next_step_at IS NULL`);
    await q.query(`ALTER TABLE enrolments DROP CONSTRAINT enrolments_active_scheduled`);
    await q.query(`ALTER TABLE enrolments ADD CONSTRAINT enrolments_active_scheduled CHECK (status <> 'active' OR next_step_at IS NOT NULL)`);
    await q.query(`ALTER TABLE enrolments DROP COLUMN awaiting_message_id`);
    await q.query(`DROP TABLE platform_mail_outbox`);
  }
}
