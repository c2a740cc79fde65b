import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BrandKitService, CoBrandService, TemplateEntity, TemplateVersionEntity } from '@app/brand';
import { APP_CONFIG, AppConfig, Lru } from '@app/core';
import { canonicalUrl, LinkService } from '@app/links';
import { PartnerEntity, PartnerRepository } from '@app/partners';
import { KitEntity } from './kit.entity';
import { KitVersionEntity } from './kit-version.entity';
import { LaunchEntity } from './launch.entity';

export type LandingPage =
  | { state: 'live'; html: string; launch: LaunchEntity; partner: PartnerEntity }
  | { state: 'ended'; partner: PartnerEntity }
  | { state: 'missing' };

/**
 * The public landing page of a launch: `/p/<partner slug>/<kit slug>`. Rendered from the launch's
 * frozen kit version and edits, cached per (launch, partner profile, brand kit, library files) version:
 * an asset swapped to its successor, or withdrawn, renders the page anew.
 */
@Injectable()
export class LandingPageService {
  private readonly pages = new Lru<string>(500);

  constructor(
    private readonly dataSource: DataSource,
    private readonly partners: PartnerRepository,
    private readonly cobrand: CoBrandService,
    private readonly brand: BrandKitService,
    private readonly links: LinkService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async find(partnerSlug: string, kitSlug: string): Promise<{ partner: PartnerEntity; kit: KitEntity; launch: LaunchEntity } | null> {
    const partner = await this.partners.findBySlug(partnerSlug);
    if (!partner) return null;
    const kit = await this.dataSource.getRepository(KitEntity).findOneBy({ slug: kitSlug });
    if (!kit) return null;
    const launch = await this.dataSource.getRepository(LaunchEntity).findOne({ where: { kitId: kit.id, partnerId: partner.id }, order: { createdAt: 'DESC' } });
    return launch ? { partner, kit, launch } : null;
  }

  async page(partnerSlug: string, kitSlug: string): Promise<LandingPage> {
    const found = await this.find(partnerSlug, kitSlug);
    if (!found) return { state: 'missing' };
    const { partner, kit, launch } = found;
    if (launch.status === 'ended' || kit.status === 'retired') return { state: 'ended', partner };
    const version = await this.dataSource.getRepository(KitVersionEntity).findOneByOrFail({ id: launch.kitVersionId });
    const templates = version.templates.map((t) => t.templateVersionId!).filter(Boolean);
    const landing = templates.length
      ? await this.dataSource
          .getRepository(TemplateVersionEntity)
          .createQueryBuilder('v')
          .innerJoin(TemplateEntity, 't', 't.id = v.templateId')
          .where('v.id IN (:...templates)', { templates })
          .andWhere("t.kind = 'landing_page'")
          .getOne()
      : null;
    if (!landing) return { state: 'missing' };
    const kitVersion = (await this.brand.current()).version;
    const edits = launch.edits[landing.templateId] ?? {};
    const key = `${launch.id}:${partner.profileVersion}:${kitVersion}:${await this.cobrand.assetStamp(landing, edits)}`;
    let html = this.pages.get(key);
    if (!html) {
      html = await this.cobrand.renderLanding(landing, partner, edits, `${this.config.publicUrl}/p/${partner.slug}/${kit.slug}/lead`, await this.assetLinks(launch.id, landing.templateId));
      this.pages.set(key, html);
    }
    return { state: 'live', html, launch, partner };
  }

  /** The launch's links to library assets from this template, found by the asset's library page they stand for. */
  private async assetLinks(launchId: string, templateId: string): Promise<((url: string) => string) | undefined> {
    const template = await this.dataSource.getRepository(TemplateEntity).findOneBy({ id: templateId });
    if (!template) return undefined;
    const tracked = new Map<string, string>();
    for (const link of await this.links.linksOfLaunch(launchId)) {
      if (link.assetId && link.assetKey.startsWith(`${template.key}.`)) tracked.set(canonicalUrl(link.destinationUrl), link.url);
    }
    return tracked.size > 0 ? (url: string) => tracked.get(canonicalUrl(url)) ?? url : undefined;
  }
}
