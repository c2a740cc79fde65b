import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { humanClickSql } from '@app/links';
import type { Eligibility } from '@app/partners';

/** A time window [start, end) and an optional kit. */
export interface DashboardScope {
  start: Date;
  end: Date;
  kitId: string | null;
}

export interface WeeklyCounts {
  /** The Monday of the ISO week (UTC). */
  week: string;
  clicksRaw: number;
  clicksFiltered: number;
  leads: number;
}

export interface WeeklyActivity {
  week: string;
  partners: number;
  activePartners: number;
}

export interface FunnelCounts {
  launches: number;
  partnersWithClicks: number;
  leads: number;
  registeredDeals: number;
  wonDeals: number;
}

// The kit's launches, or every launch: the clicks, leads and deals of a kit are those of its launches.
const KIT_LAUNCHES = 'SELECT id FROM launches WHERE kit_id = $3';
const HUMAN = humanClickSql('c');

/**
 * The read side of the vendor dashboard: one aggregate per chart over campaigns, links, leads and
 * deals, grouped by ISO week in the database, never a query per partner or per week.
 */
@Injectable()
export class DashboardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Raw and filtered clicks and leads per ISO week (UTC) in the window. */
  async weekly(scope: DashboardScope): Promise<WeeklyCounts[]> {
    const rows = await this.dataSource.query<{ week: string; raw: number; filtered: number; leads: number }[]>(
      `WITH clicks AS (
         SELECT date_trunc('week', c.at AT TIME ZONE 'UTC')::date AS week, count(*)::int AS raw, (count(*) FILTER (WHERE ${HUMAN}))::int AS filtered
         FROM link_clicks c
         WHERE c.at >= $1 AND c.at < $2 AND ($3::uuid IS NULL OR c.launch_id IN (${KIT_LAUNCHES}))
         GROUP BY 1),
       captured AS (
         SELECT date_trunc('week', l.created_at AT TIME ZONE 'UTC')::date AS week, count(*)::int AS leads
         FROM leads l
         WHERE l.created_at >= $1 AND l.created_at < $2 AND ($3::uuid IS NULL OR l.launch_id IN (${KIT_LAUNCHES}))
         GROUP BY 1)
       SELECT COALESCE(clicks.week, captured.week)::text AS week, COALESCE(clicks.raw, 0) AS raw, COALESCE(clicks.filtered, 0) AS filtered, COALESCE(captured.leads, 0) AS leads
       FROM clicks FULL JOIN captured ON captured.week = clicks.week`,
      [scope.start, scope.end, scope.kitId],
    );
    return rows.map((r) => ({ week: r.week, clicksRaw: r.raw, clicksFiltered: r.filtered, leads: r.leads }));
  }

  /**
   * Per ISO week: partners with status active signed by the end of the week, and how many of them had
   * a launch, a filtered click, a lead or a registered deal in that week (inside the window).
   */
  async activity(start: Date, end: Date, mondays: string[]): Promise<WeeklyActivity[]> {
    if (mondays.length === 0) return [];
    const rows = await this.dataSource.query<{ week: string; partners: number; active: number }[]>(
      `WITH base AS (SELECT id, signed_at FROM partners WHERE status = 'active'),
       activity AS (
         SELECT partner_id, date_trunc('week', created_at AT TIME ZONE 'UTC')::date AS week FROM launches WHERE created_at >= $1 AND created_at < $2
         UNION SELECT c.partner_id, date_trunc('week', c.at AT TIME ZONE 'UTC')::date FROM link_clicks c WHERE c.at >= $1 AND c.at < $2 AND ${HUMAN}
         UNION SELECT partner_id, date_trunc('week', created_at AT TIME ZONE 'UTC')::date FROM leads WHERE created_at >= $1 AND created_at < $2
         UNION SELECT partner_id, date_trunc('week', created_at AT TIME ZONE 'UTC')::date FROM deals WHERE created_at >= $1 AND created_at < $2)
       SELECT w.week::text AS week,
              (SELECT count(*)::int FROM base b WHERE b.signed_at IS NULL OR b.signed_at < w.week + 7) AS partners,
              (SELECT count(DISTINCT a.partner_id)::int FROM activity a JOIN base b ON b.id = a.partner_id
                WHERE a.week = w.week AND (b.signed_at IS NULL OR b.signed_at < w.week + 7)) AS active
       FROM unnest($3::date[]) AS w(week)
       ORDER BY w.week`,
      [start, end, mondays],
    );
    return rows.map((r) => ({ week: r.week, partners: r.partners, activePartners: r.active }));
  }

  /** Launches → partners with filtered clicks → leads → registered deals → won deals, in the window. */
  async funnel(scope: DashboardScope): Promise<FunnelCounts> {
    const rows = await this.dataSource.query<{ launches: number; partners: number; leads: number; deals: number; won: number }[]>(
      `SELECT
         (SELECT count(*)::int FROM launches WHERE created_at >= $1 AND created_at < $2 AND ($3::uuid IS NULL OR kit_id = $3)) AS launches,
         (SELECT count(DISTINCT c.partner_id)::int FROM link_clicks c
           WHERE c.at >= $1 AND c.at < $2 AND ${HUMAN} AND ($3::uuid IS NULL OR c.launch_id IN (${KIT_LAUNCHES}))) AS partners,
         (SELECT count(*)::int FROM leads WHERE created_at >= $1 AND created_at < $2 AND ($3::uuid IS NULL OR launch_id IN (${KIT_LAUNCHES}))) AS leads,
         d.deals, d.won
       FROM (
         SELECT count(*)::int AS deals, (count(*) FILTER (WHERE d.status = 'won'))::int AS won
         FROM deals d
         WHERE d.created_at >= $1 AND d.created_at < $2
           AND ($3::uuid IS NULL OR d.source_launch_id IN (${KIT_LAUNCHES})
                OR EXISTS (SELECT 1 FROM deal_influences i WHERE i.deal_id = d.id AND i.launch_id IN (${KIT_LAUNCHES})))) d`,
      [scope.start, scope.end, scope.kitId],
    );
    const r = rows[0];
    return { launches: r?.launches ?? 0, partnersWithClicks: r?.partners ?? 0, leads: r?.leads ?? 0, registeredDeals: r?.deals ?? 0, wonDeals: r?.won ?? 0 };
  }

  /** Published and retired kits with the name of their latest published version, by name. */
  kits(): Promise<{ id: string; name: string; status: 'published' | 'retired' }[]> {
    return this.dataSource.query(
      `SELECT k.id, v.name, k.status FROM kits k
       JOIN LATERAL (SELECT name FROM kit_versions WHERE kit_id = k.id AND status = 'published' ORDER BY version DESC LIMIT 1) v ON true
       WHERE k.status IN ('published', 'retired')
       ORDER BY lower(v.name), k.id`,
    );
  }

  /** The eligibility of the latest published version of every published kit. */
  async publishedEligibility(): Promise<Eligibility[]> {
    const rows = await this.dataSource.query<{ eligibility: Eligibility }[]>(
      `SELECT DISTINCT ON (v.kit_id) v.eligibility FROM kit_versions v JOIN kits k ON k.id = v.kit_id
       WHERE k.status = 'published' AND v.status = 'published' ORDER BY v.kit_id, v.version DESC`,
    );
    return rows.map((r) => r.eligibility);
  }

  /** Partners that can be offered a kit (active or onboarding), with what eligibility reads. */
  partnersForEligibility(): Promise<{ id: string; tierId: string; region: string }[]> {
    return this.dataSource.query(`SELECT id, tier_id AS "tierId", region FROM partners WHERE status IN ('active', 'onboarding') ORDER BY id`);
  }

  /** Every tier with the number of its partners that launched any published kit. */
  async launchedByTier(): Promise<{ tierId: string; tierName: string; launched: number }[]> {
    return this.dataSource.query(
      `SELECT t.id AS "tierId", t.name AS "tierName", count(DISTINCT l.partner_id)::int AS launched
       FROM tiers t
       LEFT JOIN partners p ON p.tier_id = t.id
       LEFT JOIN launches l ON l.partner_id = p.id AND l.kit_id IN (SELECT id FROM kits WHERE status = 'published')
       GROUP BY t.id, t.name, t.rank
       ORDER BY t.rank`,
    );
  }

  /** Signed partners (not prospects) with their first deal registered since signing, if any. */
  async firstDeals(): Promise<{ signedAt: string; firstDealAt: Date | null }[]> {
    const rows = await this.dataSource.query<{ signed_at: string; first_deal: Date | null }[]>(
      `SELECT p.signed_at::text AS signed_at,
              min(d.created_at) FILTER (WHERE d.created_at >= (p.signed_at)::timestamp AT TIME ZONE 'UTC') AS first_deal
       FROM partners p LEFT JOIN deals d ON d.partner_id = p.id
       WHERE p.signed_at IS NOT NULL AND p.status <> 'prospect'
       GROUP BY p.id, p.signed_at`,
    );
    return rows.map((r) => ({ signedAt: r.signed_at, firstDealAt: r.first_deal }));
  }
}
