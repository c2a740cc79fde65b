import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssetChange, AssetHooks, AssetResolution, AssetResolver, AssetUsageService, UsageKind, UsageRef } from '@app/assets';
import { CoBrandService, Template, templateAssetRefs, TemplateService, TemplateWithVersion } from '@app/brand';
import { DomainError, StorageService, SystemScope } from '@app/core';
import { Partner, PartnerService } from '@app/partners';
import { KitService } from './kit.service';
import { KitVersionEntity } from './kit-version.entity';
import { LaunchEntity } from './launch.entity';
import { KitAssetWithdrawnError } from './launch.errors';
import { AssetLink, LaunchLinkService } from './launch-links.service';
import { LaunchRepository } from './launch.repository';

/** A banner of a launch as its detail shows it: the stored image, or withdrawn (its library background is). */
export type LaunchRenditionView =
  | { templateId: string; templateName: string; url: string; width: number; height: number; contentType: string }
  | { templateId: string; templateName: string; withdrawn: true };

/** The usage-graph kind of a template's references within a launch. */
const USAGE_OF_KIND: Record<Template['kind'], UsageKind> = { banner: 'rendition', landing_page: 'landing_page', email: 'email', social_post: 'launch' };

/** A kit version's templates as frozen at publish. */
export function frozenRefs(version: KitVersionEntity): { templateId: string; templateVersionId: string }[] {
  return version.templates.map((t) => ({ templateId: t.templateId, templateVersionId: t.templateVersionId! }));
}

/**
 * What launches use in the library: the assets a launch would use (a withdrawn one refuses it), the
 * usage rows a launch records, its co-branded banners, and the re-render of live launches when an
 * asset they use is swapped to its successor.
 */
@Injectable()
export class LaunchUsageService implements OnModuleInit {
  private readonly logger = new Logger(LaunchUsageService.name);

  constructor(
    private readonly launches: LaunchRepository,
    private readonly kits: KitService,
    private readonly templates: TemplateService,
    private readonly partners: PartnerService,
    private readonly cobrand: CoBrandService,
    private readonly links: LaunchLinkService,
    private readonly resolver: AssetResolver,
    private readonly usage: AssetUsageService,
    private readonly hooks: AssetHooks,
    private readonly storage: StorageService,
  ) {}

  onModuleInit(): void {
    // An asset swapped to its successor (or usable again) re-renders the banners of the live launches using it.
    this.hooks.register('campaigns', (change) => this.assetsChanged(change));
  }

  /**
   * The library assets a launch would use (the kit's own, its asset destinations, and what its
   * templates refer to with these edits), resolved; a withdrawn one refuses the launch.
   */
  async checkAssets(version: KitVersionEntity, templates: TemplateWithVersion[], edits: Record<string, Record<string, string>>): Promise<Map<string, AssetResolution>> {
    const refs: { assetId: string; field: string }[] = [
      ...(version.assetIds ?? []).map((assetId, i) => ({ assetId, field: `assetIds[${i}]` })),
      ...version.destinations.flatMap((d, i) => (d.assetId ? [{ assetId: d.assetId, field: `destinations[${i}].assetId` }] : [])),
      ...templates.flatMap(({ template, templateVersion }) => templateAssetRefs(templateVersion, edits[template.id] ?? {}).map((assetId) => ({ assetId, field: `templates.${template.id}` }))),
    ];
    if (refs.length === 0) return new Map();
    const resolved = await this.resolver.resolve(refs.map((r) => r.assetId));
    const withdrawn = refs.find((r) => !resolved.get(r.assetId.toLowerCase())?.target);
    if (withdrawn) throw new KitAssetWithdrawnError(withdrawn.assetId, withdrawn.field);
    return resolved;
  }

  /** Records what a new launch uses, in the launch's transaction. */
  recordLaunch(launch: LaunchEntity, version: KitVersionEntity, templates: TemplateWithVersion[], assetLinks: AssetLink[], resolved: Map<string, AssetResolution>, manager: EntityManager): Promise<void> {
    return this.usage.record(this.launchUsages(launch, version, templates, assetLinks, resolved), manager);
  }

  /**
   * What a launch uses in the library: the kit's own assets (kind launch), each template's
   * references (its rendition, landing page or email: `<launch>:<template>`), its asset links.
   */
  private launchUsages(launch: LaunchEntity, version: KitVersionEntity, templates: TemplateWithVersion[], assetLinks: AssetLink[], resolved: Map<string, AssetResolution>): UsageRef[] {
    const of = { launchId: launch.id, partnerId: launch.partnerId, kitId: launch.kitId };
    const versionOf = (assetId: string) => resolved.get(assetId.toLowerCase())?.target?.versionId ?? null;
    const refs: UsageRef[] = [
      ...(version.assetIds ?? []).map((assetId) => ({ assetId, assetVersionId: versionOf(assetId), kind: 'launch' as const, refId: launch.id, ...of })),
      ...templates.flatMap(({ template, templateVersion }) =>
        templateAssetRefs(templateVersion, launch.edits[template.id] ?? {}).map((assetId) => ({
          assetId,
          assetVersionId: versionOf(assetId),
          kind: USAGE_OF_KIND[template.kind],
          refId: USAGE_OF_KIND[template.kind] === 'launch' ? launch.id : `${launch.id}:${template.id}`,
          templateVersionId: templateVersion.id,
          ...of,
        })),
      ),
      ...assetLinks.map((l) => ({ assetId: l.assetId, assetVersionId: versionOf(l.assetId), kind: 'link' as const, refId: l.linkId, ...of })),
    ];
    // One row per (asset, kind, referrer): a social post and the kit may both use an asset as the launch.
    return [...new Map(refs.map((r) => [`${r.assetId}|${r.kind}|${r.refId}`, r])).values()];
  }

  /**
   * The launch's co-branded banners, stored once (a re-render for the same inputs is a cache hit;
   * a library background swapped to its successor is new input). A live launch's rendition usages
   * follow the asset versions drawn in.
   */
  async renderBanners(launch: LaunchEntity, templates: TemplateWithVersion[], partner: Partner): Promise<LaunchRenditionView[]> {
    const views: LaunchRenditionView[] = [];
    for (const { template, templateVersion } of templates) {
      if (template.kind !== 'banner') continue;
      try {
        const { rendition, assets } = await this.cobrand.launchRendition(templateVersion, partner, launch.edits[template.id] ?? {});
        if (launch.status !== 'ended' && assets.length > 0) {
          await this.usage.record(
            assets.map((a) => ({
              assetId: a.assetId,
              assetVersionId: a.versionId,
              kind: 'rendition' as const,
              refId: `${launch.id}:${template.id}`,
              launchId: launch.id,
              partnerId: launch.partnerId,
              kitId: launch.kitId,
              templateVersionId: templateVersion.id,
            })),
          );
        }
        views.push({ templateId: template.id, templateName: template.name, url: rendition.storageKey, width: rendition.width, height: rendition.height, contentType: rendition.contentType });
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'ASSET_WITHDRAWN')) throw error;
        views.push({ templateId: template.id, templateName: template.name, withdrawn: true });
      }
    }
    return views;
  }

  /** A launch's banners for its detail: short-lived download URLs (rendered first when their inputs changed). */
  async renditionsOf(launch: LaunchEntity): Promise<LaunchRenditionView[]> {
    const version = await this.kits.findVersion(launch.kitVersionId);
    if (!version) return [];
    const templates = await this.templates.withVersions(frozenRefs(version));
    if (!templates.some((t) => t.template.kind === 'banner')) return [];
    const partner = await this.partnerOf(launch);
    const views = await this.renderBanners(launch, templates, partner);
    return Promise.all(views.map(async (v) => ('withdrawn' in v ? v : { ...v, url: await this.storage.presignGet(v.url) })));
  }

  /**
   * Re-renders the banners of live launches (after an asset swap): each gets a new rendition when
   * the files drawn into it changed, and its usages follow the new asset versions.
   */
  async rerender(launchIds: string[]): Promise<number> {
    if (launchIds.length === 0) return 0;
    const launches = await this.launches.findLive(launchIds);
    let rendered = 0;
    for (const launch of launches) {
      try {
        const version = await this.kits.findVersion(launch.kitVersionId);
        if (!version) continue;
        const templates = await this.templates.withVersions(frozenRefs(version));
        const partner = await this.partnerOf(launch);
        const assetLinks = await this.links.assetLinksOf(launch.id);
        const refs = this.launchUsages(launch, version, templates, assetLinks, new Map());
        const resolved = await this.resolver.resolve(refs.map((r) => r.assetId));
        // Refreshed versions for every reference still usable; withdrawn ones keep the version they last used.
        await this.usage.record(this.launchUsages(launch, version, templates, assetLinks, resolved).filter((r) => r.assetVersionId !== null));
        await this.renderBanners(launch, templates, partner);
        rendered++;
      } catch (error) {
        this.logger.error(`re-render of launch ${launch.id} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return rendered;
  }

  private async partnerOf(launch: LaunchEntity): Promise<Partner> {
    const partner = await this.partners.find(SystemScope.partner(launch.partnerId, 'the partner of a launch being rendered'), launch.partnerId);
    if (!partner) throw new Error(`campaigns: partner ${launch.partnerId} of launch ${launch.id} not found`);
    return partner;
  }

  private async assetsChanged(change: AssetChange): Promise<void> {
    const ids = [...new Set([...change.replaced, ...change.restored])];
    if (ids.length === 0) return;
    this.resolver.invalidate(ids);
    const using = await this.usage.liveLaunchesUsing(ids);
    const rendered = await this.rerender(using.map((u) => u.launchId));
    if (rendered > 0) this.logger.log(`re-rendered ${rendered} launch(es) after a change to ${ids.length} asset(s)`);
  }
}
