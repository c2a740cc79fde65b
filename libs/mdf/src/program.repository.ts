import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Program } from './mdf.types';

interface ProgramRow {
  id: string;
  name: string;
  period_start: string;
  period_end: string;
  currency: string;
  grace_days: number;
  claim_deadline_days: number;
  accrual_bps: number;
  accrual_start: string | null;
  accrual_end: string | null;
  expires_at: Date;
  expired_at: Date | null;
  created_at: Date;
  tier_amounts: { tierId: string; amountCents: number }[];
}

const PROGRAM_SELECT = `
  SELECT p.id, p.name, p.period_start::text AS period_start, p.period_end::text AS period_end, p.currency, p.grace_days,
         p.claim_deadline_days, p.accrual_bps, p.accrual_start::text AS accrual_start, p.accrual_end::text AS accrual_end,
         ((p.period_end + p.grace_days + 1)::timestamp AT TIME ZONE 'UTC') AS expires_at, p.expired_at, p.created_at,
         COALESCE((SELECT json_agg(json_build_object('tierId', a.tier_id, 'amountCents', a.amount_cents) ORDER BY a.tier_id)
                   FROM mdf_program_tier_amounts a WHERE a.program_id = p.id), '[]'::json) AS tier_amounts
  FROM mdf_programs p`;

const toProgram = (r: ProgramRow): Program => ({
  id: r.id,
  name: r.name,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  currency: r.currency,
  graceDays: r.grace_days,
  claimDeadlineDays: r.claim_deadline_days,
  accrualBps: r.accrual_bps,
  accrualStart: r.accrual_start,
  accrualEnd: r.accrual_end,
  tierAmounts: r.tier_amounts.map((t) => ({ tierId: t.tierId, amountCents: Number(t.amountCents) })),
  expiresAt: r.expires_at,
  expiredAt: r.expired_at,
  createdAt: r.created_at,
});

export interface NewProgram {
  name: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  graceDays: number;
  claimDeadlineDays: number;
  accrualBps: number;
  accrualStart: string | null;
  accrualEnd: string | null;
  tierAmounts: { tierId: string; amountCents: number }[];
  createdBy: string;
}

/** Fund programs and their allocation rules (tier amounts). */
@Injectable()
export class ProgramRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, p: NewProgram, now: Date): Promise<string> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO mdf_programs (name, period_start, period_end, currency, grace_days, claim_deadline_days, accrual_bps, accrual_start, accrual_end, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
      [p.name, p.periodStart, p.periodEnd, p.currency, p.graceDays, p.claimDeadlineDays, p.accrualBps, p.accrualStart, p.accrualEnd, p.createdBy, now],
    );
    const id = rows[0]!.id;
    if (p.tierAmounts.length > 0) {
      await manager.query(`INSERT INTO mdf_program_tier_amounts (program_id, tier_id, amount_cents) SELECT $1, t.tier_id, t.amount FROM unnest($2::uuid[], $3::bigint[]) AS t(tier_id, amount)`, [
        id,
        p.tierAmounts.map((t) => t.tierId),
        p.tierAmounts.map((t) => t.amountCents),
      ]);
    }
    return id;
  }

  async find(id: string, manager?: EntityManager): Promise<Program | null> {
    const rows = await (manager ?? this.dataSource.manager).query<ProgramRow[]>(`${PROGRAM_SELECT} WHERE p.id = $1`, [id]);
    return rows[0] ? toProgram(rows[0]) : null;
  }

  async list(): Promise<Program[]> {
    const rows = await this.dataSource.query<ProgramRow[]>(`${PROGRAM_SELECT} ORDER BY p.period_start DESC, p.id LIMIT 500`);
    return rows.map(toProgram);
  }

  /** Programs whose funds are due to expire (period end + grace days has passed) and have not yet been swept. */
  async dueForExpiry(now: Date): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM mdf_programs WHERE expired_at IS NULL AND ((period_end + grace_days + 1)::timestamp AT TIME ZONE 'UTC') <= $1 ORDER BY period_end, id LIMIT 100`,
      [now],
    );
    return rows.map((r) => r.id);
  }

  async markExpired(id: string, now: Date): Promise<void> {
    await this.dataSource.query(`UPDATE mdf_programs SET expired_at = $2, updated_at = $2 WHERE id = $1 AND expired_at IS NULL`, [id, now]);
  }
}
