import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One transactional outbox for every job that must follow a commit (`job_outbox`): a row written
 * in the caller's transaction, relayed to the queue after commit (and by a sweep at worker start
 * and every few seconds), each row once under a deterministic job id.
 *
 * Platform mail keeps its message in `platform_mail_outbox` (body, dedupe key, sent once, body
 * cleared after sending) and is relayed through the job outbox like every other job, so that
 * table's own relay bookkeeping goes: its unrelayed rows become `send-mail` rows here. Webhook
 * events never attempted may have lost their job to a crash before this release; they get a row
 * too (the job id is the one they were enqueued under, so a job still on the queue stays one).
 */
export class JobOutbox1795410000000 implements MigrationInterface {
  name = 'JobOutbox1795410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job_outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        job_name text NOT NULL,
        job_id text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        relayed_at timestamptz,
        CONSTRAINT job_outbox_job_id UNIQUE (job_id)
      )`);
    // The relay's claim: rows not yet on the queue. Partial, so its size follows the backlog.
    await q.query(`CREATE INDEX job_outbox_pending_idx ON job_outbox (id) WHERE relayed_at IS NULL`);
    // Pruning: relayed rows by age.
    await q.query(`CREATE INDEX job_outbox_relayed_idx ON job_outbox (relayed_at) WHERE relayed_at IS NOT NULL`);

    await q.query(`
      INSERT INTO job_outbox (job_name, job_id, payload, created_at)
      SELECT 'send-mail', 'platform-mail.' || id, jsonb_build_object('outboxId', id, 'reference', reference), created_at
        FROM platform_mail_outbox WHERE relayed_at IS NULL AND sent_at IS NULL
      ORDER BY created_at, id`);
    await q.query(`
      INSERT INTO job_outbox (job_name, job_id, payload, created_at)
      SELECT 'deal-webhook', 'deal-webhook.' || ev.id, jsonb_build_object('eventId', ev.id), ev.created_at
        FROM deal_webhook_events ev WHERE ev.delivered_at IS NULL AND ev.attempts = 0
      ORDER BY ev.created_at, ev.id`);

    await q.query(`DROP INDEX platform_mail_outbox_pending_idx`);
    await q.query(`DROP INDEX platform_mail_outbox_relayed_idx`);
    await q.query(`ALTER TABLE platform_mail_outbox DROP COLUMN relayed_at`);
    // Pruning: mail by the time it was recorded.
    await q.query(`CREATE INDEX platform_mail_outbox_created_idx ON platform_mail_outbox (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX platform_mail_outbox_created_idx`);
    await q.query(`ALTER TABLE platform_mail_outbox ADD COLUMN relayed_at timestamptz`);
    // Mail still waiting in the job outbox stays unrelayed for the older relay; the rest was relayed.
    await q.query(`
      UPDATE platform_mail_outbox p SET relayed_at = p.created_at
       WHERE NOT EXISTS (SELECT 1 FROM job_outbox j WHERE j.job_id = 'platform-mail.' || p.id AND j.relayed_at IS NULL)`);
    await q.query(`CREATE INDEX platform_mail_outbox_pending_idx ON platform_mail_outbox (created_at) WHERE relayed_at IS NULL`);
    await q.query(`CREATE INDEX platform_mail_outbox_relayed_idx ON platform_mail_outbox (relayed_at) WHERE relayed_at IS NOT NULL`);
    await q.query(`DROP TABLE job_outbox`);
  }
}
