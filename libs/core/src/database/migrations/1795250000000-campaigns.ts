import { MigrationInterface, QueryRunner } from 'typeorm';

export class Campaigns1795250000000 implements MigrationInterface {
  name = 'Campaigns1795250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        category text NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retired')),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT kits_slug_key UNIQUE (slug)
      )`);
    await q.query(`
      CREATE TABLE kit_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kit_id uuid NOT NULL REFERENCES kits(id) ON DELETE CASCADE,
        version integer NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'published')),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        objective text NOT NULL DEFAULT '',
        templates jsonb NOT NULL DEFAULT '[]'::jsonb,
        destinations jsonb NOT NULL DEFAULT '[]'::jsonb,
        eligibility jsonb NOT NULL DEFAULT '{}'::jsonb,
        starts_at timestamptz,
        ends_at timestamptz,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid REFERENCES users(id),
        published_at timestamptz,
        CONSTRAINT kit_versions_number_key UNIQUE (kit_id, version),
        CONSTRAINT kit_versions_window CHECK (starts_at IS NULL OR ends_at IS NULL OR starts_at < ends_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX kit_versions_one_draft ON kit_versions (kit_id) WHERE status = 'draft'`);
    await q.query(`
      CREATE TRIGGER kit_versions_immutable BEFORE UPDATE OR DELETE ON kit_versions
      FOR EACH ROW EXECUTE FUNCTION template_versions_published_immutable()`);
    await q.query(`
      CREATE TABLE launches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kit_id uuid NOT NULL REFERENCES kits(id),
        kit_version_id uuid NOT NULL REFERENCES kit_versions(id),
        partner_id uuid NOT NULL REFERENCES partners(id),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'ended')),
        mode text NOT NULL CHECK (mode IN ('partner', 'concierge', 'auto')),
        edits jsonb NOT NULL DEFAULT '{}'::jsonb,
        launched_by uuid REFERENCES users(id),
        idempotency_key text,
        audience_id uuid,
        send_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        CONSTRAINT launches_idempotency_key UNIQUE (partner_id, idempotency_key)
      )`);
    // One live launch of a kit per partner: a second click, a retried job or a concierge launch
    // racing the partner's own all land on the same row.
    await q.query(`CREATE UNIQUE INDEX launches_one_live ON launches (kit_id, partner_id) WHERE status <> 'ended'`);
    await q.query(`CREATE INDEX launches_partner_idx ON launches (partner_id, created_at)`);
    await q.query(`
      CREATE TABLE auto_launch_optins (
        partner_id uuid NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
        category text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partner_id, category)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE auto_launch_optins`);
    await q.query(`DROP TABLE launches`);
    await q.query(`DROP TABLE kit_versions`);
    await q.query(`DROP TABLE kits`);
  }
}
