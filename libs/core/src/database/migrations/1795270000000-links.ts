import { MigrationInterface, QueryRunner } from 'typeorm';

export class Links1795270000000 implements MigrationInterface {
  name = 'Links1795270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trackable_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        partner_id uuid NOT NULL REFERENCES partners(id),
        launch_id uuid REFERENCES launches(id),
        asset_key text NOT NULL,
        medium text NOT NULL CHECK (medium IN ('email', 'social', 'banner', 'landing')),
        destination_url text NOT NULL CHECK (destination_url ~ '^https?://'),
        utm_source text NOT NULL,
        utm_campaign text NOT NULL,
        override_utm boolean NOT NULL DEFAULT false,
        fallback_url text CHECK (fallback_url IS NULL OR fallback_url ~ '^https?://'),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT trackable_links_code_key UNIQUE (code),
        CONSTRAINT trackable_links_code_format CHECK (code ~ '^[0-9A-Za-z]{8,32}$')
      )`);
    await q.query(`CREATE INDEX trackable_links_launch_idx ON trackable_links (launch_id) WHERE launch_id IS NOT NULL`);
    await q.query(`CREATE INDEX trackable_links_partner_idx ON trackable_links (partner_id, created_at)`);
    // Clicks are append-only and written in batches; launch and partner are copied from the link
    // so per-launch and per-partner counts need no join.
    await q.query(`
      CREATE TABLE link_clicks (
        -- The click id (also the visitor's ck_cid cookie) is the key: one index fewer per insert
        -- than a serial id beside it.
        click_id uuid PRIMARY KEY,
        -- Arrival order, unindexed (a sequence value costs next to nothing per row).
        seq bigserial NOT NULL,
        -- No foreign key: the check cost a quarter of every insert at click volumes (measured), and
        -- clicks are only ever written by the flusher for links it has just resolved. Links are
        -- never deleted (they end), so no click is left pointing nowhere.
        link_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        launch_id uuid,
        asset_key text NOT NULL,
        at timestamptz NOT NULL,
        ip_hash text NOT NULL,
        ua_family text NOT NULL,
        referrer_host text,
        country text,
        outcome text NOT NULL CHECK (outcome IN ('redirect', 'fallback', 'ended')),
        bot boolean NOT NULL,
        scanner boolean NOT NULL,
        is_unique boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX link_clicks_link_idx ON link_clicks (link_id, at)`);
    await q.query(`CREATE INDEX link_clicks_launch_idx ON link_clicks (launch_id, at) WHERE launch_id IS NOT NULL`);
    // No partner index: partner totals go through the partner's links (link_clicks_link_idx).
    // One row per visitor (salted ip hash + UA family) per link per UTC day: the flusher's
    // INSERT … ON CONFLICT DO NOTHING decides which click is the unique one, across processes.
    await q.query(`
      CREATE TABLE link_click_visitors (
        link_id uuid NOT NULL, -- no foreign key, as for link_clicks
        day date NOT NULL,
        visitor text NOT NULL,
        PRIMARY KEY (link_id, day, visitor)
      )`);
    await q.query(`
      CREATE TABLE link_opens (
        id bigserial PRIMARY KEY,
        launch_id uuid,
        partner_id uuid NOT NULL,
        message_ref text NOT NULL,
        at timestamptz NOT NULL,
        ip_hash text NOT NULL,
        ua_family text NOT NULL,
        bot boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX link_opens_launch_idx ON link_opens (launch_id, at) WHERE launch_id IS NOT NULL`);
    await q.query(`CREATE INDEX link_opens_partner_idx ON link_opens (partner_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE link_opens`);
    await q.query(`DROP TABLE link_click_visitors`);
    await q.query(`DROP TABLE link_clicks`);
    await q.query(`DROP TABLE trackable_links`);
  }
}
