import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795200000000 implements MigrationInterface {
  name = 'Foundation1795200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tiers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        rank integer NOT NULL,
        default_mdf_reimbursement_pct integer NOT NULL CHECK (default_mdf_reimbursement_pct BETWEEN 0 AND 100),
        attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tiers_name_key UNIQUE (name),
        CONSTRAINT tiers_rank_key UNIQUE (rank)
      )`);
    await q.query(`
      CREATE TABLE partners (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        slug text NOT NULL,
        tier_id uuid NOT NULL REFERENCES tiers(id),
        region text NOT NULL,
        website text,
        phone text,
        address text,
        time_zone text NOT NULL DEFAULT 'UTC',
        brand_colour text,
        legal_disclaimer text,
        status text NOT NULL DEFAULT 'prospect' CHECK (status IN ('prospect', 'onboarding', 'active', 'inactive')),
        signed_at date,
        logo_key text,
        logo_width integer,
        logo_height integer,
        profile_version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT partners_slug_key UNIQUE (slug)
      )`);
    await q.query(`CREATE INDEX partners_tier_idx ON partners (tier_id)`);
    await q.query(`CREATE INDEX partners_name_idx ON partners (lower(name), id)`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('vendor_admin', 'vendor_marketer', 'channel_manager', 'finance', 'partner_admin', 'partner_user')),
        partner_id uuid REFERENCES partners(id),
        password_hash text,
        status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'active', 'disabled')),
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_partner_scope CHECK ((role IN ('partner_admin', 'partner_user')) = (partner_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`CREATE INDEX users_partner_idx ON users (partner_id, created_at, id)`);
    await q.query(`
      CREATE TABLE auth_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('session', 'api')),
        name text,
        token_hash text NOT NULL,
        token_prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT auth_tokens_hash_key UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX auth_tokens_user_idx ON auth_tokens (user_id, kind, created_at)`);
    await q.query(`
      CREATE TABLE login_attempts (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        ip text NOT NULL,
        succeeded boolean NOT NULL,
        attempted_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX login_attempts_email_idx ON login_attempts (email, attempted_at)`);
    await q.query(`CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, attempted_at)`);
    await q.query(`
      CREATE TABLE user_invites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        invited_by uuid REFERENCES users(id),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT user_invites_hash_key UNIQUE (token_hash)
      )`);
    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_user_id uuid REFERENCES users(id),
        on_behalf_of_partner_id uuid REFERENCES partners(id),
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        request_id text
      )`);
    await q.query(`CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, occurred_at)`);
    await q.query(`
      CREATE TABLE system_state (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Audit rows are evidence: the table refuses updates and deletes.
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE system_state`);
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
    await q.query(`DROP TABLE user_invites`);
    await q.query(`DROP TABLE login_attempts`);
    await q.query(`DROP TABLE auth_tokens`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE partners`);
    await q.query(`DROP TABLE tiers`);
  }
}
