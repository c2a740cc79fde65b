import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, AuditService, CacheInvalidation, Clock, ImageService, Principal, StorageService } from '@app/core';
import { BrandColours, BrandFonts, BrandKitEntity } from './brand-kit.entity';

/** The brand kit as templates see it: `{{brand.primary}}`, `{{brand.logoUrl}}`, … */
export interface BrandTokens {
  primary: string;
  secondary: string;
  accent: string;
  text: string;
  background: string;
  logoUrl: string;
  legalFooter: string;
  name: string;
  fontHeading: string;
  fontBody: string;
}

export interface BrandKitInput {
  name: string;
  colours: BrandColours;
  fonts: BrandFonts;
  legalFooter: string;
}

const FALLBACK_STACK = 'Helvetica, Arial, sans-serif';

/** Used until a vendor saves its own: a neutral, readable kit. */
const DEFAULT_KIT: BrandKitInput = {
  name: 'Vendor',
  colours: { primary: '#1F6FEB', secondary: '#0E7C66', accent: '#D29922', text: '#1B1F24', background: '#FFFFFF' },
  fonts: { heading: 'Helvetica', body: 'Helvetica' },
  legalFooter: '',
};

/** The invalidation topic each new brand kit version is announced on (key: the version). */
export const BRAND_KIT_TOPIC = 'brand-kit';

/** The vendor's brand kit. Every change is a new version, so renditions can be keyed by it. */
@Injectable()
export class BrandKitService {
  constructor(
    @InjectRepository(BrandKitEntity) private readonly kits: Repository<BrandKitEntity>,
    private readonly images: ImageService,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly invalidation: CacheInvalidation,
  ) {}

  async current(): Promise<BrandKitEntity> {
    const [kit] = await this.kits.find({ order: { version: 'DESC' }, take: 1 });
    return kit ?? Object.assign(new BrandKitEntity(), { id: 'default', version: 0, logoKey: null, createdBy: null, createdAt: new Date(0), ...DEFAULT_KIT });
  }

  async update(actor: Principal | null, input: BrandKitInput): Promise<BrandKitEntity> {
    const current = await this.current();
    return this.saveVersion(actor, { ...input, logoKey: current.logoKey }, 'brand_kit.updated');
  }

  async setLogo(actor: Principal | null, upload: Buffer): Promise<BrandKitEntity> {
    const image = await this.images.normaliseLogo(upload, { maxInputPixels: this.config.uploads.maxInputPixels, maxSide: 1024, field: 'file' });
    const key = `brand/logo-${createHash('sha256').update(image.data).digest('hex').slice(0, 16)}.png`;
    await this.storage.put(key, image.data, image.contentType);
    const current = await this.current();
    return this.saveVersion(actor, { name: current.name, colours: current.colours, fonts: current.fonts, legalFooter: current.legalFooter, logoKey: key }, 'brand_kit.logo_changed');
  }

  tokens(kit: BrandKitEntity): BrandTokens {
    return {
      ...kit.colours,
      logoUrl: kit.logoKey ? this.mediaUrl(kit.logoKey) : '',
      legalFooter: kit.legalFooter,
      name: kit.name,
      fontHeading: `${kit.fonts.heading}, ${FALLBACK_STACK}`,
      fontBody: `${kit.fonts.body}, ${FALLBACK_STACK}`,
    };
  }

  /** The colours an editable `colour` field may take. */
  palette(kit: BrandKitEntity): string[] {
    const { primary, secondary, accent, text, background } = kit.colours;
    return [primary, secondary, accent, text, background];
  }

  /** Public URL of a stored image that appears in emails and pages (served by /media/…). */
  mediaUrl(key: string): string {
    return `${this.config.publicUrl}/media/${key}`;
  }

  private async saveVersion(actor: Principal | null, input: BrandKitInput & { logoKey: string | null }, action: string): Promise<BrandKitEntity> {
    return this.kits.manager.transaction(async (manager) => {
      // Serialise concurrent edits: each takes the next version number.
      await manager.query('LOCK TABLE brand_kits IN SHARE ROW EXCLUSIVE MODE');
      const rows = await manager.query<{ max: number | null }[]>('SELECT max(version) AS max FROM brand_kits');
      const kit = manager.create(BrandKitEntity, {
        ...input,
        version: (rows[0]?.max ?? 0) + 1,
        createdBy: actor?.userId ?? null,
        createdAt: this.clock.now(),
      });
      const saved = await manager.save(kit);
      await this.audit.record({ actorUserId: actor?.userId ?? null, action, entityType: 'brand_kit', entityId: String(saved.version), after: input }, manager);
      await this.invalidation.publish(BRAND_KIT_TOPIC, [String(saved.version)], manager);
      return saved;
    });
  }
}
