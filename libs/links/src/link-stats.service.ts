import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { EntityManager } from 'typeorm';
import { NotFoundError, Principal, partnerScope } from '@app/core';
import { LinkRepository } from './link.repository';
import { ClickCounts, emptyCounts, LaunchesTotals, LinkStatsRepository, OpenCounts } from './link-stats.repository';
import { TrackableLinkEntity } from './trackable-link.entity';

export class LinkStats {
  @ApiProperty() linkId!: string;
  @ApiProperty({ description: 'the short code of /l/{code}' }) code!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty({ type: String, nullable: true }) launchId!: string | null;
  @ApiProperty({ description: 'what the link points at in the kit (a destination key)' }) assetKey!: string;
  @ApiProperty({ example: 'email' }) medium!: string;
  @ApiProperty({ type: ClickCounts }) clicks!: ClickCounts;
}

export interface AggregateStats {
  clicks: ClickCounts;
  /** Pixel opens: approximate (image blocking, privacy proxies). */
  opens: OpenCounts;
  links: LinkStats[];
}

/**
 * Reports: raw clicks, filtered (no bots, no scanners) and unique visitors side by side. Counts
 * cover what the flusher has written (at most about a second behind).
 */
@Injectable()
export class LinkStatsService {
  constructor(
    private readonly links: LinkRepository,
    private readonly stats: LinkStatsRepository,
  ) {}

  async forLinks(ids: string[]): Promise<LinkStats[]> {
    return this.withCounts(await this.links.findByIds(ids));
  }

  async forLaunch(launchId: string): Promise<AggregateStats> {
    const [links, clicks, opens] = await Promise.all([this.links.findByLaunch(launchId), this.stats.clicksOf('launch_id', launchId), this.stats.opensOf('launch_id', launchId)]);
    return { clicks, opens, links: await this.withCounts(links) };
  }

  async forPartner(partnerId: string): Promise<AggregateStats> {
    const [links, clicks, opens] = await Promise.all([this.links.findByPartner(partnerId), this.stats.clicksOf('partner_id', partnerId), this.stats.opensOf('partner_id', partnerId)]);
    return { clicks, opens, links: await this.withCounts(links) };
  }

  /** One link's stats for a caller: partner users only their own (404 otherwise), vendors any. */
  async forLink(principal: Principal, id: string): Promise<LinkStats> {
    const link = await this.links.findVisible(partnerScope(principal), id);
    if (!link) throw new NotFoundError('Link');
    const [stats] = await this.withCounts([link]);
    return stats!;
  }

  private async withCounts(links: TrackableLinkEntity[]): Promise<LinkStats[]> {
    const counts = await this.stats.clicksByLink(links.map((l) => l.id));
    return links.map((l) => ({
      linkId: l.id,
      code: l.code,
      partnerId: l.partnerId,
      launchId: l.launchId,
      assetKey: l.assetKey,
      medium: l.medium,
      clicks: counts.get(l.id) ?? emptyCounts(),
    }));
  }

  // For campaigns: what a lead's click pointed at, and totals across a kit's launches.

  /** Click id → the asset key of the link clicked. */
  assetKeysOfClicks(clickIds: string[]): Promise<Map<string, string>> {
    return this.stats.assetKeysOfClicks([...new Set(clickIds)]);
  }

  /** Clicks and opens across launches (one aggregate). */
  totalsOfLaunches(launchIds: string[]): Promise<LaunchesTotals> {
    return this.stats.totalsOfLaunches(launchIds);
  }

  /** Human clicks (no bots, no scanners) of each of these launches recorded up to `asOf`: 0 for a launch without any. */
  humanClicksOfLaunches(launchIds: string[], asOf: Date): Promise<Map<string, number>> {
    return this.stats.humanClicksByLaunch(launchIds, asOf);
  }

  /** The human clicks among `clickIds` on the partner's links recorded up to `before`, in the caller's transaction (deal influence). */
  humanClicksAmong(manager: EntityManager, partnerId: string, clickIds: string[], before: Date): Promise<{ clickId: string; launchId: string | null; at: Date }[]> {
    return this.stats.humanClicksAmong(manager, partnerId, clickIds, before);
  }
}
