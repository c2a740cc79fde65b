import { Injectable } from '@nestjs/common';
import { DealRepository } from './deal.repository';

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
}
