import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource, EntityManager } from 'typeorm';
import { OnePartnerScope } from '@app/core';
import { humanClickSql } from '@app/links';

export interface AdoptionRow {
  tierId: string;
  tierName: string;
  tierRank: number;
  launched: number;
}

/** Messages of a launch (or a kit) by what happened to them. */
export class SendCounts {
  @ApiProperty({ description: 'written and waiting (queued, in flight, held by a pause)' }) pending!: number;
  @ApiProperty() sent!: number;
  @ApiProperty() delivered!: number;
  @ApiProperty() bounced!: number;
  @ApiProperty() suppressed!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() unsubscribed!: number;
}

/** What every launch of a kit (any version, any status) produced. */
export class KitTotals {
  @ApiProperty() launches!: number;
  @ApiProperty({ type: SendCounts, description: 'the launches’ emails (blasts and nurture steps), by outcome' }) sends!: SendCounts;
  @ApiProperty({ description: 'every click recorded' }) clicksRaw!: number;
  @ApiProperty({ description: 'clicks without bots and mail security scanners' }) clicksFiltered!: number;
  @ApiProperty({ description: 'distinct visitors (per link and day) among the filtered clicks' }) clicksUnique!: number;
  @ApiProperty({ description: 'pixel opens without bots (approximate: image blocking, privacy proxies)' }) opensFiltered!: number;
  @ApiProperty() leads!: number;
}

/** The queries behind campaign results: one aggregate each, no per-launch loops. */
@Injectable()
export class ResultsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Send counts of one launch, or of every launch of a kit. */
  async sends(scope: { launchId: string } | { kitId: string }): Promise<SendCounts> {
    const where = 'launchId' in scope ? 'm.launch_id = $1' : 'm.launch_id IN (SELECT id FROM launches WHERE kit_id = $1)';
    const rows = await this.dataSource.query<Record<string, number>[]>(
      `SELECT (count(*) FILTER (WHERE m.status IN ('queued', 'dispatched', 'sending', 'held')))::int AS pending,
              (count(*) FILTER (WHERE m.status = 'sent'))::int AS sent,
              (count(*) FILTER (WHERE m.delivered_at IS NOT NULL))::int AS delivered,
              (count(*) FILTER (WHERE m.status = 'bounced'))::int AS bounced,
              (count(*) FILTER (WHERE m.status = 'suppressed'))::int AS suppressed,
              (count(*) FILTER (WHERE m.status = 'cancelled'))::int AS cancelled,
              (count(*) FILTER (WHERE m.status = 'failed'))::int AS failed,
              (count(*) FILTER (WHERE m.unsubscribed_at IS NOT NULL))::int AS unsubscribed
         FROM messages m WHERE ${where}`,
      ['launchId' in scope ? scope.launchId : scope.kitId],
    );
    const r = rows[0] ?? {};
    return {
      pending: r.pending ?? 0,
      sent: r.sent ?? 0,
      delivered: r.delivered ?? 0,
      bounced: r.bounced ?? 0,
      suppressed: r.suppressed ?? 0,
      cancelled: r.cancelled ?? 0,
      failed: r.failed ?? 0,
      unsubscribed: r.unsubscribed ?? 0,
    };
  }

  async leadsOfLaunch(launchId: string): Promise<number> {
    const rows = await this.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM leads WHERE launch_id = $1', [launchId]);
    return rows[0]?.n ?? 0;
  }

  /** Partners that launched the kit (any version, any status), by tier. */
  async adoptionByTier(kitId: string): Promise<AdoptionRow[]> {
    const rows = await this.dataSource.query<{ tier_id: string; tier_name: string; tier_rank: number; launched: number }[]>(
      `SELECT t.id AS tier_id, t.name AS tier_name, t.rank AS tier_rank, count(DISTINCT l.partner_id)::int AS launched
         FROM tiers t
         LEFT JOIN partners p ON p.tier_id = t.id
         LEFT JOIN launches l ON l.partner_id = p.id AND l.kit_id = $1
        GROUP BY t.id, t.name, t.rank
        ORDER BY t.rank`,
      [kitId],
    );
    return rows.map((r) => ({ tierId: r.tier_id, tierName: r.tier_name, tierRank: r.tier_rank, launched: r.launched }));
  }

  /** Partners by tier, with what eligibility needs (tier and region), for adoption rates. */
  partnersForEligibility(): Promise<{ id: string; tier_id: string; region: string }[]> {
    return this.dataSource.query("SELECT id, tier_id, region FROM partners WHERE status IN ('active', 'onboarding') ORDER BY id LIMIT 100000");
  }

  async kitTotals(kitId: string): Promise<KitTotals> {
    const rows = await this.dataSource.query<Record<string, number>[]>(
      `WITH kit_launches AS (SELECT id FROM launches WHERE kit_id = $1)
       SELECT (SELECT count(*)::int FROM kit_launches) AS launches,
              count(c.click_id)::int AS clicks_raw,
              (count(c.click_id) FILTER (WHERE ${humanClickSql('c')}))::int AS clicks_filtered,
              (count(c.click_id) FILTER (WHERE c.is_unique))::int AS clicks_unique,
              (SELECT count(*)::int FROM link_opens o WHERE o.launch_id IN (SELECT id FROM kit_launches) AND NOT o.bot) AS opens_filtered,
              (SELECT count(*)::int FROM leads WHERE launch_id IN (SELECT id FROM kit_launches)) AS leads
         FROM link_clicks c
        WHERE c.launch_id IN (SELECT id FROM kit_launches)`,
      [kitId],
    );
    const r = rows[0] ?? {};
    return {
      launches: r.launches ?? 0,
      sends: await this.sends({ kitId }),
      clicksRaw: r.clicks_raw ?? 0,
      clicksFiltered: r.clicks_filtered ?? 0,
      clicksUnique: r.clicks_unique ?? 0,
      opensFiltered: r.opens_filtered ?? 0,
      leads: r.leads ?? 0,
    };
  }

  /** Each launch's partner, kit name and launch time, its leads up to `asOf` and its kit version's template versions (MDF proof packs); oldest first. */
  async launchFacts(launchIds: string[], asOf: Date): Promise<LaunchFacts[]> {
    if (launchIds.length === 0) return [];
    const rows = await this.dataSource.query<{ id: string; partner_id: string; name: string; created_at: Date; leads: string; template_version_ids: string[] }[]>(
      `SELECT l.id, l.partner_id, kv.name, l.created_at,
              (SELECT count(*) FROM leads ld WHERE ld.launch_id = l.id AND ld.created_at <= $2) AS leads,
              ARRAY(SELECT DISTINCT ((e->>'templateVersionId')::uuid)::text FROM jsonb_array_elements(kv.templates) e WHERE e->>'templateVersionId' IS NOT NULL) AS template_version_ids
       FROM launches l JOIN kit_versions kv ON kv.id = l.kit_version_id
       WHERE l.id = ANY($1::uuid[]) ORDER BY l.created_at, l.id`,
      [launchIds, asOf],
    );
    return rows.map((r) => ({ launchId: r.id, partnerId: r.partner_id, kitName: r.name, launchedAt: r.created_at, leads: Number(r.leads), templateVersionIds: r.template_version_ids }));
  }

  /** The ids among `launchIds` that are this partner's own launches, in one query. */
  async ownLaunchIds(scope: OnePartnerScope, launchIds: string[]): Promise<Set<string>> {
    if (launchIds.length === 0) return new Set();
    const rows = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM launches WHERE partner_id = $1 AND id = ANY($2::uuid[])`, [scope.partnerId, launchIds]);
    return new Set(rows.map((r) => r.id));
  }

  /** The launch that brought one of this partner's leads; null when the lead is not the partner's. */
  async launchOfLead(scope: OnePartnerScope, leadId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ launch_id: string }[]>(`SELECT launch_id FROM leads WHERE id = $1 AND partner_id = $2`, [leadId, scope.partnerId]);
    return rows[0]?.launch_id ?? null;
  }

  /** The partner's latest `limit` leads of these contacts captured up to `before`, newest first, in the caller's transaction. */
  async leadsOfContacts(manager: EntityManager, scope: OnePartnerScope, contactIds: string[], before: Date, limit: number): Promise<LeadTouch[]> {
    if (contactIds.length === 0) return [];
    const rows = await manager.query<{ id: string; launch_id: string; click_id: string | null; created_at: Date }[]>(
      `SELECT id, launch_id, click_id, created_at FROM leads WHERE partner_id = $1 AND contact_id = ANY($2::uuid[]) AND created_at <= $3 ORDER BY created_at DESC LIMIT $4`,
      [scope.partnerId, contactIds, before, limit],
    );
    return rows.map((r) => ({ leadId: r.id, launchId: r.launch_id, clickId: r.click_id, createdAt: r.created_at }));
  }
}

/** A lead as deal influence records it: the launch and the click that brought it. */
export interface LeadTouch {
  leadId: string;
  launchId: string;
  clickId: string | null;
  createdAt: Date;
}

/** What a launch was and brought, as of one instant: its kit, its leads and the template versions its kit version froze. */
export interface LaunchFacts {
  launchId: string;
  partnerId: string;
  kitName: string;
  launchedAt: Date;
  leads: number;
  templateVersionIds: string[];
}
