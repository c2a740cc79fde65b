import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { EntityManager } from 'typeorm';
import { OnePartnerScope, Principal } from '@app/core';
import { ClickCounts, LinkStats, LinkStatsService, OpenCounts } from '@app/links';
import { MessageStatsService } from '@app/mailing';
import { eligibleCountByTier, PartnerService } from '@app/partners';
import { KitService } from './kit.service';
import { LaunchFacts, LaunchRepository } from './launch.repository';
import { LaunchService } from './launch.service';
import { LeadRepository, LeadTouch } from './lead.repository';

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

/**
 * What a launch and a kit produced: raw and filtered clicks side by side, leads, adoption by tier.
 * Messages, clicks and partners are counted by their owners (one aggregate each, no per-launch loops).
 */
@Injectable()
export class ResultsService {
  constructor(
    private readonly launches: LaunchService,
    private readonly kits: KitService,
    private readonly stats: LinkStatsService,
    private readonly messages: MessageStatsService,
    private readonly partners: PartnerService,
    private readonly launchRows: LaunchRepository,
    private readonly leads: LeadRepository,
  ) {}

  /** Partners: their own launches (404 otherwise); vendors: any. */
  async forLaunch(principal: Principal, launchId: string): Promise<LaunchResults> {
    const { launch } = await this.launches.get(principal, launchId);
    const [stats, leads, sends] = await Promise.all([this.stats.forLaunch(launch.id), this.leads.countOfLaunches([launch.id]), this.messages.outcomesOfLaunches([launch.id])]);
    return { launchId: launch.id, sends, clicks: stats.clicks, opens: stats.opens, leads, clickToLeadRate: rate(leads, stats.clicks.filtered), links: stats.links };
  }

  /** Vendors: adoption by tier (launched ÷ eligible partners) and totals across the kit's launches. */
  async forKit(principal: Principal, kitId: string): Promise<KitResults> {
    const { kit, version: latest } = await this.kits.get(principal, kitId);
    // Partners are eligible by what is live, not by a draft of the next version.
    const [published, byTier, partners, totals] = await Promise.all([
      this.kits.latestPublished(kit.id),
      this.launchRows.partnersOfKit(kit.id).then((ids) => this.partners.tiersOf(ids)),
      this.partners.eligibilityFactsOfActive(null),
      this.kitTotals(kit.id),
    ]);
    const eligibility = (published ?? latest).eligibility;
    const eligible = eligibleCountByTier(partners, [eligibility]);
    return {
      kitId: kit.id,
      // Partners of the tier that launched the kit (any version, any status), every tier by rank.
      adoption: byTier.map((t) => ({ tierId: t.id, tierName: t.name, eligible: eligible.get(t.id) ?? 0, launched: t.count, rate: rate(t.count, eligible.get(t.id) ?? 0) })),
      totals: { ...totals, clickToLeadRate: rate(totals.leads, totals.clicksFiltered) },
    };
  }

  private async kitTotals(kitId: string): Promise<KitTotals> {
    const launchIds = await this.launchRows.idsOfKit(kitId);
    const [sends, clicks, leads] = await Promise.all([this.messages.outcomesOfLaunches(launchIds), this.stats.totalsOfLaunches(launchIds), this.leads.countOfLaunches(launchIds)]);
    return { launches: launchIds.length, sends, ...clicks, leads };
  }

  /** These launches' kit names, launch times, leads up to `asOf` and template versions, oldest first, in one query (MDF proof packs). */
  launchFacts(launchIds: string[], asOf: Date): Promise<LaunchFacts[]> {
    return this.launchRows.facts(launchIds, asOf);
  }

  /** The ids among `launchIds` that are this partner's own launches (an MDF request's, a deal's source). */
  ownLaunchIds(scope: OnePartnerScope, launchIds: string[]): Promise<Set<string>> {
    return this.launchRows.ownIds(scope, launchIds);
  }

  /** The launch that brought one of this partner's leads; null when the lead is not the partner's (a deal's source). */
  launchOfLead(scope: OnePartnerScope, leadId: string): Promise<string | null> {
    return this.leads.launchOfLead(scope, leadId);
  }

  /** The partner's latest `limit` leads of these contacts captured up to `before`, newest first, in the caller's transaction (deal influence). */
  leadsOfContacts(manager: EntityManager, scope: OnePartnerScope, contactIds: string[], before: Date, limit: number): Promise<LeadTouch[]> {
    return this.leads.ofContacts(manager, scope, contactIds, before, limit);
  }
}

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
