import { Inject, Injectable } from '@nestjs/common';
import { BrandKitService, CoBrandService, TemplateService } from '@app/brand';
import { ASSETS_TOPIC } from '@app/assets';
import { BRAND_KIT_TOPIC } from '@app/brand';
import { APP_CONFIG, AppConfig, CacheInvalidation, Lru } from '@app/core';
import { canonicalUrl, LinkService } from '@app/links';
import { Partner, PARTNER_PROFILE_TOPIC, PartnerRepository } from '@app/partners';
import { KITS_TOPIC, LAUNCHES_TOPIC } from './campaign-topics';
import { LandingPageCache, LandingPageSources } from './landing-page-cache';
import { KitEntity } from './kit.entity';
import { KitRepository } from './kit.repository';
import { LaunchEntity } from './launch.entity';
import { LaunchRepository } from './launch.repository';

export type LandingPage =
  | { state: 'live'; html: string; launch: LaunchEntity; partner: Partner }
  | { state: 'ended'; partner: Partner }
  | { state: 'missing' };

/** An address nobody launched yet is remembered this briefly (a flood of made-up addresses stays cheap). */
const MISSING_TTL_MS = 1_000;

/**
 * The public landing page of a launch: `/p/<partner slug>/<kit slug>`. Rendered from the launch's
 * frozen kit version and edits, cached per (launch, partner profile, brand kit, library files) version:
 * an asset swapped to its successor, or withdrawn, renders the page anew.
 *
 * A visit is answered from memory: the answer of each address is kept (`PUBLIC_CACHE_TTL_SECONDS` at
 * most) with what it was made from, and dropped in every api process the moment one of those changes:
 * the launch (ended, resumed, a new launch of the kit), the kit (retired), the partner's profile, the
 * brand kit or a library asset (each owner announces its changes on its topic).
 */
@Injectable()
export class LandingPageService {
  private readonly pages = new Lru<string>(500);
  private readonly answers = new LandingPageCache<LandingPage>();
  private readonly loading = new Map<string, Promise<LandingPage>>();

  constructor(
    private readonly kits: KitRepository,
    private readonly launches: LaunchRepository,
    private readonly templates: TemplateService,
    private readonly partners: PartnerRepository,
    private readonly cobrand: CoBrandService,
    private readonly brand: BrandKitService,
    private readonly links: LinkService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    invalidation: CacheInvalidation,
  ) {
    const dropWhere = (match: (sources: LandingPageSources, keys: Set<string>) => boolean) => (keys: string[] | null) => {
      const changed = keys === null ? null : new Set(keys);
      // Any change also drops "nothing here yet" answers: a new launch, partner or kit may fill them.
      this.answers.drop((s) => changed === null || s.launchId === null || match(s, changed));
    };
    invalidation.subscribe(LAUNCHES_TOPIC, dropWhere((s, ids) => ids.has(s.launchId!)));
    invalidation.subscribe(KITS_TOPIC, dropWhere((s, ids) => s.kitId !== null && ids.has(s.kitId)));
    invalidation.subscribe(PARTNER_PROFILE_TOPIC, dropWhere((s, ids) => s.partnerId !== null && ids.has(s.partnerId)));
    invalidation.subscribe(BRAND_KIT_TOPIC, dropWhere(() => true));
    invalidation.subscribe(ASSETS_TOPIC, dropWhere(() => true));
  }

  async find(partnerSlug: string, kitSlug: string): Promise<{ partner: Partner; kit: KitEntity; launch: LaunchEntity } | null> {
    const partner = await this.partners.findBySlug(partnerSlug);
    if (!partner) return null;
    const kit = await this.kits.findBySlug(kitSlug);
    if (!kit) return null;
    const launch = await this.launches.latestOf(kit.id, partner.id);
    return launch ? { partner, kit, launch } : null;
  }

  /** The answer for an address, from memory (synchronously) when nothing it was made from changed since. */
  page(partnerSlug: string, kitSlug: string): LandingPage | Promise<LandingPage> {
    const address = `${partnerSlug}/${kitSlug}`;
    const cached = this.answers.get(address, performance.now());
    if (cached) return cached;
    // Visitors arriving together while it loads share the one load.
    let pending = this.loading.get(address);
    if (!pending) {
      pending = this.loadAndRemember(address, partnerSlug, kitSlug).finally(() => this.loading.delete(address));
      this.loading.set(address, pending);
    }
    return pending;
  }

  private async loadAndRemember(address: string, partnerSlug: string, kitSlug: string): Promise<LandingPage> {
    const generation = this.answers.generation();
    const { page, sources } = await this.load(partnerSlug, kitSlug);
    this.answers.set(address, page, sources, sources.launchId === null ? MISSING_TTL_MS : this.config.publicCacheTtlMs, performance.now(), generation);
    return page;
  }

  private async load(partnerSlug: string, kitSlug: string): Promise<{ page: LandingPage; sources: LandingPageSources }> {
    const found = await this.find(partnerSlug, kitSlug);
    if (!found) return { page: { state: 'missing' }, sources: { partnerId: null, kitId: null, launchId: null } };
    const { partner, kit, launch } = found;
    const sources = { partnerId: partner.id, kitId: kit.id, launchId: launch.id };
    return { page: await this.render(partner, kit, launch), sources };
  }

  private async render(partner: Partner, kit: KitEntity, launch: LaunchEntity): Promise<LandingPage> {
    if (launch.status === 'ended' || kit.status === 'retired') return { state: 'ended', partner };
    const version = await this.kits.findVersion(launch.kitVersionId);
    if (!version) throw new Error(`campaigns: kit version ${launch.kitVersionId} of launch ${launch.id} not found`);
    const found = await this.templates.landingPageOf(version.templates.map((t) => t.templateVersionId!).filter(Boolean));
    if (!found) return { state: 'missing' };
    const { template, templateVersion: landing } = found;
    const kitVersion = (await this.brand.current()).version;
    const edits = launch.edits[landing.templateId] ?? {};
    const key = `${launch.id}:${partner.profileVersion}:${kitVersion}:${await this.cobrand.assetStamp(landing, edits)}`;
    let html = this.pages.get(key);
    if (!html) {
      html = await this.cobrand.renderLanding(landing, partner, edits, `${this.config.publicUrl}/p/${partner.slug}/${kit.slug}/lead`, await this.assetLinks(launch.id, template.key));
      this.pages.set(key, html);
    }
    return { state: 'live', html, launch, partner };
  }

  /** The launch's links to library assets from this template, found by the asset's library page they stand for. */
  private async assetLinks(launchId: string, templateKey: string): Promise<((url: string) => string) | undefined> {
    const tracked = new Map<string, string>();
    for (const link of await this.links.linksOfLaunch(launchId)) {
      if (link.assetId && link.assetKey.startsWith(`${templateKey}.`)) tracked.set(canonicalUrl(link.destinationUrl), link.url);
    }
    return tracked.size > 0 ? (url: string) => tracked.get(canonicalUrl(url)) ?? url : undefined;
  }
}
