import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SuppressionReason } from '@app/contacts';

/**
 * The two suppression lists checked at send time: the partner's (an unsubscribe from one
 * partner's mail) and the global one (a hard bounce, a complaint, or "stop all mail"). The first
 * reason recorded for an address stays.
 */
@Injectable()
export class SuppressionService {
  constructor(private readonly dataSource: DataSource) {}

  /** Normalised address → reason, for the addresses the partner (or everyone) must not email. */
  async suppressed(partnerId: string, emailsNormalised: string[], manager?: EntityManager): Promise<Map<string, SuppressionReason>> {
    if (emailsNormalised.length === 0) return new Map();
    const rows = await (manager ?? this.dataSource.manager).query<{ email: string; reason: SuppressionReason }[]>(
      `SELECT email_normalised AS email, reason FROM global_suppressions WHERE email_normalised = ANY($2)
       UNION ALL
       SELECT email_normalised, reason FROM suppressions WHERE partner_id = $1 AND email_normalised = ANY($2)`,
      [partnerId, emailsNormalised],
    );
    const result = new Map<string, SuppressionReason>();
    for (const row of rows) if (!result.has(row.email)) result.set(row.email, row.reason);
    return result;
  }

  /** `partnerId` null: the global list. */
  async suppress(partnerId: string | null, emailNormalised: string, reason: SuppressionReason, manager?: EntityManager): Promise<void> {
    const m = manager ?? this.dataSource.manager;
    if (partnerId === null) {
      await m.query(`INSERT INTO global_suppressions (email_normalised, reason) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [emailNormalised, reason]);
    } else {
      await m.query(`INSERT INTO suppressions (partner_id, email_normalised, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [partnerId, emailNormalised, reason]);
    }
  }
}
