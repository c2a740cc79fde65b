import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { EntityManager } from 'typeorm';
import { OnePartnerScope, Principal } from '@app/core';
import { ClickCounts, LinkStats, LinkStatsService, OpenCounts } from '@app/links';
import type { Region } from '@app/partners';
import { eligibleCountByTier } from '@app/partners';
import { KitService } from './kit.service';
import { LaunchService } from './launch.service';
import { KitTotals, LaunchFacts, LeadTouch, ResultsRepository, SendCounts } from './results.repository';

export class LaunchResults {
  @ApiProperty() launchId!: string;
  @ApiProperty({ type: SendCounts, description: 'the launch’s email blast (and nurture steps sent under it), by outcome' }) sends!: SendCounts;
  @ApiProperty({ type: ClickCounts }) clicks!: ClickCounts;
  @ApiProperty({ type: OpenCounts, description: 'pixel opens are approximate (image blocking, privacy proxies)' }) opens!: OpenCounts;
  @ApiProperty() leads!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'leads ÷ filtered clicks; null before the first click' }) clickToLeadRate!: number | null;
  @ApiProperty({ type: [LinkStats] }) links!: LinkStats[];
}

/** One tier's adoption of a kit: partners that launched it of those eligible for it. */
export class KitTierAdoption {
  @ApiProperty() tierId!: string;
  @ApiProperty() tierName!: string;
  @ApiProperty({ description: 'active or onboarding partners of the tier that the kit’s eligibility admits' }) eligible!: number;
  @ApiProperty({ description: 'partners of the tier that launched the kit (any version, any status)' }) launched!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'launched ÷ eligible (0 to 1, four decimals); null when none is eligible' }) rate!: number | null;
}

export class KitResultTotals extends KitTotals {
  @ApiProperty({ type: Number, nullable: true, description: 'leads ÷ filtered clicks; null before the first click' }) clickToLeadRate!: number | null;
}

/** `GET /kits/:id/results`: adoption by tier (by tier rank) and totals across the kit's launches. */
export class KitResults {
  @ApiProperty() kitId!: string;
  @ApiProperty({ type: [KitTierAdoption], description: 'every tier, by rank' }) adoption!: KitTierAdoption[];
  @ApiProperty({ type: KitResultTotals }) totals!: KitResultTotals;
}

/** What a launch and a kit produced: raw and filtered clicks side by side, leads, adoption by tier. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly launches: LaunchService,
    private readonly kits: KitService,
    private readonly stats: LinkStatsService,
    private readonly results: ResultsRepository,
  ) {}

  /** Partners: their own launches (404 otherwise); vendors: any. */
  async forLaunch(principal: Principal, launchId: string): Promise<LaunchResults> {
    const { launch } = await this.launches.get(principal, launchId);
    const [stats, leads, sends] = await Promise.all([this.stats.forLaunch(launch.id), this.results.leadsOfLaunch(launch.id), this.results.sends({ launchId: launch.id })]);
    return { launchId: launch.id, sends, clicks: stats.clicks, opens: stats.opens, leads, clickToLeadRate: rate(leads, stats.clicks.filtered), links: stats.links };
  }

  /** Vendors: adoption by tier (launched ÷ eligible partners) and totals across the kit's launches. */
  async forKit(principal: Principal, kitId: string): Promise<KitResults> {
    const { kit, version: latest } = await this.kits.get(principal, kitId);
    // Partners are eligible by what is live, not by a draft of the next version.
    const [published, byTier, partners, totals] = await Promise.all([
      this.kits.latestPublished(kit.id),
      this.results.adoptionByTier(kit.id),
      this.results.partnersForEligibility(),
      this.results.kitTotals(kit.id),
    ]);
    const eligibility = (published ?? latest).eligibility;
    const eligible = eligibleCountByTier(
      partners.map((p) => ({ id: p.id, tierId: p.tier_id, region: p.region as Region })),
      [eligibility],
    );
    return {
      kitId: kit.id,
      adoption: byTier.map((t) => ({ tierId: t.tierId, tierName: t.tierName, eligible: eligible.get(t.tierId) ?? 0, launched: t.launched, rate: rate(t.launched, eligible.get(t.tierId) ?? 0) })),
      totals: { ...totals, clickToLeadRate: rate(totals.leads, totals.clicksFiltered) },
    };
  }

  /** These launches' kit names, launch times, leads up to `asOf` and template versions, oldest first, in one query (MDF proof packs). */
  launchFacts(launchIds: string[], asOf: Date): Promise<LaunchFacts[]> {
    return this.results.launchFacts(launchIds, asOf);
  }

  /** The ids among `launchIds` that are this partner's own launches (an MDF request's, a deal's source). */
  ownLaunchIds(scope: OnePartnerScope, launchIds: string[]): Promise<Set<string>> {
    return this.results.ownLaunchIds(scope, launchIds);
  }

  /** The launch that brought one of this partner's leads; null when the lead is not the partner's (a deal's source). */
  launchOfLead(scope: OnePartnerScope, leadId: string): Promise<string | null> {
    return this.results.launchOfLead(scope, leadId);
  }

  /** The partner's latest `limit` leads of these contacts captured up to `before`, newest first, in the caller's transaction (deal influence). */
  leadsOfContacts(manager: EntityManager, scope: OnePartnerScope, contactIds: string[], before: Date, limit: number): Promise<LeadTouch[]> {
    return this.results.leadsOfContacts(manager, scope, contactIds, before, limit);
  }
}

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
