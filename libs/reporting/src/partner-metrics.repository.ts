import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { containsPattern } from '@app/core';
import { humanClickSql } from '@app/links';
import type { PartnerStatus, Region } from '@app/partners';
import type { PartnerActivityKind, PartnerMetricsSort } from './partner-metrics.dto';

export interface PartnerMetricsFilter {
  q?: string;
  tierId?: string;
  region?: Region;
  status?: PartnerStatus;
  /** One partner (its detail page). */
  partnerId?: string;
}

/**
 * Where a row stands in its sort: every sort is ascending on (flag, key, lower(name), id), where
 * flag 1 puts the partners without the figure last, so one row comparison pages through any sort.
 */
export interface PartnerMetricsKey {
  flag: number;
  /** A numeric, as text so no precision is lost on the way through the cursor. */
  key: string;
  name: string;
  id: string;
}

export interface PartnerMetricsRow {
  id: string;
  name: string;
  tierId: string;
  tierName: string;
  region: Region;
  status: PartnerStatus;
  signedAt: string | null;
  firstDealAt: Date | null;
  timeToFirstDealDays: number | null;
  lastActivityAt: Date | null;
  lastActivity: PartnerActivityKind | null;
  liveLaunches: number;
  deals: number;
  sortKey: PartnerMetricsKey;
}

// The sort key of each sort over a row's `ttfd` and `last_at`. Fixed strings chosen by the service, never input.
const SORT_KEYS: Record<PartnerMetricsSort, { flag: string; key: string }> = {
  name: { flag: '0', key: '0::numeric' },
  // Most recent first: ascending on minus the epoch.
  lastActivity: { flag: '(f.last_at IS NULL)::int', key: 'COALESCE(-extract(epoch FROM f.last_at), 0)' },
  timeToFirstDeal: { flag: '(f.ttfd IS NULL)::int', key: 'COALESCE(f.ttfd, 0)::numeric' },
};

// The figures, each a lateral over the partner row `p`.
const DEALS = `CROSS JOIN LATERAL (
  SELECT count(*)::int AS deals, min(created_at) AS first_at, max(created_at) AS last_at,
         min(created_at) FILTER (WHERE created_at >= (p.signed_at::timestamp AT TIME ZONE 'UTC')) AS first_since
  FROM deals WHERE partner_id = p.id) d`;
const TTFD = `floor(extract(epoch FROM d.first_since - (p.signed_at::timestamp AT TIME ZONE 'UTC')) / 86400)::int`;
const ACTIVITY = `${DEALS}
  CROSS JOIN LATERAL (
    SELECT (count(*) FILTER (WHERE status <> 'ended'))::int AS live, max(created_at) AS last_at FROM launches WHERE partner_id = p.id) l
  CROSS JOIN LATERAL (SELECT max(created_at) AS last_at FROM leads WHERE partner_id = p.id) le
  CROSS JOIN LATERAL (SELECT max(submitted_at) AS last_at FROM mdf_requests WHERE partner_id = p.id) mr
  CROSS JOIN LATERAL (SELECT max(submitted_at) AS last_at FROM mdf_claims WHERE partner_id = p.id) mc
  CROSS JOIN LATERAL (SELECT max(last_login_at) AS last_at FROM users WHERE partner_id = p.id) u
  CROSS JOIN LATERAL (
    -- The newest human click of each of its links (link_clicks has no partner index, by design),
    -- looked for only from the partner's latest other activity on: an older click changes neither
    -- the latest activity nor its kind, and a link without a newer click costs no row fetch.
    SELECT max(x.at) AS last_at FROM trackable_links tl
    CROSS JOIN LATERAL (
      SELECT c.at FROM link_clicks c
      WHERE c.link_id = tl.id AND c.at >= COALESCE(GREATEST(d.last_at, le.last_at, l.last_at, mr.last_at, mc.last_at, u.last_at), '-infinity')
        AND ${humanClickSql('c')}
      ORDER BY c.at DESC LIMIT 1) x
    WHERE tl.partner_id = p.id) clk`;
const LAST_AT = 'GREATEST(d.last_at, le.last_at, clk.last_at, l.last_at, mr.last_at, mc.last_at, u.last_at)';

/**
 * The partners list of the vendor: each partner's tier, activation and latest activity, in one
 * query per page whatever the page size. Every figure is a lateral aggregate over an index that
 * starts with the partner (or its links, for clicks), never a query per partner.
 */
@Injectable()
export class PartnerMetricsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page in the sort's order after `after`, `limit` rows at most. */
  async page(filter: PartnerMetricsFilter, sort: PartnerMetricsSort, page: { limit: number; after?: PartnerMetricsKey }): Promise<PartnerMetricsRow[]> {
    const { where, params } = this.where(filter);
    const n = params.length;
    const cursor = page.after ? [page.after.flag, page.after.key, page.after.name, page.after.id] : [null, null, null, null];
    const after = `($${n + 1}::int IS NULL OR (k.sort_flag, k.sort_key, lower(k.name), k.id) > ($${n + 1}::int, $${n + 2}::numeric, $${n + 3}::text, $${n + 4}::uuid))`;
    const limit = `$${n + 5}::int`;
    const { flag, key } = SORT_KEYS[sort];
    // The page is chosen on the sort's own figure, computed for every filtered partner only when the
    // sort needs it (by name, never; by time to first deal, deals only); the page's partners alone
    // are then measured in full.
    const ranked = (figure: string, laterals: string) =>
      `SELECT k.id, k.name, k.tier_id, k.region, k.status, k.signed_at FROM (
         SELECT f.*, ${flag} AS sort_flag, ${key} AS sort_key FROM (SELECT p.*, ${figure} FROM filtered p ${laterals}) f) k
       WHERE ${after} ORDER BY k.sort_flag, k.sort_key, lower(k.name), k.id LIMIT ${limit}`;
    const candidates =
      sort === 'name'
        ? `SELECT * FROM filtered k WHERE ($${n + 1}::int IS NULL OR (lower(k.name), k.id) > ($${n + 3}::text, $${n + 4}::uuid)) ORDER BY lower(k.name), k.id LIMIT ${limit}`
        : sort === 'timeToFirstDeal'
          ? ranked(`${TTFD} AS ttfd`, DEALS)
          : ranked(`${LAST_AT} AS last_at`, ACTIVITY);
    // Thousands of small index probes: JIT has nothing to speed up, and its compile time (a quarter of
    // the by-activity page at 2,000 partners on a server with JIT on, see bench/reporting.ts) grows
    // several-fold once the cost estimate passes jit_optimize_above_cost. Off for this statement only.
    const rows = await this.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL jit = off');
      return manager.query<RawRow[]>(
        `WITH filtered AS (
           SELECT p.id, p.name, p.tier_id, p.region, p.status, p.signed_at FROM partners p WHERE ${where}),
         candidates AS (${candidates}),
         measured AS (
           SELECT p.*, t.name AS tier_name, d.deals, d.first_at AS first_deal_at, ${TTFD} AS ttfd,
                  l.live, d.last_at AS deal_at, le.last_at AS lead_at, clk.last_at AS click_at, l.last_at AS launch_at,
                  mr.last_at AS request_at, mc.last_at AS claim_at, u.last_at AS sign_in_at, ${LAST_AT} AS last_at
           FROM candidates p
           JOIN tiers t ON t.id = p.tier_id
           ${ACTIVITY}),
         keyed AS (
           SELECT f.*, ${flag} AS sort_flag, ${key} AS sort_key FROM measured f)
         SELECT k.id, k.name, k.tier_id, k.tier_name, k.region, k.status, k.signed_at::text AS signed_at, k.first_deal_at, k.ttfd, k.live, k.deals, k.last_at,
                CASE k.last_at
                  WHEN k.deal_at THEN 'deal' WHEN k.lead_at THEN 'lead' WHEN k.click_at THEN 'click' WHEN k.launch_at THEN 'launch'
                  WHEN k.claim_at THEN 'mdf_claim' WHEN k.request_at THEN 'mdf_request' WHEN k.sign_in_at THEN 'sign_in' END AS last_kind,
                k.sort_flag, k.sort_key::text AS sort_key, lower(k.name) AS sort_name
         FROM keyed k
         WHERE ${after}
         ORDER BY k.sort_flag, k.sort_key, lower(k.name), k.id
         LIMIT ${limit}`,
        [...params, ...cursor, page.limit],
      );
    });
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      tierId: r.tier_id,
      tierName: r.tier_name,
      region: r.region,
      status: r.status,
      signedAt: r.signed_at,
      firstDealAt: r.first_deal_at,
      timeToFirstDealDays: r.ttfd,
      lastActivityAt: r.last_at,
      lastActivity: r.last_kind,
      liveLaunches: r.live,
      deals: r.deals,
      sortKey: { flag: r.sort_flag, key: r.sort_key, name: r.sort_name, id: r.id },
    }));
  }

  /** How many partners the search and filters match. */
  async count(filter: PartnerMetricsFilter): Promise<number> {
    const { where, params } = this.where(filter);
    const rows = await this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM partners p WHERE ${where}`, params);
    return rows[0]?.total ?? 0;
  }

  private where(filter: PartnerMetricsFilter): { where: string; params: unknown[] } {
    const params: unknown[] = [];
    const clauses = ['true'];
    const add = (clause: (n: string) => string, value: unknown) => {
      params.push(value);
      clauses.push(clause(`$${params.length}`));
    };
    if (filter.partnerId) add((n) => `p.id = ${n}::uuid`, filter.partnerId);
    if (filter.tierId) add((n) => `p.tier_id = ${n}::uuid`, filter.tierId);
    if (filter.region) add((n) => `p.region = ${n}`, filter.region);
    if (filter.status) add((n) => `p.status = ${n}`, filter.status);
    if (filter.q) add((n) => `p.name ILIKE ${n} ESCAPE '\\'`, containsPattern(filter.q));
    return { where: clauses.join(' AND '), params };
  }
}

interface RawRow {
  id: string;
  name: string;
  tier_id: string;
  tier_name: string;
  region: Region;
  status: PartnerStatus;
  signed_at: string | null;
  first_deal_at: Date | null;
  ttfd: number | null;
  live: number;
  deals: number;
  last_at: Date | null;
  last_kind: PartnerActivityKind | null;
  sort_flag: number;
  sort_key: string;
  sort_name: string;
}
