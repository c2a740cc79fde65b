import { MigrationInterface, QueryRunner } from 'typeorm';

export class Templates1795240000000 implements MigrationInterface {
  name = 'Templates1795240000000';

  async up(q: QueryRunner): Promise<void> {
    // The vendor's brand kit, versioned: each change is a new row, the highest version is current.
    await q.query(`
      CREATE TABLE brand_kits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version integer NOT NULL,
        name text NOT NULL,
        colours jsonb NOT NULL,
        fonts jsonb NOT NULL,
        logo_key text,
        legal_footer text NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT brand_kits_version_key UNIQUE (version)
      )`);
    await q.query(`
      CREATE TABLE templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('email', 'landing_page', 'banner', 'social_post')),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT templates_key_key UNIQUE (key)
      )`);
    await q.query(`
      CREATE TABLE template_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        template_id uuid NOT NULL REFERENCES templates(id) ON DELETE CASCADE,
        version integer NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'published')),
        subject text,
        preheader text,
        body text NOT NULL DEFAULT '',
        manifest jsonb NOT NULL,
        banner jsonb,
        social jsonb,
        background_key text,
        compiled_html text,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid REFERENCES users(id),
        published_at timestamptz,
        CONSTRAINT template_versions_number_key UNIQUE (template_id, version)
      )`);
    await q.query(`CREATE UNIQUE INDEX template_versions_one_draft ON template_versions (template_id) WHERE status = 'draft'`);
    // Published versions are what running campaigns point at: they never change.
    await q.query(`
      CREATE FUNCTION template_versions_published_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'published' THEN RAISE EXCEPTION 'published template versions are immutable'; END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE TRIGGER template_versions_immutable BEFORE UPDATE OR DELETE ON template_versions
      FOR EACH ROW EXECUTE FUNCTION template_versions_published_immutable()`);
    // Co-branded images, stored once per (version, partner profile, brand kit, edits, format).
    await q.query(`
      CREATE TABLE renditions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cache_key text NOT NULL,
        template_version_id uuid NOT NULL REFERENCES template_versions(id),
        partner_id uuid NOT NULL REFERENCES partners(id),
        storage_key text NOT NULL,
        content_type text NOT NULL,
        width integer NOT NULL,
        height integer NOT NULL,
        bytes integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT renditions_cache_key UNIQUE (cache_key)
      )`);
    await q.query(`CREATE INDEX renditions_partner_idx ON renditions (partner_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE renditions`);
    await q.query(`DROP TABLE template_versions`);
    await q.query(`DROP FUNCTION template_versions_published_immutable()`);
    await q.query(`DROP TABLE templates`);
    await q.query(`DROP TABLE brand_kits`);
  }
}
