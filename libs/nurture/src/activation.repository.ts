import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** The activation program's record per partner: enrolled once, or known to have registered a deal. */
@Injectable()
export class ActivationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Which of these partners the program has already seen (enrolled, or known to have registered a deal), in one query. */
  async known(partnerIds: string[]): Promise<Set<string>> {
    if (partnerIds.length === 0) return new Set();
    const rows = await this.dataSource.query<{ partner_id: string }[]>(`SELECT partner_id FROM activation_partners WHERE partner_id = ANY($1::uuid[])`, [partnerIds]);
    return new Set(rows.map((r) => r.partner_id));
  }

  /** Claims the partner for the program once; false when another sweep (or a deal) got there first. */
  async claim(manager: EntityManager, partnerId: string, now: Date): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`INSERT INTO activation_partners (partner_id, enrolled_at) VALUES ($1, $2) ON CONFLICT (partner_id) DO NOTHING RETURNING partner_id`, [partnerId, now]);
    return rows.length > 0;
  }

  async recordDeal(manager: EntityManager, partnerId: string, now: Date): Promise<void> {
    await manager.query(
      `INSERT INTO activation_partners (partner_id, first_deal_at) VALUES ($1, $2)
       ON CONFLICT (partner_id) DO UPDATE SET first_deal_at = COALESCE(activation_partners.first_deal_at, EXCLUDED.first_deal_at)`,
      [partnerId, now],
    );
  }
}
