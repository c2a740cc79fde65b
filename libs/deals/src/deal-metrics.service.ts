import { Injectable } from '@nestjs/common';
import { DealRepository } from './deal.repository';
import { DealSummary } from './deal.types';

export interface WonRevenue {
  currency: string;
  amountCents: number;
  deals: number;
}

/** Program metrics over registered deals, for other libs (MDF accrual, reviews). */
@Injectable()
export class DealMetrics {
  constructor(private readonly deals: DealRepository) {}

  /** Won revenue of a partner: final amounts of deals won with closed_at in [from, to), per currency. */
  async wonRevenue(partnerId: string, from: Date, to: Date): Promise<WonRevenue[]> {
    const rows = await this.deals.wonRevenue(partnerId, from, to);
    return rows.map((r) => {
      const amountCents = Number(r.amountCents);
      if (!Number.isSafeInteger(amountCents)) throw new Error(`won revenue of partner ${partnerId} in ${r.currency} exceeds the safe integer range`);
      return { currency: r.currency, amountCents, deals: r.deals };
    });
  }

  /** The ids among `dealIds` this partner registered on or after the day `since` (YYYY-MM-DD, UTC): what an MDF claim may link. */
  registeredSince(partnerId: string, dealIds: string[], since: string): Promise<Set<string>> {
    return this.deals.idsRegisteredSince(partnerId, dealIds, since);
  }

  /** These deals' amounts, status and dates, oldest registration first, in one query. */
  summaries(dealIds: string[]): Promise<DealSummary[]> {
    return this.deals.summaries(dealIds);
  }

  /** Won revenue in one currency of each of these partners, deals closed from day `from` to day `to` (inclusive, UTC), in one query; 0 for a partner without any. */
  async wonByPartner(partnerIds: string[], currency: string, from: string, to: string): Promise<Map<string, number>> {
    const won = await this.deals.wonByPartner(partnerIds, currency, from, to);
    return new Map(partnerIds.map((id) => [id, won.get(id) ?? 0]));
  }

  /** Each partner's first registration on or after its `since` day (UTC; any when null) and its last one, in one query. */
  firstAndLastRegistrations(partners: { partnerId: string; since: string | null }[]): Promise<Map<string, { first: Date | null; last: Date | null }>> {
    return this.deals.firstAndLastRegistrations(partners);
  }

  /** Partner-sourced and influenced open pipeline and won revenue in one currency of these partners' registrations from day `from` to day `to` (inclusive, UTC). */
  sourcedAndInfluenced(partnerIds: string[], currency: string, from: string, to: string): Promise<{ sourcedPipelineCents: number; sourcedWonCents: number; influencedPipelineCents: number; influencedWonCents: number }> {
    return this.deals.sourcedAndInfluenced(partnerIds, currency, from, to);
  }
}
