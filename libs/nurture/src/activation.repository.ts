import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** The activation program's record per partner, and the partners it is due for. */
@Injectable()
export class ActivationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Partners signed on or before `signedBy` (a date) that the program has not seen: neither enrolled
   * nor known to have registered a deal. Uses the partial index on signed_at.
   */
  async duePartners(signedBy: string, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT p.id FROM partners p
       WHERE p.signed_at IS NOT NULL AND p.signed_at <= $1::date AND p.status <> 'inactive'
         AND NOT EXISTS (SELECT 1 FROM activation_partners a WHERE a.partner_id = p.id)
       ORDER BY p.signed_at, p.id LIMIT $2`,
      [signedBy, limit],
    );
    return rows.map((r) => r.id);
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

  /** The partner's active admins: who the program writes to. */
  async activeAdmins(partnerId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await (manager ?? this.dataSource.manager).query<{ id: string }[]>(
      `SELECT id FROM users WHERE partner_id = $1 AND role = 'partner_admin' AND status = 'active' ORDER BY created_at, id`,
      [partnerId],
    );
    return rows.map((r) => r.id);
  }

  /** The vendor admin the built-in content is published as (templates record who published them). */
  async firstVendorAdmin(): Promise<{ id: string; email: string; name: string } | null> {
    const rows = await this.dataSource.query<{ id: string; email: string; name: string }[]>(
      `SELECT id, email, name FROM users WHERE role = 'vendor_admin' AND status = 'active' ORDER BY created_at, id LIMIT 1`,
    );
    return rows[0] ?? null;
  }
}
