import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BrandKitService, CoBrandService, TemplateEntity, TemplateVersionEntity } from '@app/brand';
import { APP_CONFIG, AppConfig, Lru } from '@app/core';
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
 * frozen kit version and edits, cached per (launch, partner profile, brand kit) version.
 */
@Injectable()
export class LandingPageService {
  private readonly pages = new Lru<string>(500);

  constructor(
    private readonly dataSource: DataSource,
    private readonly partners: PartnerRepository,
    private readonly cobrand: CoBrandService,
    private readonly brand: BrandKitService,
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
    const key = `${launch.id}:${partner.profileVersion}:${kitVersion}`;
    let html = this.pages.get(key);
    if (!html) {
      html = await this.cobrand.renderLanding(landing, partner, launch.edits[landing.templateId] ?? {}, `${this.config.publicUrl}/p/${partner.slug}/${kit.slug}/lead`);
      this.pages.set(key, html);
    }
    return { state: 'live', html, launch, partner };
  }
}
