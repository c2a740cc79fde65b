import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PartnerScope } from '@app/core';
import { PartnerFundRow } from './mdf.types';

export interface PartnerActivationRow {
  partnerId: string;
  signedAt: string | null;
  firstDealAt: Date | null;
  lastDealAt: Date | null;
}

/** The read side of program metrics: one query per figure family, never one per partner. */
@Injectable()
export class MetricsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Per partner of the program in the scope: fund totals, claims and MDF-linked deals in the program's currency. */
  async partnerFunds(programId: string, scope: PartnerScope): Promise<PartnerFundRow[]> {
    const rows = await this.dataSource.query<
      { partner_id: string; name: string; currency: string; allocated: string; reserved: string; settled: string; expired: string; claimed: string; paid: string; pipeline: string; won: string }[]
    >(
      `SELECT a.partner_id, p.name, a.currency,
              a.allocated_cents + a.adjusted_cents AS allocated, a.reserved_cents AS reserved, a.settled_cents AS settled, a.expired_cents AS expired,
              COALESCE((SELECT sum(c.actual_spend_cents) FROM mdf_claims c WHERE c.program_id = a.program_id AND c.partner_id = a.partner_id AND c.status <> 'rejected'), 0) AS claimed,
              COALESCE((SELECT sum(c.approved_cents) FROM mdf_claims c WHERE c.program_id = a.program_id AND c.partner_id = a.partner_id AND c.status = 'paid'), 0) AS paid,
              COALESCE((SELECT sum(d.amount_cents) FROM deals d WHERE d.currency = a.currency AND d.status IN ('submitted', 'approved') AND d.id IN (
                 SELECT cd.deal_id FROM mdf_claim_deals cd JOIN mdf_claims c ON c.id = cd.claim_id
                 WHERE c.program_id = a.program_id AND c.partner_id = a.partner_id AND c.status <> 'rejected')), 0) AS pipeline,
              COALESCE((SELECT sum(COALESCE(d.final_amount_cents, d.amount_cents)) FROM deals d WHERE d.currency = a.currency AND d.status = 'won' AND d.id IN (
                 SELECT cd.deal_id FROM mdf_claim_deals cd JOIN mdf_claims c ON c.id = cd.claim_id
                 WHERE c.program_id = a.program_id AND c.partner_id = a.partner_id AND c.status <> 'rejected')), 0) AS won
       FROM mdf_fund_accounts a JOIN partners p ON p.id = a.partner_id
       WHERE a.program_id = $1 AND ($2::uuid IS NULL OR a.partner_id = $2)
       ORDER BY lower(p.name), p.id`,
      [programId, scope.partnerId],
    );
    return rows.map((r) => ({
      partnerId: r.partner_id,
      partnerName: r.name,
      currency: r.currency,
      allocatedCents: Number(r.allocated),
      reservedCents: Number(r.reserved),
      settledCents: Number(r.settled),
      expiredCents: Number(r.expired),
      claimedCents: Number(r.claimed),
      paidCents: Number(r.paid),
      pipelineCents: Number(r.pipeline),
      wonCents: Number(r.won),
    }));
  }

  /** Signing date, first deal registered since signing, and last deal registration of each partner in the program. */
  async activation(programId: string): Promise<PartnerActivationRow[]> {
    const rows = await this.dataSource.query<{ partner_id: string; signed_at: string | null; first_deal: Date | null; last_deal: Date | null }[]>(
      `SELECT a.partner_id, p.signed_at::text AS signed_at,
              min(d.created_at) FILTER (WHERE p.signed_at IS NULL OR d.created_at >= (p.signed_at)::timestamp AT TIME ZONE 'UTC') AS first_deal,
              max(d.created_at) AS last_deal
       FROM mdf_fund_accounts a JOIN partners p ON p.id = a.partner_id LEFT JOIN deals d ON d.partner_id = a.partner_id
       WHERE a.program_id = $1 GROUP BY a.partner_id, p.signed_at ORDER BY a.partner_id`,
      [programId],
    );
    return rows.map((r) => ({ partnerId: r.partner_id, signedAt: r.signed_at, firstDealAt: r.first_deal, lastDealAt: r.last_deal }));
  }

  /**
   * Pipeline (open) and won revenue of deals the program's partners registered during the period,
   * in its currency: partner-sourced (registered by the partner itself) and influenced (touched by
   * a launch, lead or click before registration, whoever registered it).
   */
  async pipeline(programId: string): Promise<{ sourcedPipelineCents: number; sourcedWonCents: number; influencedPipelineCents: number; influencedWonCents: number }> {
    const rows = await this.dataSource.query<{ sp: string; sw: string; ip: string; iw: string }[]>(
      `WITH d AS (
         SELECT d.status, d.amount_cents, COALESCE(d.final_amount_cents, d.amount_cents) AS won_cents, d.registration_mode = 'partner' AS sourced,
                EXISTS (SELECT 1 FROM deal_influences i WHERE i.deal_id = d.id) AS influenced
         FROM mdf_programs g JOIN mdf_fund_accounts a ON a.program_id = g.id JOIN deals d ON d.partner_id = a.partner_id AND d.currency = g.currency
         WHERE g.id = $1 AND d.created_at >= (g.period_start)::timestamp AT TIME ZONE 'UTC' AND d.created_at < (g.period_end + 1)::timestamp AT TIME ZONE 'UTC')
       SELECT COALESCE(sum(amount_cents) FILTER (WHERE sourced AND status IN ('submitted', 'approved')), 0) AS sp,
              COALESCE(sum(won_cents) FILTER (WHERE sourced AND status = 'won'), 0) AS sw,
              COALESCE(sum(amount_cents) FILTER (WHERE influenced AND status IN ('submitted', 'approved')), 0) AS ip,
              COALESCE(sum(won_cents) FILTER (WHERE influenced AND status = 'won'), 0) AS iw
       FROM d`,
      [programId],
    );
    const r = rows[0];
    return { sourcedPipelineCents: Number(r?.sp ?? 0), sourcedWonCents: Number(r?.sw ?? 0), influencedPipelineCents: Number(r?.ip ?? 0), influencedWonCents: Number(r?.iw ?? 0) };
  }
}
