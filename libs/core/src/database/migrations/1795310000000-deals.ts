import { MigrationInterface, QueryRunner } from 'typeorm';

/** Deal registrations, conflicts, attribution and status webhooks. */
export class Deals1795310000000 implements MigrationInterface {
  name = 'Deals1795310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partners(id),
        registered_by uuid REFERENCES users(id),
        -- partner: registered by the partner itself; concierge: by a channel manager for it;
        -- import: migrated from another system. All three are partner-sourced.
        registration_mode text NOT NULL DEFAULT 'partner' CHECK (registration_mode IN ('partner', 'concierge', 'import')),
        customer_company text NOT NULL CHECK (char_length(customer_company) BETWEEN 1 AND 200),
        -- Lower-case host without scheme or www. (see companyDomain in the nurture lib).
        customer_domain text NOT NULL CHECK (customer_domain = lower(customer_domain) AND customer_domain !~ '^www\\.' AND customer_domain !~ '[/:]'),
        -- The company name reduced for matching (lower case, no punctuation, no legal suffix).
        company_key text NOT NULL,
        contact_name text CHECK (char_length(contact_name) <= 200),
        contact_email text CHECK (char_length(contact_email) <= 254),
        products jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(products) = 'array'),
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        expected_close_date date,
        notes text CHECK (char_length(notes) <= 5000),
        source_launch_id uuid REFERENCES launches(id),
        source_lead_id uuid REFERENCES leads(id),
        status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'rejected', 'won', 'lost', 'expired')),
        conflict_flagged boolean NOT NULL DEFAULT false,
        approved_by uuid REFERENCES users(id),
        approved_at timestamptz,
        protected_until timestamptz,
        rejection_reason text CHECK (char_length(rejection_reason) <= 1000),
        final_amount_cents bigint CHECK (final_amount_cents >= 0),
        closed_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT deals_approved_protected CHECK (status <> 'approved' OR protected_until IS NOT NULL),
        CONSTRAINT deals_rejected_reason CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL),
        CONSTRAINT deals_won_amount CHECK (status <> 'won' OR (final_amount_cents IS NOT NULL AND closed_at IS NOT NULL)),
        CONSTRAINT deals_lost_closed CHECK (status <> 'lost' OR closed_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX deals_partner_created_idx ON deals (partner_id, created_at, id)`);
    await q.query(`CREATE INDEX deals_created_idx ON deals (created_at, id)`);
    await q.query(`CREATE INDEX deals_domain_idx ON deals (customer_domain)`);
    await q.query(`CREATE INDEX deals_company_key_idx ON deals (company_key)`);
    // Fuzzy name candidates share a word of the company key.
    await q.query(`CREATE INDEX deals_company_words_idx ON deals USING gin (string_to_array(company_key, ' '))`);
    await q.query(`CREATE INDEX deals_protection_idx ON deals (protected_until) WHERE status = 'approved'`);
    await q.query(`CREATE INDEX deals_won_idx ON deals (partner_id, closed_at) WHERE status = 'won'`);

    // Opportunities the vendor's own sales team works: a registration on one of them conflicts.
    await q.query(`
      CREATE TABLE vendor_opportunities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        external_id text CHECK (char_length(external_id) <= 100),
        customer_company text NOT NULL CHECK (char_length(customer_company) BETWEEN 1 AND 200),
        customer_domain text NOT NULL,
        company_key text NOT NULL,
        owner_name text CHECK (char_length(owner_name) <= 200),
        amount_cents bigint CHECK (amount_cents >= 0),
        currency text CHECK (currency ~ '^[A-Z]{3}$'),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT vendor_opportunities_external_id_key UNIQUE (external_id)
      )`);
    await q.query(`CREATE INDEX vendor_opportunities_domain_idx ON vendor_opportunities (customer_domain) WHERE status = 'open'`);
    await q.query(`CREATE INDEX vendor_opportunities_company_words_idx ON vendor_opportunities USING gin (string_to_array(company_key, ' ')) WHERE status = 'open'`);
    await q.query(`CREATE INDEX vendor_opportunities_created_idx ON vendor_opportunities (created_at, id)`);

    // What a registration collided with when it was submitted: another partner's protected deal or
    // an open vendor opportunity.
    await q.query(`
      CREATE TABLE deal_conflicts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deal_id uuid NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        conflicting_deal_id uuid REFERENCES deals(id) ON DELETE CASCADE,
        vendor_opportunity_id uuid REFERENCES vendor_opportunities(id) ON DELETE CASCADE,
        matched_on text NOT NULL CHECK (matched_on IN ('domain', 'company_name')),
        similarity real NOT NULL CHECK (similarity BETWEEN 0 AND 1),
        created_at timestamptz NOT NULL,
        CONSTRAINT deal_conflicts_one_other CHECK ((conflicting_deal_id IS NULL) <> (vendor_opportunity_id IS NULL))
      )`);
    await q.query(`CREATE INDEX deal_conflicts_deal_idx ON deal_conflicts (deal_id)`);
    await q.query(`CREATE INDEX deal_conflicts_other_idx ON deal_conflicts (conflicting_deal_id) WHERE conflicting_deal_id IS NOT NULL`);

    // Partner-influenced attribution, frozen at registration: the partner's leads at the customer's
    // domain, the clicks that brought them and their launches.
    await q.query(`
      CREATE TABLE deal_influences (
        deal_id uuid NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('lead', 'click', 'launch')),
        ref_id uuid NOT NULL,
        launch_id uuid REFERENCES launches(id),
        touched_at timestamptz NOT NULL,
        PRIMARY KEY (deal_id, kind, ref_id)
      )`);
    await q.query(`CREATE INDEX deal_influences_launch_idx ON deal_influences (launch_id) WHERE launch_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE deal_webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL CHECK (char_length(url) <= 2000 AND url ~ '^https?://'),
        description text CHECK (char_length(description) <= 200),
        -- Kept readable: every delivery is signed with it. Shown to the admin once, at creation.
        secret text NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL,
        deleted_at timestamptz
      )`);
    // One row per status change per endpoint; the delivery job works on one row.
    await q.query(`
      CREATE TABLE deal_webhook_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES deal_webhook_endpoints(id) ON DELETE CASCADE,
        deal_id uuid NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        delivered_at timestamptz,
        last_status integer,
        last_error text
      )`);
    await q.query(`CREATE INDEX deal_webhook_events_endpoint_idx ON deal_webhook_events (endpoint_id, created_at)`);
    await q.query(`CREATE INDEX deal_webhook_events_deal_idx ON deal_webhook_events (deal_id)`);
    await q.query(`
      CREATE TABLE deal_webhook_attempts (
        id bigserial PRIMARY KEY,
        event_id uuid NOT NULL REFERENCES deal_webhook_events(id) ON DELETE CASCADE,
        attempted_at timestamptz NOT NULL,
        status_code integer,
        error text,
        duration_ms integer NOT NULL
      )`);
    await q.query(`CREATE INDEX deal_webhook_attempts_event_idx ON deal_webhook_attempts (event_id, attempted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deal_webhook_attempts`);
    await q.query(`DROP TABLE deal_webhook_events`);
    await q.query(`DROP TABLE deal_webhook_endpoints`);
    await q.query(`DROP TABLE deal_influences`);
    await q.query(`DROP TABLE deal_conflicts`);
    await q.query(`DROP TABLE vendor_opportunities`);
    await q.query(`DROP TABLE deals`);
  }
}
