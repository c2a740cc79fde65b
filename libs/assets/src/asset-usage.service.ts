import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PartnerService } from '@app/partners';
import { AssetUsageRepository } from './asset-usage.repository';
import { AssetUsageCountsDto, AssetUser, WhoUses } from './asset.dto';
import type { UsageRef } from './asset.types';

/**
 * The usage graph: every reference to an asset from a template version, a kit version, a launch
 * (its renditions, landing page, emails, links) or a nurture step, recorded when the reference is
 * made. "Who uses this?" reads it; the expiry sweep uses it to find the partners to tell.
 */
@Injectable()
export class AssetUsageService {
  constructor(
    private readonly repository: AssetUsageRepository,
    private readonly partners: PartnerService,
  ) {}

  /** Records references (idempotent: a reference made again is refreshed and active). */
  async record(refs: UsageRef[], manager?: EntityManager): Promise<void> {
    if (refs.length === 0) return;
    await this.repository.record(refs, manager);
  }

  /** An ended launch no longer uses anything (its rows stay, for reports). */
  async deactivateLaunch(launchId: string, manager?: EntityManager): Promise<void> {
    await this.repository.deactivateLaunch(launchId, manager);
  }

  /** The assets a template version refers to (recorded when it was published). */
  async assetsOfTemplateVersions(templateVersionIds: string[], manager?: EntityManager): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (templateVersionIds.length === 0) return result;
    const rows = await this.repository.templateVersionAssets(templateVersionIds, manager);
    for (const r of rows) result.set(r.template_version_id, [...(result.get(r.template_version_id) ?? []), r.asset_id]);
    return result;
  }

  /** "Who uses this?": every recorded reference, with partners and live launches counted. */
  async whoUses(assetId: string): Promise<WhoUses> {
    const rows = await this.repository.usagesOf(assetId);
    const names = new Map((await this.partners.briefs(rows.flatMap((r) => (r.partner_id ? [r.partner_id] : [])))).map((p) => [p.id, p.name]));
    const usages: AssetUser[] = rows.map((r) => ({
      kind: r.kind,
      refId: r.ref_id,
      active: r.active,
      assetVersionId: r.asset_version_id,
      kitId: r.kit_id,
      kitName: r.kit_name,
      launchId: r.launch_id,
      launchStatus: r.launch_status,
      partnerId: r.partner_id,
      partnerName: r.partner_id ? (names.get(r.partner_id) ?? null) : null,
      templateVersionId: r.template_version_id,
      since: r.created_at,
    }));
    const byKind: AssetUsageCountsDto = {};
    for (const u of usages) if (u.active) byKind[u.kind] = (byKind[u.kind] ?? 0) + 1;
    const liveByPartner = new Map<string, { id: string; name: string; launches: Set<string> }>();
    for (const u of usages) {
      if (!u.active || !u.partnerId || !u.launchId) continue;
      const entry = liveByPartner.get(u.partnerId) ?? { id: u.partnerId, name: u.partnerName ?? '', launches: new Set<string>() };
      entry.launches.add(u.launchId);
      liveByPartner.set(u.partnerId, entry);
    }
    const partners = [...liveByPartner.values()].map((p) => ({ id: p.id, name: p.name, liveLaunches: p.launches.size })).sort((a, b) => a.name.localeCompare(b.name));
    return { assetId, liveLaunches: new Set(usages.filter((u) => u.active && u.launchId).map((u) => u.launchId)).size, partners, byKind, usages };
  }

  /** Live launches using each asset (reports, the expiring-soon list). */
  async liveLaunchCounts(assetIds: string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    if (assetIds.length === 0) return result;
    for (const r of await this.repository.liveLaunchCounts(assetIds)) result.set(r.asset_id, Number(r.n));
    return result;
  }

  /** Live launches using any of the assets, with their partner. */
  async liveLaunchesUsing(assetIds: string[], manager?: EntityManager): Promise<{ assetId: string; launchId: string; partnerId: string }[]> {
    if (assetIds.length === 0) return [];
    const rows = await this.repository.liveLaunchesUsing(assetIds, manager);
    return rows.map((r) => ({ assetId: r.asset_id, launchId: r.launch_id, partnerId: r.partner_id }));
  }

  /** Per partner whose live launches use the asset: how many launches. */
  liveLaunchesByPartner(assetId: string): Promise<{ partnerId: string; launches: number }[]> {
    return this.repository.liveLaunchesByPartner(assetId);
  }

  /** "Kit name" per launch, for partner notices. */
  launchNames(launchIds: string[], manager?: EntityManager): Promise<Map<string, string>> {
    return this.repository.launchNames(launchIds, manager);
  }
}
