import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PartnerScope, SystemScope } from '@app/core';
import { Deal, DealInfluence, DealStatus, DealSummary, RegistrationMode, VendorOpportunity } from './deal.types';

/** The columns every deal read selects (`d` is deals); the partner's name comes from partners. */
const DEAL_COLUMNS = `d.id, d.partner_id, d.registered_by, d.registration_mode, d.customer_company, d.customer_domain,
  d.contact_name, d.contact_email, d.products, d.amount_cents::text AS amount_cents, d.currency,
  to_char(d.expected_close_date, 'YYYY-MM-DD') AS expected_close_date, d.notes, d.source_launch_id, d.source_lead_id, d.status,
  d.conflict_flagged, d.approved_at, d.protected_until, d.rejection_reason, d.final_amount_cents::text AS final_amount_cents,
  d.closed_at, d.created_at, d.updated_at`;
const DEAL_FROM = `deals d`;

export interface DealRow {
  id: string;
  partner_id: string;
  registered_by: string | null;
  registration_mode: RegistrationMode;
  customer_company: string;
  customer_domain: string;
  contact_name: string | null;
  contact_email: string | null;
  products: string[];
  amount_cents: string;
  currency: string;
  expected_close_date: string | null;
  notes: string | null;
  source_launch_id: string | null;
  source_lead_id: string | null;
  status: DealStatus;
  conflict_flagged: boolean;
  approved_at: Date | null;
  protected_until: Date | null;
  rejection_reason: string | null;
  final_amount_cents: string | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** A deal as stored: everything but its partner's name. */
export type DealRecord = Omit<Deal, 'partnerName'>;

export function toDeal(r: DealRow): DealRecord {
  return {
    id: r.id,
    partnerId: r.partner_id,
    registeredBy: r.registered_by,
    registrationMode: r.registration_mode,
    customerCompany: r.customer_company,
    customerDomain: r.customer_domain,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    products: r.products,
    amountCents: Number(r.amount_cents),
    currency: r.currency,
    expectedCloseDate: r.expected_close_date,
    notes: r.notes,
    sourceLaunchId: r.source_launch_id,
    sourceLeadId: r.source_lead_id,
    status: r.status,
    conflictFlagged: r.conflict_flagged,
    approvedAt: r.approved_at,
    protectedUntil: r.protected_until,
    rejectionReason: r.rejection_reason,
    finalAmountCents: r.final_amount_cents === null ? null : Number(r.final_amount_cents),
    closedAt: r.closed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface NewDeal {
  id?: string;
  partnerId: string;
  registeredBy: string | null;
  registrationMode: RegistrationMode;
  customerCompany: string;
  customerDomain: string;
  companyKey: string;
  contactName: string | null;
  contactEmail: string | null;
  products: string[];
  amountCents: number;
  currency: string;
  expectedCloseDate: string | null;
  notes: string | null;
  sourceLaunchId: string | null;
  sourceLeadId: string | null;
  status: DealStatus;
  approvedAt: Date | null;
  protectedUntil: Date | null;
  rejectionReason: string | null;
  finalAmountCents: number | null;
  closedAt: Date | null;
  createdAt: Date;
}

export interface MatchCandidate {
  id: string;
  companyKey: string;
  customerDomain: string;
}

export interface ConflictLink {
  conflictingDealId: string | null;
  vendorOpportunityId: string | null;
  matchedOn: 'domain' | 'company_name';
  similarity: number;
}

export interface ConflictRow extends ConflictLink {
  id: string;
  /** The deal the conflict was recorded on (the later registration). */
  dealId: string;
}

export type DealChange = Partial<Pick<Deal, 'status' | 'approvedAt' | 'protectedUntil' | 'rejectionReason' | 'finalAmountCents' | 'closedAt'>> & { approvedBy?: string };

const CHANGE_COLUMNS: Record<keyof DealChange, string> = {
  status: 'status',
  approvedAt: 'approved_at',
  approvedBy: 'approved_by',
  protectedUntil: 'protected_until',
  rejectionReason: 'rejection_reason',
  finalAmountCents: 'final_amount_cents',
  closedAt: 'closed_at',
};

/** Deal registrations and what hangs off them: conflicts, influence, vendor opportunities. */
@Injectable()
export class DealRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Serialises registrations of one customer domain until the transaction ends, so two partners
   * registering the same customer at the same moment still see each other.
   */
  async lockDomain(manager: EntityManager, domain: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('deal-domain:' || $1))`, [domain]);
  }

  async insert(manager: EntityManager, deal: NewDeal): Promise<string> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO deals (id, partner_id, registered_by, registration_mode, customer_company, customer_domain, company_key, contact_name, contact_email,
         products, amount_cents, currency, expected_close_date, notes, source_launch_id, source_lead_id, status, approved_at, protected_until,
         rejection_reason, final_amount_cents, closed_at, created_at, updated_at)
       VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23)
       RETURNING id`,
      [
        deal.id ?? null,
        deal.partnerId,
        deal.registeredBy,
        deal.registrationMode,
        deal.customerCompany,
        deal.customerDomain,
        deal.companyKey,
        deal.contactName,
        deal.contactEmail,
        JSON.stringify(deal.products),
        deal.amountCents,
        deal.currency,
        deal.expectedCloseDate,
        deal.notes,
        deal.sourceLaunchId,
        deal.sourceLeadId,
        deal.status,
        deal.approvedAt,
        deal.protectedUntil,
        deal.rejectionReason,
        deal.finalAmountCents,
        deal.closedAt,
        deal.createdAt,
      ],
    );
    return rows[0]!.id;
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM deals WHERE id = ANY($1::uuid[])`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Other partners' registrations that still hold the customer: submitted, or approved and inside
   * their protection window; same domain or a company key sharing a word (the caller scores names).
   */
  async protectedCandidates(manager: EntityManager, q: { partnerId: string; domain: string; words: string[]; now: Date }): Promise<MatchCandidate[]> {
    const rows = await manager.query<{ id: string; company_key: string; customer_domain: string }[]>(
      `SELECT id, company_key, customer_domain FROM deals
       WHERE partner_id <> $1
         AND (status = 'submitted' OR (status = 'approved' AND protected_until > $4))
         AND (customer_domain = $2 OR string_to_array(company_key, ' ') && $3::text[])
       ORDER BY (customer_domain = $2) DESC, created_at DESC
       LIMIT 500`,
      [q.partnerId, q.domain, q.words, q.now],
    );
    return rows.map((r) => ({ id: r.id, companyKey: r.company_key, customerDomain: r.customer_domain }));
  }

  async openVendorCandidates(manager: EntityManager, q: { domain: string; words: string[] }): Promise<MatchCandidate[]> {
    const rows = await manager.query<{ id: string; company_key: string; customer_domain: string }[]>(
      `SELECT id, company_key, customer_domain FROM vendor_opportunities
       WHERE status = 'open' AND (customer_domain = $1 OR string_to_array(company_key, ' ') && $2::text[])
       ORDER BY (customer_domain = $1) DESC, created_at DESC
       LIMIT 500`,
      [q.domain, q.words],
    );
    return rows.map((r) => ({ id: r.id, companyKey: r.company_key, customerDomain: r.customer_domain }));
  }

  async insertConflicts(manager: EntityManager, dealId: string, links: ConflictLink[], now: Date): Promise<void> {
    if (links.length === 0) return;
    await manager.query(
      `INSERT INTO deal_conflicts (deal_id, conflicting_deal_id, vendor_opportunity_id, matched_on, similarity, created_at)
       SELECT $1, t.deal_id, t.opportunity_id, t.matched_on, t.similarity, $6
       FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::real[]) AS t(deal_id, opportunity_id, matched_on, similarity)`,
      [dealId, links.map((l) => l.conflictingDealId), links.map((l) => l.vendorOpportunityId), links.map((l) => l.matchedOn), links.map((l) => l.similarity), now],
    );
    await manager.query(`UPDATE deals SET conflict_flagged = true WHERE id = $1`, [dealId]);
  }

  /** Records what influenced the deal (a row already recorded is kept); answers how many rows it added. */
  async insertInfluences(manager: EntityManager, dealId: string, rows: DealInfluence[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO deal_influences (deal_id, kind, ref_id, launch_id, touched_at)
       SELECT $1, t.kind, t.ref_id, t.launch_id, t.touched_at FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::timestamptz[]) AS t(kind, ref_id, launch_id, touched_at)
       ON CONFLICT DO NOTHING
       RETURNING 1`,
      [dealId, rows.map((r) => r.kind), rows.map((r) => r.id), rows.map((r) => r.launchId), rows.map((r) => r.touchedAt)],
    );
    return inserted.length;
  }

  async influencesOf(dealId: string): Promise<DealInfluence[]> {
    const rows = await this.dataSource.query<{ kind: DealInfluence['kind']; ref_id: string; launch_id: string | null; touched_at: Date }[]>(
      `SELECT kind, ref_id, launch_id, touched_at FROM deal_influences WHERE deal_id = $1 ORDER BY kind, touched_at, ref_id`,
      [dealId],
    );
    return rows.map((r) => ({ kind: r.kind, id: r.ref_id, launchId: r.launch_id, touchedAt: r.touched_at }));
  }

  /** One deal in the scope. */
  async find(scope: PartnerScope, id: string, manager: EntityManager = this.dataSource.manager): Promise<DealRecord | null> {
    const rows = await manager.query<DealRow[]>(`SELECT ${DEAL_COLUMNS} FROM ${DEAL_FROM} WHERE d.id = $1 AND ($2::uuid IS NULL OR d.partner_id = $2)`, [id, scope.partnerId]);
    return rows[0] ? toDeal(rows[0]) : null;
  }

  /** Locks the row for a status change. */
  async lock(manager: EntityManager, scope: PartnerScope, id: string): Promise<DealRecord | null> {
    const rows = await manager.query<DealRow[]>(
      `SELECT ${DEAL_COLUMNS} FROM ${DEAL_FROM} WHERE d.id = $1 AND ($2::uuid IS NULL OR d.partner_id = $2) FOR UPDATE OF d`,
      [id, scope.partnerId],
    );
    return rows[0] ? toDeal(rows[0]) : null;
  }

  async update(manager: EntityManager, id: string, change: DealChange, now: Date): Promise<DealRecord> {
    const entries = Object.entries(change) as [keyof DealChange, unknown][];
    const sets = entries.map(([key], i) => `${CHANGE_COLUMNS[key]} = $${i + 3}`);
    await manager.query(`UPDATE deals SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`, [id, now, ...entries.map(([, v]) => v)]);
    return (await this.find(SystemScope.allPartners('the row this update just wrote'), id, manager))!;
  }

  async findMany(ids: string[]): Promise<DealRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.query<DealRow[]>(`SELECT ${DEAL_COLUMNS} FROM ${DEAL_FROM} WHERE d.id = ANY($1::uuid[])`, [ids]);
    return rows.map(toDeal);
  }

  /** Newest first, keyed by (created_at, id). */
  async list(scope: PartnerScope, q: { status?: DealStatus; limit: number; before?: [string, string] }): Promise<DealRecord[]> {
    const rows = await this.dataSource.query<DealRow[]>(
      `SELECT ${DEAL_COLUMNS} FROM ${DEAL_FROM}
       WHERE ($1::uuid IS NULL OR d.partner_id = $1) AND ($2::text IS NULL OR d.status = $2)
         AND ($3::timestamptz IS NULL OR (d.created_at, d.id) < ($3::timestamptz, $4::uuid))
       ORDER BY d.created_at DESC, d.id DESC
       LIMIT $5`,
      [scope.partnerId, q.status ?? null, q.before?.[0] ?? null, q.before?.[1] ?? null, q.limit],
    );
    return rows.map(toDeal);
  }

  /** Oldest first, keyed by (created_at, id): the export's batches. */
  async exportBatch(scope: PartnerScope, after: [Date, string] | null, limit: number): Promise<DealRecord[]> {
    const rows = await this.dataSource.query<DealRow[]>(
      `SELECT ${DEAL_COLUMNS} FROM ${DEAL_FROM}
       WHERE ($1::uuid IS NULL OR d.partner_id = $1) AND ($2::timestamptz IS NULL OR (d.created_at, d.id) > ($2::timestamptz, $3::uuid))
       ORDER BY d.created_at, d.id
       LIMIT $4`,
      [scope.partnerId, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
    return rows.map(toDeal);
  }

  /** Conflicts recorded on the deal, and those other deals recorded against it. */
  async conflictsInvolving(dealIds: string[]): Promise<ConflictRow[]> {
    if (dealIds.length === 0) return [];
    const rows = await this.dataSource.query<
      { id: string; deal_id: string; conflicting_deal_id: string | null; vendor_opportunity_id: string | null; matched_on: 'domain' | 'company_name'; similarity: number }[]
    >(
      `SELECT id, deal_id, conflicting_deal_id, vendor_opportunity_id, matched_on, similarity FROM deal_conflicts
       WHERE deal_id = ANY($1::uuid[]) OR conflicting_deal_id = ANY($1::uuid[])
       ORDER BY created_at, id`,
      [dealIds],
    );
    return rows.map((r) => ({
      id: r.id,
      dealId: r.deal_id,
      conflictingDealId: r.conflicting_deal_id,
      vendorOpportunityId: r.vendor_opportunity_id,
      matchedOn: r.matched_on,
      similarity: Math.round(r.similarity * 100) / 100,
    }));
  }

  /** Submitted registrations with a flagged conflict, oldest first: the channel manager's queue. */
  async conflictQueue(limit: number, after?: [string, string]): Promise<DealRecord[]> {
    const rows = await this.dataSource.query<DealRow[]>(
      `SELECT ${DEAL_COLUMNS} FROM ${DEAL_FROM}
       WHERE d.status = 'submitted' AND d.conflict_flagged
         AND ($1::timestamptz IS NULL OR (d.created_at, d.id) > ($1::timestamptz, $2::uuid))
       ORDER BY d.created_at, d.id
       LIMIT $3`,
      [after?.[0] ?? null, after?.[1] ?? null, limit],
    );
    return rows.map(toDeal);
  }

  /** Approved deals whose protection ended, locked for the sweep (skipping rows another sweep holds). */
  async lockExpired(manager: EntityManager, now: Date, limit: number): Promise<DealRecord[]> {
    const rows = await manager.query<DealRow[]>(
      `SELECT ${DEAL_COLUMNS} FROM ${DEAL_FROM}
       WHERE d.status = 'approved' AND d.protected_until <= $1
       ORDER BY d.protected_until
       LIMIT $2
       FOR UPDATE OF d SKIP LOCKED`,
      [now, limit],
    );
    return rows.map(toDeal);
  }

  /** The deals among `ids` that belong to the partner and were registered at or after `registeredFrom`. */
  async findForPartner(partnerId: string, ids: string[], registeredFrom?: Date): Promise<DealRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.query<DealRow[]>(
      `SELECT ${DEAL_COLUMNS} FROM ${DEAL_FROM}
       WHERE d.partner_id = $1 AND d.id = ANY($2::uuid[]) AND ($3::timestamptz IS NULL OR d.created_at >= $3)
       ORDER BY d.created_at, d.id`,
      [partnerId, ids, registeredFrom ?? null],
    );
    return rows.map(toDeal);
  }

  /** Sum of final amounts of the partner's deals won with closed_at in [from, to), per currency. */
  async wonRevenue(partnerId: string, from: Date, to: Date): Promise<{ currency: string; amountCents: string; deals: number }[]> {
    return this.dataSource.query(
      `SELECT currency, sum(final_amount_cents)::text AS "amountCents", count(*)::int AS deals FROM deals
       WHERE partner_id = $1 AND status = 'won' AND closed_at >= $2 AND closed_at < $3
       GROUP BY currency ORDER BY currency`,
      [partnerId, from, to],
    );
  }

  // Vendor opportunities.

  async insertVendorOpportunity(
    manager: EntityManager,
    o: { externalId: string | null; customerCompany: string; customerDomain: string; companyKey: string; ownerName: string | null; amountCents: number | null; currency: string | null; createdBy: string; now: Date },
  ): Promise<VendorOpportunity> {
    const rows = await manager.query<VendorOpportunityRow[]>(
      `INSERT INTO vendor_opportunities (external_id, customer_company, customer_domain, company_key, owner_name, amount_cents, currency, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
       RETURNING ${OPPORTUNITY_COLUMNS}`,
      [o.externalId, o.customerCompany, o.customerDomain, o.companyKey, o.ownerName, o.amountCents, o.currency, o.createdBy, o.now],
    );
    return toOpportunity(rows[0]!);
  }

  async closeVendorOpportunity(manager: EntityManager, id: string, now: Date): Promise<VendorOpportunity | null> {
    const rows = await manager.query<VendorOpportunityRow[]>(
      `WITH closed AS (UPDATE vendor_opportunities SET status = 'closed', updated_at = $2 WHERE id = $1 RETURNING *) SELECT ${OPPORTUNITY_COLUMNS} FROM closed`,
      [id, now],
    );
    return rows[0] ? toOpportunity(rows[0]) : null;
  }

  async vendorOpportunities(q: { ids?: string[]; limit: number; after?: [string, string] }): Promise<VendorOpportunity[]> {
    const rows = await this.dataSource.query<VendorOpportunityRow[]>(
      `SELECT ${OPPORTUNITY_COLUMNS} FROM vendor_opportunities
       WHERE ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
       ORDER BY created_at, id
       LIMIT $4`,
      [q.ids ?? null, q.after?.[0] ?? null, q.after?.[1] ?? null, q.limit],
    );
    return rows.map(toOpportunity);
  }

  /** The ids among `ids` this partner registered on or after the day `since` (UTC). */
  async idsRegisteredSince(partnerId: string, ids: string[], since: string): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM deals WHERE partner_id = $1 AND id = ANY($2::uuid[]) AND created_at >= ($3::date)::timestamp AT TIME ZONE 'UTC'`,
      [partnerId, ids, since],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** These deals as other libs show them, oldest registration first. */
  async summaries(ids: string[]): Promise<DealSummary[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.query<
      { id: string; customer_company: string; status: DealStatus; amount_cents: string; final_amount_cents: string | null; currency: string; created_at: Date; closed_at: Date | null }[]
    >(`SELECT id, customer_company, status, amount_cents, final_amount_cents, currency, created_at, closed_at FROM deals WHERE id = ANY($1::uuid[]) ORDER BY created_at, id`, [ids]);
    return rows.map((r) => ({
      id: r.id,
      customerCompany: r.customer_company,
      status: r.status,
      amountCents: Number(r.amount_cents),
      finalAmountCents: r.final_amount_cents === null ? null : Number(r.final_amount_cents),
      currency: r.currency,
      createdAt: r.created_at,
      closedAt: r.closed_at,
    }));
  }

  /** Final amounts of deals won in `currency` and closed from day `from` to day `to` (inclusive, UTC), per partner among `partnerIds`. */
  async wonByPartner(partnerIds: string[], currency: string, from: string, to: string): Promise<Map<string, number>> {
    if (partnerIds.length === 0) return new Map();
    const rows = await this.dataSource.query<{ partner_id: string; won: string }[]>(
      `SELECT partner_id, sum(final_amount_cents) AS won FROM deals
       WHERE partner_id = ANY($1::uuid[]) AND status = 'won' AND currency = $2
         AND closed_at >= ($3::date)::timestamp AT TIME ZONE 'UTC' AND closed_at < (($4::date) + 1)::timestamp AT TIME ZONE 'UTC'
       GROUP BY partner_id`,
      [partnerIds, currency, from, to],
    );
    return new Map(rows.map((r) => [r.partner_id, Number(r.won)]));
  }

  /** Each partner's first registration on or after its `since` day (UTC; any when null) and its last registration, in one query. */
  async firstAndLastRegistrations(partners: { partnerId: string; since: string | null }[]): Promise<Map<string, { first: Date | null; last: Date | null }>> {
    if (partners.length === 0) return new Map();
    const rows = await this.dataSource.query<{ partner_id: string; first_deal: Date | null; last_deal: Date | null }[]>(
      `SELECT k.partner_id,
              min(d.created_at) FILTER (WHERE k.since IS NULL OR d.created_at >= (k.since)::timestamp AT TIME ZONE 'UTC') AS first_deal,
              max(d.created_at) AS last_deal
       FROM unnest($1::uuid[], $2::date[]) AS k(partner_id, since) LEFT JOIN deals d ON d.partner_id = k.partner_id
       GROUP BY k.partner_id`,
      [partners.map((p) => p.partnerId), partners.map((p) => p.since)],
    );
    return new Map(rows.map((r) => [r.partner_id, { first: r.first_deal, last: r.last_deal }]));
  }

  /**
   * Open pipeline and won revenue in `currency` of the deals these partners registered from day `from`
   * to day `to` (inclusive, UTC): partner-sourced (registered by the partner itself) and influenced
   * (touched by a launch, lead or click before registration, whoever registered it).
   */
  async sourcedAndInfluenced(partnerIds: string[], currency: string, from: string, to: string): Promise<{ sourcedPipelineCents: number; sourcedWonCents: number; influencedPipelineCents: number; influencedWonCents: number }> {
    const rows = await this.dataSource.query<{ sp: string; sw: string; ip: string; iw: string }[]>(
      `WITH d AS (
         SELECT d.status, d.amount_cents, COALESCE(d.final_amount_cents, d.amount_cents) AS won_cents, d.registration_mode = 'partner' AS sourced,
                EXISTS (SELECT 1 FROM deal_influences i WHERE i.deal_id = d.id) AS influenced
         FROM deals d
         WHERE d.partner_id = ANY($1::uuid[]) AND d.currency = $2
           AND d.created_at >= ($3::date)::timestamp AT TIME ZONE 'UTC' AND d.created_at < (($4::date) + 1)::timestamp AT TIME ZONE 'UTC')
       SELECT COALESCE(sum(amount_cents) FILTER (WHERE sourced AND status IN ('submitted', 'approved')), 0) AS sp,
              COALESCE(sum(won_cents) FILTER (WHERE sourced AND status = 'won'), 0) AS sw,
              COALESCE(sum(amount_cents) FILTER (WHERE influenced AND status IN ('submitted', 'approved')), 0) AS ip,
              COALESCE(sum(won_cents) FILTER (WHERE influenced AND status = 'won'), 0) AS iw
       FROM d`,
      [partnerIds, currency, from, to],
    );
    const r = rows[0];
    return { sourcedPipelineCents: Number(r?.sp ?? 0), sourcedWonCents: Number(r?.sw ?? 0), influencedPipelineCents: Number(r?.ip ?? 0), influencedWonCents: Number(r?.iw ?? 0) };
  }
}

const OPPORTUNITY_COLUMNS = `id, external_id, customer_company, customer_domain, owner_name, amount_cents::text AS amount_cents, currency, status, created_at`;

interface VendorOpportunityRow {
  id: string;
  external_id: string | null;
  customer_company: string;
  customer_domain: string;
  owner_name: string | null;
  amount_cents: string | null;
  currency: string | null;
  status: 'open' | 'closed';
  created_at: Date;
}

function toOpportunity(r: VendorOpportunityRow): VendorOpportunity {
  return {
    id: r.id,
    externalId: r.external_id,
    customerCompany: r.customer_company,
    customerDomain: r.customer_domain,
    ownerName: r.owner_name,
    amountCents: r.amount_cents === null ? null : Number(r.amount_cents),
    currency: r.currency,
    status: r.status,
    createdAt: r.created_at,
  };
}
