import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PartnerScope } from '@app/core';

/** One partner's fund totals and claims in a program, and the deals its claims link (figures of those come from deals). */
export interface PartnerFundTotals {
  partnerId: string;
  currency: string;
  allocatedCents: number;
  reservedCents: number;
  settledCents: number;
  expiredCents: number;
  claimedCents: number;
  paidCents: number;
  /** Distinct deals linked by the partner's claims in the program that were not rejected. */
  linkedDealIds: string[];
}

/** The read side of program metrics: one query per figure family, never one per partner. */
@Injectable()
export class MetricsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Per partner of the program in the scope: fund totals, claims and the deals they link. */
  async partnerFunds(programId: string, scope: PartnerScope): Promise<PartnerFundTotals[]> {
    const rows = await this.dataSource.query<
      { partner_id: string; currency: string; allocated: string; reserved: string; settled: string; expired: string; claimed: string; paid: string; deal_ids: string[] }[]
    >(
      `SELECT a.partner_id, a.currency,
              a.allocated_cents + a.adjusted_cents AS allocated, a.reserved_cents AS reserved, a.settled_cents AS settled, a.expired_cents AS expired,
              COALESCE((SELECT sum(c.actual_spend_cents) FROM mdf_claims c WHERE c.program_id = a.program_id AND c.partner_id = a.partner_id AND c.status <> 'rejected'), 0) AS claimed,
              COALESCE((SELECT sum(c.approved_cents) FROM mdf_claims c WHERE c.program_id = a.program_id AND c.partner_id = a.partner_id AND c.status = 'paid'), 0) AS paid,
              ARRAY(SELECT DISTINCT cd.deal_id::text FROM mdf_claim_deals cd JOIN mdf_claims c ON c.id = cd.claim_id
                    WHERE c.program_id = a.program_id AND c.partner_id = a.partner_id AND c.status <> 'rejected') AS deal_ids
       FROM mdf_fund_accounts a
       WHERE a.program_id = $1 AND ($2::uuid IS NULL OR a.partner_id = $2)`,
      [programId, scope.partnerId],
    );
    return rows.map((r) => ({
      partnerId: r.partner_id,
      currency: r.currency,
      allocatedCents: Number(r.allocated),
      reservedCents: Number(r.reserved),
      settledCents: Number(r.settled),
      expiredCents: Number(r.expired),
      claimedCents: Number(r.claimed),
      paidCents: Number(r.paid),
      linkedDealIds: r.deal_ids,
    }));
  }

  /** The partners with a fund account in the program, by id. */
  async partnerIds(programId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ partner_id: string }[]>(`SELECT partner_id FROM mdf_fund_accounts WHERE program_id = $1 ORDER BY partner_id`, [programId]);
    return rows.map((r) => r.partner_id);
  }
}
