import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nurture sequences, their published versions and enrolments; the activation program's record of
 * partners; and the lead status a conversion exit reads.
 */
export class Nurture1795300000000 implements MigrationInterface {
  name = 'Nurture1795300000000';

  async up(q: QueryRunner): Promise<void> {
    // A sequence: part of a campaign kit (to a partner's contacts) or standalone (the vendor's own
    // program to partner users). `steps` is the draft; what runs is a published version.
    await q.query(`
      CREATE TABLE sequences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        kit_id uuid REFERENCES kits(id),
        audience text NOT NULL CHECK (audience IN ('contacts', 'partner_users')),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'paused')),
        steps jsonb NOT NULL DEFAULT '[]'::jsonb,
        quiet_hours jsonb,
        exit_on jsonb NOT NULL DEFAULT '["replied", "converted", "deal_registered"]'::jsonb,
        current_version_id uuid,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sequences_key UNIQUE (key),
        CONSTRAINT sequences_audience_kit CHECK ((audience = 'contacts') = (kit_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX sequences_kit_idx ON sequences (kit_id) WHERE kit_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE sequence_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sequence_id uuid NOT NULL REFERENCES sequences(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        steps jsonb NOT NULL,
        quiet_hours jsonb,
        exit_on jsonb NOT NULL,
        published_by uuid REFERENCES users(id),
        published_at timestamptz NOT NULL,
        CONSTRAINT sequence_versions_number_key UNIQUE (sequence_id, version)
      )`);
    await q.query(`ALTER TABLE sequences ADD CONSTRAINT sequences_current_version_fk FOREIGN KEY (current_version_id) REFERENCES sequence_versions(id)`);
    // Running enrolments point at their version: a published version never changes.
    await q.query(`
      CREATE FUNCTION sequence_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'published sequence versions are immutable';
      END $$`);
    await q.query(`CREATE TRIGGER sequence_versions_immutable BEFORE UPDATE ON sequence_versions FOR EACH ROW EXECUTE FUNCTION sequence_versions_immutable()`);
    // One row per recipient run through a sequence version. `next_step_at` is the durable schedule:
    // the tick claims due rows through the partial index, so its cost follows the due count.
    await q.query(`
      CREATE TABLE enrolments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sequence_id uuid NOT NULL REFERENCES sequences(id),
        sequence_version_id uuid NOT NULL REFERENCES sequence_versions(id),
        partner_id uuid NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        launch_id uuid REFERENCES launches(id),
        lead_id uuid REFERENCES leads(id) ON DELETE SET NULL,
        source text NOT NULL CHECK (source IN ('lead', 'manual', 'audience', 'csv', 'api', 'program')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'exited')),
        held boolean NOT NULL DEFAULT false,
        step_index integer NOT NULL DEFAULT 0 CHECK (step_index >= 0),
        next_step_at timestamptz,
        exit_reason text CHECK (exit_reason IN ('unsubscribed', 'bounced', 'complained', 'suppressed', 'replied', 'converted',
          'deal_registered', 'unenrolled', 'exit_step', 'recipient_removed', 'launch_ended')),
        replied_at timestamptz,
        enrolled_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        ended_at timestamptz,
        CONSTRAINT enrolments_one_recipient CHECK (contact_id IS NULL OR user_id IS NULL),
        CONSTRAINT enrolments_active_scheduled CHECK (status <> 'active' OR next_step_at IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX enrolments_one_active_contact ON enrolments (sequence_id, contact_id) WHERE status = 'active' AND contact_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX enrolments_one_active_user ON enrolments (sequence_id, user_id) WHERE status = 'active' AND user_id IS NOT NULL`);
    await q.query(`CREATE INDEX enrolments_due_idx ON enrolments (next_step_at) WHERE status = 'active' AND NOT held`);
    await q.query(`CREATE INDEX enrolments_sequence_idx ON enrolments (sequence_id, status)`);
    await q.query(`CREATE INDEX enrolments_partner_idx ON enrolments (partner_id, created_at, id)`);
    await q.query(`CREATE INDEX enrolments_contact_idx ON enrolments (contact_id) WHERE status = 'active'`);
    // The activation program's memory per partner: enrolled once, never after its first deal.
    await q.query(`
      CREATE TABLE activation_partners (
        partner_id uuid PRIMARY KEY REFERENCES partners(id) ON DELETE CASCADE,
        enrolled_at timestamptz,
        first_deal_at timestamptz
      )`);
    await q.query(`CREATE INDEX partners_signed_idx ON partners (signed_at) WHERE signed_at IS NOT NULL`);
    await q.query(`ALTER TABLE leads ADD COLUMN status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'working', 'converted', 'disqualified'))`);
    await q.query(`ALTER TABLE leads ADD COLUMN status_changed_at timestamptz`);
    await q.query(`CREATE INDEX leads_converted_contact_idx ON leads (contact_id) WHERE status = 'converted'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX leads_converted_contact_idx`);
    await q.query(`ALTER TABLE leads DROP COLUMN status_changed_at, DROP COLUMN status`);
    await q.query(`DROP INDEX partners_signed_idx`);
    await q.query(`DROP TABLE activation_partners`);
    await q.query(`DROP TABLE enrolments`);
    await q.query(`ALTER TABLE sequences DROP CONSTRAINT sequences_current_version_fk`);
    await q.query(`DROP TABLE sequence_versions`);
    await q.query(`DROP FUNCTION sequence_versions_immutable()`);
    await q.query(`DROP TABLE sequences`);
  }
}
