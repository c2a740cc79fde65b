import { MigrationInterface, QueryRunner } from 'typeorm';

/** MDF programs, allocations, the ledger, pre-approval requests and claims. */
export class Mdf1795320000000 implements MigrationInterface {
  name = 'Mdf1795320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mdf_programs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 2 AND 120),
        period_start date NOT NULL,
        period_end date NOT NULL,
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        grace_days integer NOT NULL DEFAULT 0 CHECK (grace_days BETWEEN 0 AND 365),
        claim_deadline_days integer NOT NULL DEFAULT 60 CHECK (claim_deadline_days BETWEEN 1 AND 365),
        -- Accrual: basis points (1/100 of a percent) of the partner's won revenue closed in the accrual period.
        accrual_bps integer NOT NULL DEFAULT 0 CHECK (accrual_bps BETWEEN 0 AND 10000),
        accrual_start date,
        accrual_end date,
        expired_at timestamptz,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mdf_programs_period CHECK (period_start <= period_end),
        CONSTRAINT mdf_programs_accrual_period CHECK ((accrual_start IS NULL) = (accrual_end IS NULL) AND (accrual_start IS NULL OR accrual_start <= accrual_end))
      )`);
    await q.query(`CREATE INDEX mdf_programs_expiry_idx ON mdf_programs (period_end) WHERE expired_at IS NULL`);
    await q.query(`
      CREATE TABLE mdf_program_tier_amounts (
        program_id uuid NOT NULL REFERENCES mdf_programs(id) ON DELETE CASCADE,
        tier_id uuid NOT NULL REFERENCES tiers(id),
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        PRIMARY KEY (program_id, tier_id)
      )`);
    // One fund account per (program, partner): the row every balance change locks. Its totals are
    // kept in step with the ledger in the same transaction; the check is the last line against an overdraw.
    await q.query(`
      CREATE TABLE mdf_fund_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES mdf_programs(id),
        partner_id uuid NOT NULL REFERENCES partners(id),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        allocated_cents bigint NOT NULL DEFAULT 0 CHECK (allocated_cents >= 0),
        adjusted_cents bigint NOT NULL DEFAULT 0,
        reserved_cents bigint NOT NULL DEFAULT 0 CHECK (reserved_cents >= 0),
        settled_cents bigint NOT NULL DEFAULT 0 CHECK (settled_cents >= 0),
        expired_cents bigint NOT NULL DEFAULT 0 CHECK (expired_cents >= 0),
        expired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mdf_fund_accounts_program_partner_key UNIQUE (program_id, partner_id),
        CONSTRAINT mdf_fund_accounts_available CHECK (allocated_cents + adjusted_cents - reserved_cents - settled_cents - expired_cents >= 0)
      )`);
    await q.query(`CREATE INDEX mdf_fund_accounts_partner_idx ON mdf_fund_accounts (partner_id, created_at)`);
    await q.query(`
      CREATE TABLE mdf_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES mdf_programs(id),
        partner_id uuid NOT NULL REFERENCES partners(id),
        account_id uuid NOT NULL REFERENCES mdf_fund_accounts(id),
        activity_type text NOT NULL CHECK (activity_type IN ('event', 'webinar', 'paid_digital', 'email_launch', 'content_syndication', 'trade_show', 'other')),
        description text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        currency text NOT NULL,
        planned_cost_cents bigint NOT NULL CHECK (planned_cost_cents > 0),
        requested_cents bigint NOT NULL CHECK (requested_cents > 0),
        approved_cents bigint CHECK (approved_cents > 0),
        expected_pipeline_cents bigint NOT NULL DEFAULT 0 CHECK (expected_pipeline_cents >= 0),
        launch_ids uuid[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'info_requested', 'approved', 'rejected')),
        submitted_by uuid NOT NULL REFERENCES users(id),
        decided_by uuid REFERENCES users(id),
        decision_note text,
        submitted_at timestamptz NOT NULL,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mdf_requests_dates CHECK (starts_on <= ends_on),
        CONSTRAINT mdf_requests_amounts CHECK (requested_cents <= planned_cost_cents AND (approved_cents IS NULL OR approved_cents <= requested_cents))
      )`);
    await q.query(`CREATE INDEX mdf_requests_partner_idx ON mdf_requests (partner_id, created_at)`);
    await q.query(`CREATE INDEX mdf_requests_queue_idx ON mdf_requests (status, submitted_at)`);
    await q.query(`
      CREATE TABLE mdf_claims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES mdf_requests(id),
        program_id uuid NOT NULL REFERENCES mdf_programs(id),
        partner_id uuid NOT NULL REFERENCES partners(id),
        currency text NOT NULL,
        actual_spend_cents bigint NOT NULL CHECK (actual_spend_cents > 0),
        status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'info_requested', 'approved', 'rejected', 'paid')),
        idempotency_key text NOT NULL CHECK (char_length(idempotency_key) BETWEEN 1 AND 200),
        submitted_by uuid NOT NULL REFERENCES users(id),
        submitted_at timestamptz NOT NULL,
        approved_cents bigint CHECK (approved_cents >= 0),
        reviewed_by uuid REFERENCES users(id),
        reviewed_at timestamptz,
        review_note text,
        payment_reference text,
        paid_on date,
        paid_by uuid REFERENCES users(id),
        proof_pack_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mdf_claims_idempotency_key UNIQUE (partner_id, idempotency_key),
        -- One claim per approved request: its reservation is settled or released once.
        CONSTRAINT mdf_claims_request_key UNIQUE (request_id)
      )`);
    await q.query(`CREATE INDEX mdf_claims_queue_idx ON mdf_claims (status, submitted_at, id)`);
    await q.query(`CREATE INDEX mdf_claims_partner_idx ON mdf_claims (partner_id, created_at)`);
    await q.query(`
      CREATE TABLE mdf_claim_deals (
        claim_id uuid NOT NULL REFERENCES mdf_claims(id) ON DELETE CASCADE,
        deal_id uuid NOT NULL REFERENCES deals(id),
        PRIMARY KEY (claim_id, deal_id)
      )`);
    await q.query(`CREATE INDEX mdf_claim_deals_deal_idx ON mdf_claim_deals (deal_id)`);
    await q.query(`
      CREATE TABLE mdf_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES mdf_requests(id),
        partner_id uuid NOT NULL REFERENCES partners(id),
        claim_id uuid REFERENCES mdf_claims(id),
        kind text NOT NULL CHECK (kind IN ('invoice', 'proof')),
        storage_key text NOT NULL,
        content_type text NOT NULL,
        bytes integer NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX mdf_files_request_idx ON mdf_files (request_id, created_at)`);
    await q.query(`CREATE INDEX mdf_files_claim_idx ON mdf_files (claim_id) WHERE claim_id IS NOT NULL`);
    // The ledger: amounts are positive except adjustments (signed).
    await q.query(`
      CREATE TABLE mdf_ledger_entries (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES mdf_fund_accounts(id),
        program_id uuid NOT NULL REFERENCES mdf_programs(id),
        partner_id uuid NOT NULL REFERENCES partners(id),
        kind text NOT NULL CHECK (kind IN ('allocate', 'reserve', 'release', 'settle', 'expire', 'adjust')),
        amount_cents bigint NOT NULL,
        currency text NOT NULL,
        request_id uuid REFERENCES mdf_requests(id),
        claim_id uuid REFERENCES mdf_claims(id),
        reason text,
        actor_user_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL,
        CONSTRAINT mdf_ledger_entries_amount CHECK ((kind = 'adjust' AND amount_cents <> 0) OR (kind <> 'adjust' AND amount_cents > 0)),
        CONSTRAINT mdf_ledger_entries_reason CHECK (kind <> 'adjust' OR char_length(reason) > 0)
      )`);
    await q.query(`CREATE INDEX mdf_ledger_entries_account_idx ON mdf_ledger_entries (account_id, id)`);
    // Allocation runs once per partner per program; a request is reserved once; a claim settles once.
    await q.query(`CREATE UNIQUE INDEX mdf_ledger_entries_one_allocation ON mdf_ledger_entries (account_id) WHERE kind = 'allocate'`);
    await q.query(`CREATE UNIQUE INDEX mdf_ledger_entries_one_reservation ON mdf_ledger_entries (request_id) WHERE kind = 'reserve'`);
    await q.query(`CREATE UNIQUE INDEX mdf_ledger_entries_one_settlement ON mdf_ledger_entries (claim_id) WHERE kind = 'settle'`);
    await q.query(`
      CREATE FUNCTION mdf_ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'mdf_ledger_entries is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER mdf_ledger_entries_no_change BEFORE UPDATE OR DELETE ON mdf_ledger_entries
      FOR EACH ROW EXECUTE FUNCTION mdf_ledger_entries_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mdf_ledger_entries`);
    await q.query(`DROP FUNCTION mdf_ledger_entries_append_only()`);
    await q.query(`DROP TABLE mdf_files`);
    await q.query(`DROP TABLE mdf_claim_deals`);
    await q.query(`DROP TABLE mdf_claims`);
    await q.query(`DROP TABLE mdf_requests`);
    await q.query(`DROP TABLE mdf_fund_accounts`);
    await q.query(`DROP TABLE mdf_program_tier_amounts`);
    await q.query(`DROP TABLE mdf_programs`);
  }
}
