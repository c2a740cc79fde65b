import { MigrationInterface, QueryRunner } from 'typeorm';

/** Partner contacts, their CSV imports, saved audiences and the suppression list. */
export class Contacts1795260000000 implements MigrationInterface {
  name = 'Contacts1795260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
        email text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
        email_normalised text NOT NULL CHECK (email_normalised = lower(btrim(email_normalised))),
        first_name text CHECK (char_length(first_name) <= 100),
        last_name text CHECK (char_length(last_name) <= 100),
        company text CHECK (char_length(company) <= 200),
        title text CHECK (char_length(title) <= 200),
        country text CHECK (country ~ '^[A-Z]{2}$'),
        time_zone text CHECK (char_length(time_zone) <= 64),
        consent_status text NOT NULL DEFAULT 'unknown' CHECK (consent_status IN ('granted', 'pending', 'denied', 'unknown')),
        consent_source text CHECK (char_length(consent_source) <= 200),
        consent_updated_at timestamptz,
        origin text NOT NULL CHECK (char_length(origin) <= 200),
        shared_with_vendor_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contacts_partner_email_key UNIQUE (partner_id, email_normalised)
      )`);
    await q.query(`CREATE INDEX contacts_partner_created_idx ON contacts (partner_id, created_at, id)`);
    await q.query(`CREATE INDEX contacts_partner_country_idx ON contacts (partner_id, country)`);
    await q.query(`CREATE INDEX contacts_partner_time_zone_idx ON contacts (partner_id, time_zone)`);
    await q.query(`CREATE INDEX contacts_partner_consent_idx ON contacts (partner_id, consent_status, id)`);
    await q.query(`
      CREATE TABLE suppressions (
        partner_id uuid NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
        email_normalised text NOT NULL CHECK (email_normalised = lower(btrim(email_normalised))),
        reason text NOT NULL CHECK (reason IN ('unsubscribed', 'bounced', 'complained', 'manual')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partner_id, email_normalised)
      )`);
    await q.query(`
      CREATE TABLE contact_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
        created_by uuid REFERENCES users(id),
        file_name text CHECK (char_length(file_name) <= 255),
        status text NOT NULL DEFAULT 'processing' CHECK (status IN ('processing', 'completed', 'failed')),
        total_rows integer NOT NULL DEFAULT 0 CHECK (total_rows >= 0),
        imported integer NOT NULL DEFAULT 0 CHECK (imported >= 0),
        updated integer NOT NULL DEFAULT 0 CHECK (updated >= 0),
        rejected integer NOT NULL DEFAULT 0 CHECK (rejected >= 0),
        ignored_columns jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await q.query(`CREATE INDEX contact_imports_partner_idx ON contact_imports (partner_id, created_at)`);
    // One row per data row of the file (the file is capped at 50,000 rows).
    await q.query(`
      CREATE TABLE contact_import_rows (
        import_id uuid NOT NULL REFERENCES contact_imports(id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('imported', 'updated', 'rejected')),
        email text CHECK (char_length(email) <= 254),
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        PRIMARY KEY (import_id, row_number)
      )`);
    await q.query(`
      CREATE TABLE audiences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
        filter jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audiences_partner_idx ON audiences (partner_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audiences`);
    await q.query(`DROP TABLE contact_import_rows`);
    await q.query(`DROP TABLE contact_imports`);
    await q.query(`DROP TABLE suppressions`);
    await q.query(`DROP TABLE contacts`);
  }
}
