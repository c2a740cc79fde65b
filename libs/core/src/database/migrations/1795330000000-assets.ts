import { MigrationInterface, QueryRunner } from 'typeorm';

/** The asset library: assets and their versions, the usage graph, downloads, and expiry notices. */
export class Assets1795330000000 implements MigrationInterface {
  name = 'Assets1795330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (char_length(title) BETWEEN 2 AND 200),
        description text NOT NULL DEFAULT '',
        type text NOT NULL CHECK (type IN ('datasheet', 'deck', 'video', 'image', 'legal', 'document')),
        tags text[] NOT NULL DEFAULT '{}',
        locale text NOT NULL DEFAULT 'en',
        owner_user_id uuid NOT NULL REFERENCES users(id),
        eligibility jsonb NOT NULL DEFAULT '{}'::jsonb,
        publish_at timestamptz NOT NULL,
        expires_at timestamptz,
        successor_id uuid REFERENCES assets(id),
        status text NOT NULL CHECK (status IN ('scheduled', 'live', 'expiring', 'expired', 'archived')),
        current_version_id uuid,
        expired_at timestamptz,
        archived_at timestamptz,
        -- When the sweep must look at it next: publication, the next warning window, or expiry; null when nothing is due.
        -- A new asset is due at once, so one created inside a warning window is announced by the next sweep.
        next_transition_at timestamptz DEFAULT now(),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT assets_dates CHECK (expires_at IS NULL OR publish_at < expires_at),
        CONSTRAINT assets_not_own_successor CHECK (successor_id IS NULL OR successor_id <> id)
      )`);
    // The expiry sweep reads only assets whose next transition is due.
    await q.query(`CREATE INDEX assets_transition_idx ON assets (next_transition_at) WHERE next_transition_at IS NOT NULL`);
    await q.query(`CREATE INDEX assets_expires_idx ON assets (expires_at) WHERE expires_at IS NOT NULL`);
    await q.query(`CREATE INDEX assets_successor_idx ON assets (successor_id) WHERE successor_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE asset_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        asset_id uuid NOT NULL REFERENCES assets(id),
        version integer NOT NULL,
        storage_key text NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        bytes bigint NOT NULL CHECK (bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        thumbnail_key text,
        width integer,
        height integer,
        uploaded_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT asset_versions_number UNIQUE (asset_id, version)
      )`);
    await q.query(`ALTER TABLE assets ADD CONSTRAINT assets_current_version_fk FOREIGN KEY (current_version_id) REFERENCES asset_versions(id)`);
    // Who uses an asset: one row per (asset, kind of reference, referring thing). Rows of a launch carry
    // the launch and its partner, and go inactive when the launch ends.
    await q.query(`
      CREATE TABLE asset_usages (
        id bigserial PRIMARY KEY,
        asset_id uuid NOT NULL REFERENCES assets(id),
        asset_version_id uuid REFERENCES asset_versions(id),
        kind text NOT NULL CHECK (kind IN ('template', 'kit', 'launch', 'rendition', 'landing_page', 'email', 'nurture_step', 'link')),
        ref_id text NOT NULL,
        kit_id uuid,
        launch_id uuid,
        partner_id uuid REFERENCES partners(id),
        template_version_id uuid,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT asset_usages_ref UNIQUE (asset_id, kind, ref_id)
      )`);
    await q.query(`CREATE INDEX asset_usages_launch_idx ON asset_usages (launch_id) WHERE launch_id IS NOT NULL`);
    await q.query(`CREATE INDEX asset_usages_template_version_idx ON asset_usages (template_version_id) WHERE template_version_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE asset_downloads (
        id bigserial PRIMARY KEY,
        asset_id uuid NOT NULL REFERENCES assets(id),
        asset_version_id uuid NOT NULL REFERENCES asset_versions(id),
        partner_id uuid REFERENCES partners(id),
        user_id uuid REFERENCES users(id),
        link_id uuid,
        via text NOT NULL CHECK (via IN ('library', 'link')),
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX asset_downloads_asset_idx ON asset_downloads (asset_id, at)`);
    // A notice is sent once per (asset, notice, recipient): the primary key is the guarantee.
    await q.query(`
      CREATE TABLE asset_notices (
        asset_id uuid NOT NULL REFERENCES assets(id),
        notice text NOT NULL,
        recipient_user_id uuid NOT NULL REFERENCES users(id),
        partner_id uuid REFERENCES partners(id),
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (asset_id, notice, recipient_user_id)
      )`);
    // A kit's own content (datasheets, decks), frozen with each version; a destination may be an asset.
    await q.query(`ALTER TABLE kit_versions ADD COLUMN asset_ids uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE trackable_links ADD COLUMN asset_id uuid REFERENCES assets(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE trackable_links DROP COLUMN asset_id`);
    await q.query(`ALTER TABLE kit_versions DROP COLUMN asset_ids`);
    await q.query(`DROP TABLE asset_notices`);
    await q.query(`DROP TABLE asset_downloads`);
    await q.query(`DROP TABLE asset_usages`);
    await q.query(`ALTER TABLE assets DROP CONSTRAINT assets_current_version_fk`);
    await q.query(`DROP TABLE asset_versions`);
    await q.query(`DROP TABLE assets`);
  }
}
