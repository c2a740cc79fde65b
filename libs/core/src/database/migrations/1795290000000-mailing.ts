import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sending path shared by campaign blasts and nurture steps: what to render (contents), one row
 * per message written before the SMTP call, its status history, exact hourly send counters, the
 * global suppression list, partners' own sending domains, and the launch's blast schedule.
 */
export class Mailing1795290000000 implements MigrationInterface {
  name = 'Mailing1795290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sending_domains (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
        domain text NOT NULL CHECK (domain ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$' AND char_length(domain) <= 253),
        from_local_part text NOT NULL DEFAULT 'marketing' CHECK (from_local_part ~ '^[a-z0-9][a-z0-9._+-]{0,63}$'),
        verification_token text NOT NULL,
        verified_at timestamptz,
        dkim_selector text CHECK (dkim_selector ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        dkim_private_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sending_domains_partner_domain_key UNIQUE (partner_id, domain)
      )`);
    // A domain belongs to the partner who proves it (DNS): several may claim it, one can verify it,
    // so nobody can block the real owner by adding its domain first.
    await q.query(`CREATE UNIQUE INDEX sending_domains_verified_key ON sending_domains (domain) WHERE verified_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE global_suppressions (
        email_normalised text PRIMARY KEY CHECK (email_normalised = lower(btrim(email_normalised))),
        reason text NOT NULL CHECK (reason IN ('unsubscribed', 'bounced', 'complained', 'manual')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The vendor's own program mail to partner users (not a partner's mail): its own list, so that
    // stopping one does not stop the other.
    await q.query(`
      CREATE TABLE program_suppressions (
        email_normalised text PRIMARY KEY CHECK (email_normalised = lower(btrim(email_normalised))),
        reason text NOT NULL CHECK (reason IN ('unsubscribed', 'bounced', 'complained', 'manual')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // What a message renders: a template version for one partner, with a launch's edits and
    // links. Shared by every message of a blast or of a sequence step, so a send renders from a
    // cache keyed by content rather than loading per message.
    await q.query(`
      CREATE TABLE message_contents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        content_key text NOT NULL,
        partner_id uuid NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
        template_version_id uuid NOT NULL REFERENCES template_versions(id),
        launch_id uuid REFERENCES launches(id),
        edits jsonb NOT NULL DEFAULT '{}'::jsonb,
        sender text NOT NULL CHECK (sender IN ('partner', 'vendor')),
        reply_to_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT message_contents_key UNIQUE (content_key)
      )`);
    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY,
        dedupe_key text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('blast', 'nurture', 'program')),
        content_id uuid NOT NULL REFERENCES message_contents(id),
        partner_id uuid NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
        launch_id uuid,
        enrolment_id uuid,
        step_index integer,
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        to_address text NOT NULL CHECK (char_length(to_address) BETWEEN 3 AND 254),
        email_normalised text NOT NULL CHECK (email_normalised = lower(btrim(email_normalised))),
        recipient jsonb NOT NULL DEFAULT '{}'::jsonb,
        message_id_header text NOT NULL,
        status text NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'dispatched', 'sending', 'sent', 'held', 'suppressed', 'cancelled', 'bounced', 'failed')),
        due_at timestamptz NOT NULL,
        dispatch_id uuid,
        dispatched_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        hold_reason text,
        last_error text CHECK (char_length(last_error) <= 1000),
        subject text,
        sender_domain text,
        sent_at timestamptz,
        delivered_at timestamptz,
        opened_at timestamptz,
        clicked_at timestamptz,
        bounced_at timestamptz,
        complained_at timestamptz,
        unsubscribed_at timestamptz,
        replied_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT messages_dedupe_key UNIQUE (dedupe_key),
        CONSTRAINT messages_message_id_key UNIQUE (message_id_header)
      )`);
    // The dispatcher's query: due queued messages, oldest first. Partial, so its size follows the
    // backlog, not the history.
    await q.query(`CREATE INDEX messages_due_idx ON messages (due_at) WHERE status = 'queued'`);
    // Stuck dispatches (a worker died between claiming and the job): found by age.
    await q.query(`CREATE INDEX messages_inflight_idx ON messages (dispatched_at) WHERE status IN ('dispatched', 'sending')`);
    await q.query(`CREATE INDEX messages_launch_idx ON messages (launch_id, status) WHERE launch_id IS NOT NULL`);
    await q.query(`CREATE INDEX messages_enrolment_idx ON messages (enrolment_id, step_index) WHERE enrolment_id IS NOT NULL`);
    await q.query(`CREATE INDEX messages_partner_idx ON messages (partner_id, created_at)`);
    await q.query(`CREATE INDEX messages_held_idx ON messages (partner_id) WHERE status = 'held'`);
    await q.query(`
      CREATE TABLE message_events (
        id bigserial PRIMARY KEY,
        message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('queued', 'dispatched', 'sending', 'sent', 'deferred', 'held', 'released', 'suppressed', 'cancelled',
          'bounced', 'failed', 'retry', 'delivered', 'opened', 'clicked', 'complained', 'unsubscribed', 'replied')),
        at timestamptz NOT NULL,
        detail jsonb
      )`);
    await q.query(`CREATE INDEX message_events_message_idx ON message_events (message_id, at)`);
    // Provider events are accepted once per (provider event id).
    await q.query(`
      CREATE TABLE mail_provider_events (
        event_id text PRIMARY KEY CHECK (char_length(event_id) <= 200),
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Exact hourly counters: incremented under a row lock in the transaction that marks messages
    // as sending, so two workers can never both take the last unit of a limit.
    await q.query(`
      CREATE TABLE send_counters (
        scope text NOT NULL,
        window_start timestamptz NOT NULL,
        count integer NOT NULL DEFAULT 0 CHECK (count >= 0),
        PRIMARY KEY (scope, window_start)
      )`);
    // Clicks arriving through a link in a message name the message (`/l/<code>?m=<message id>`).
    await q.query(`ALTER TABLE link_clicks ADD COLUMN message_id uuid`);
    await q.query(`CREATE INDEX link_clicks_message_idx ON link_clicks (message_id) WHERE message_id IS NOT NULL`);
    await q.query(`CREATE INDEX link_opens_message_idx ON link_opens (message_ref)`);
    // A launch's email blast: which email template, and how far its expansion into messages got.
    await q.query(`ALTER TABLE launches ADD COLUMN blast_template_id uuid REFERENCES templates(id)`);
    await q.query(`ALTER TABLE launches ADD COLUMN blast_status text NOT NULL DEFAULT 'none' CHECK (blast_status IN ('none', 'scheduled', 'expanding', 'queued', 'cancelled'))`);
    await q.query(`ALTER TABLE launches ADD COLUMN blast_count integer NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX launches_blast_due_idx ON launches (send_at) WHERE blast_status IN ('scheduled', 'expanding')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX launches_blast_due_idx`);
    await q.query(`ALTER TABLE launches DROP COLUMN blast_count, DROP COLUMN blast_status, DROP COLUMN blast_template_id`);
    await q.query(`DROP INDEX link_opens_message_idx`);
    await q.query(`DROP INDEX link_clicks_message_idx`);
    await q.query(`ALTER TABLE link_clicks DROP COLUMN message_id`);
    await q.query(`DROP TABLE send_counters`);
    await q.query(`DROP TABLE mail_provider_events`);
    await q.query(`DROP TABLE message_events`);
    await q.query(`DROP TABLE messages`);
    await q.query(`DROP TABLE message_contents`);
    await q.query(`DROP TABLE program_suppressions`);
    await q.query(`DROP TABLE global_suppressions`);
    await q.query(`DROP TABLE sending_domains`);
  }
}
