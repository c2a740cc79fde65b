import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CoBrandService } from '@app/brand';
import { ResultsService } from '@app/campaigns';
import { DealMetrics } from '@app/deals';
import { LinkStatsService } from '@app/links';
import { MessageQueryService } from '@app/mailing';
import { PartnerMdfTerms, PartnerService } from '@app/partners';
import { ClaimRepository } from './claim.repository';
import { LinkedDeal } from './mdf.types';
import { LaunchPerformance } from './proof-pack';

/**
 * What a claim is judged on, read from the libs that own it: the linked deals (deals), the
 * activity's launches as the proof pack shows them (campaigns, mailing, links, brand), and the
 * partner's name and tier reimbursement share (partners). Every read is one batch, never one per row.
 */
@Injectable()
export class ClaimEvidenceService {
  constructor(
    private readonly claims: ClaimRepository,
    private readonly deals: DealMetrics,
    private readonly partners: PartnerService,
    private readonly results: ResultsService,
    private readonly messages: MessageQueryService,
    private readonly links: LinkStatsService,
    private readonly cobrand: CoBrandService,
  ) {}

  /** The ids among `dealIds` this partner registered on or after `since` (YYYY-MM-DD): anything else is as if it did not exist. */
  eligibleDealIds(partnerId: string, dealIds: string[], since: string): Promise<Set<string>> {
    return this.deals.registeredSince(partnerId, dealIds, since);
  }

  /** These deals as a claim links them, oldest registration first (a proof pack made before its claim is stored). */
  linkedDeals(dealIds: string[]): Promise<LinkedDeal[]> {
    return this.deals.summaries(dealIds);
  }

  /** The deals each claim links, oldest registration first. */
  async dealsOf(claimIds: string[]): Promise<Map<string, LinkedDeal[]>> {
    const ids = await this.claims.dealIdsOf(claimIds);
    const out = new Map<string, LinkedDeal[]>(claimIds.map((id) => [id, []]));
    const claimsOfDeal = new Map<string, string[]>();
    for (const [claimId, dealIds] of ids) for (const dealId of dealIds) claimsOfDeal.set(dealId, [...(claimsOfDeal.get(dealId) ?? []), claimId]);
    for (const deal of await this.deals.summaries([...claimsOfDeal.keys()])) for (const claimId of claimsOfDeal.get(deal.id)!) out.get(claimId)!.push(deal);
    return out;
  }

  /** Name and tier reimbursement percentage of each partner (an unknown one: no name, 0 %); in the caller's transaction when given. */
  async partnerTerms(partnerIds: string[], manager?: EntityManager): Promise<Map<string, PartnerMdfTerms>> {
    const found = await this.partners.mdfTerms(partnerIds, manager);
    return new Map(partnerIds.map((id) => [id, found.get(id) ?? { name: '', signedAt: null, reimbursementPct: 0 }]));
  }

  /** Sends by status, filtered clicks and leads of each launch as of `asOf`, and its co-branded creatives (rendered at launch). */
  async launchPerformance(launchIds: string[], asOf: Date): Promise<LaunchPerformance[]> {
    if (launchIds.length === 0) return [];
    const [launches, sends, clicks] = await Promise.all([this.results.launchFacts(launchIds, asOf), this.messages.sendsByLaunch(launchIds, asOf), this.links.humanClicksOfLaunches(launchIds, asOf)]);
    const renditions = await this.cobrand.latestRenditions(launches.flatMap((l) => l.templateVersionIds.map((templateVersionId) => ({ partnerId: l.partnerId, templateVersionId }))));
    return launches.map((l) => ({
      launchId: l.launchId,
      kitName: l.kitName,
      launchedAt: l.launchedAt,
      sends: sends.filter((s) => s.launchId === l.launchId).map((s) => ({ status: s.status, count: s.count })),
      filteredClicks: clicks.get(l.launchId) ?? 0,
      leads: l.leads,
      creatives: renditions
        .filter((r) => r.partnerId === l.partnerId && l.templateVersionIds.includes(r.templateVersionId))
        .map((r) => ({ storageKey: r.storageKey, contentType: r.contentType, width: r.width, height: r.height, bytes: r.bytes })),
    }));
  }
}
