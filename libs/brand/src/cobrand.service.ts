import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { convert } from 'html-to-text';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, Lru, NotFoundError, partnerScope, PlatformMail, Principal, StorageService, ValidationFailedError } from '@app/core';
import { AssetResolution, AssetResolver, assetRefId } from '@app/assets';
import { PartnerEntity, PartnerService } from '@app/partners';
import { BannerRenderer, RenderedBanner } from './banner-renderer';
import { BrandKitEntity } from './brand-kit.entity';
import { BrandKitService, BrandTokens } from './brand-kit.service';
import { AssetField, assetFields, checkEdits, FieldRuleProblem, launchBlockers, PartnerProfileValues, resolveFieldValues, stringEdits } from './field-values';
import { fieldType, SOCIAL_NETWORKS, TextZone } from './manifest';
import { RenditionEntity } from './rendition.entity';
import { RenditionRepository, StoredRendition } from './rendition.repository';
import { compileHandlebars, compileMjml, RenderFunction, TemplateKind } from './template-compiler';
import { TemplateAssetUse, TemplateService, TemplateInvalidError } from './template.service';
import { TemplateVersionEntity } from './template-version.entity';
import type { EmailPreview, LandingPagePreview, SocialPostPreview } from './template.dto';

export interface RecipientValues {
  firstName: string;
  lastName: string;
  email: string;
  company: string;
}

export interface EmailLinks {
  unsubscribe: string;
  viewInBrowser: string;
}

export interface RenderedEmail {
  subject: string;
  preheader: string;
  html: string;
  text: string;
}

/** One template version, ready to render many times: MJML and Handlebars already compiled. */
export interface CompiledVersion {
  html: RenderFunction | null;
  text: RenderFunction | null;
  subject: RenderFunction | null;
  preheader: RenderFunction | null;
}

/** An email co-branded for one partner, rendered per recipient at the cost of two Handlebars runs. */
export interface PreparedEmail {
  render(recipient: RecipientValues, links: EmailLinks): RenderedEmail;
}

export interface CoBrandInput {
  /** Vendors say which partner to render for; partner users always get their own. */
  partnerId?: string;
  edits: Record<string, unknown>;
  version?: 'published' | 'draft';
}

export type Preview = EmailPreview | LandingPagePreview | SocialPostPreview | { kind: 'banner'; image: RenderedBanner; launchBlockers: FieldRuleProblem[] };

/** A banner whose background is a library image that is withdrawn (expired or archived, no successor). */
export class AssetWithdrawnError extends DomainError {
  constructor(assetId: string) {
    super('ASSET_WITHDRAWN', `The library asset ${assetId} is withdrawn (expired or archived, with no successor)`, 409, { assetId });
  }
}

/** The library's page of an asset: where a URL field that refers to an asset leads outside a launch. */
export function assetLibraryUrl(publicUrl: string, assetId: string): string {
  return `${publicUrl}/api/v1/library/${assetId}`;
}

/**
 * Every library asset one template version uses for a partner: URL and image fields whose value
 * (after the partner's edits) is a reference, and a banner's background.
 */
export function templateAssetRefs(version: Pick<TemplateVersionEntity, 'manifest' | 'banner'>, edits: Record<string, string>): string[] {
  const ids = assetFields(version.manifest, resolveFieldValues(version.manifest, {}, edits)).map((f) => f.assetId);
  const background = assetRefId(version.banner?.background);
  if (background) ids.push(background);
  return [...new Set(ids)];
}

/** A stored banner for a launch, and the asset versions drawn into it. */
export interface LaunchRendition {
  rendition: RenditionEntity;
  assets: TemplateAssetUse[];
}

/** The library assets of one render, resolved once (per preview, per prepared email, per page). */
interface RenderAssets {
  fields: AssetField[];
  background: string | null;
  resolutions: Map<string, AssetResolution>;
}

export class EditInvalidError extends DomainError {
  constructor(problems: FieldRuleProblem[]) {
    super('EDIT_INVALID', problems.map((p) => p.message).join('; '), 422, {
      fields: problems.map((p) => ({ field: p.field, rule: p.rule, problems: [p.message] })),
    });
  }
}

const SAMPLE_RECIPIENT: RecipientValues = { firstName: 'Alex', lastName: 'Sample', email: 'alex.sample@example.com', company: 'Example Corp' };
const CACHE_LIMIT = 200;
const TEXT_OPTIONS = {
  wordwrap: false as const,
  selectors: [
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
  ],
};

/**
 * The plain-text part of an email, derived from its compiled HTML while the Handlebars expressions
 * are still in it (they survive the conversion). Shared with the golden-file tests.
 */
export function emailTextSource(html: string): string {
  return convert(html, TEXT_OPTIONS);
}

/**
 * Co-branding: a template rendered for one partner from locked values, the partner's profile and
 * the partner's edits, which are validated against the manifest first. Previews never write.
 */
@Injectable()
export class CoBrandService {
  private readonly compiled = new Lru<CompiledVersion>(CACHE_LIMIT);
  private readonly blobs = new Lru<Buffer>(64);
  private readonly banners: BannerRenderer;

  constructor(
    private readonly templates: TemplateService,
    private readonly brand: BrandKitService,
    private readonly partners: PartnerService,
    private readonly storage: StorageService,
    private readonly platformMail: PlatformMail,
    private readonly resolver: AssetResolver,
    @InjectRepository(RenditionEntity) private readonly renditions: Repository<RenditionEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storedRenditions: RenditionRepository,
  ) {
    this.banners = new BannerRenderer({ fontsDir: path.join(config.assetsDir, 'fonts'), maxInputPixels: config.uploads.maxInputPixels });
  }

  /** Checks edits without rendering: constraint problems, and what would still block a launch. */
  async validate(principal: Principal, templateId: string, input: CoBrandInput): Promise<{ valid: boolean; problems: FieldRuleProblem[]; launchBlockers: FieldRuleProblem[] }> {
    const ctx = await this.context(principal, templateId, input);
    const problems = [...checkEdits(ctx.version.manifest, input.edits, this.brand.palette(ctx.kit))];
    if (problems.length === 0) problems.push(...(await this.fitProblems(ctx.template.kind, ctx.version, ctx.values)));
    return { valid: problems.length === 0, problems, launchBlockers: launchBlockers(ctx.version.manifest, ctx.edits) };
  }

  async preview(principal: Principal, templateId: string, input: CoBrandInput): Promise<Preview> {
    const ctx = await this.context(principal, templateId, input);
    const problems = checkEdits(ctx.version.manifest, input.edits, this.brand.palette(ctx.kit));
    if (problems.length > 0) throw new EditInvalidError(problems);
    const fit = await this.fitProblems(ctx.template.kind, ctx.version, ctx.values);
    if (fit.length > 0) throw new EditInvalidError(fit);
    const blockers = launchBlockers(ctx.version.manifest, ctx.edits);
    const compiled = await this.compile(ctx.template.kind, ctx.version);
    const assets = await this.resolveAssets(ctx.version, ctx.values);
    // Outside a launch a URL field that refers to an asset leads to the library's page of what stands in now.
    const values = this.withAssets(ctx.values, assets, (_assetId, resolution) => assetLibraryUrl(this.config.publicUrl, resolution.target?.assetId ?? resolution.assetId));
    switch (ctx.template.kind) {
      case 'email': {
        const email = emailRenderer(compiled, values, ctx.tokens).render(SAMPLE_RECIPIENT, {
          unsubscribe: `${this.config.publicUrl}/u/preview`,
          viewInBrowser: `${this.config.publicUrl}/v/preview`,
        });
        return { kind: 'email', ...email, launchBlockers: blockers };
      }
      case 'landing_page': {
        const html = compiled.html!({ ...values, brand: ctx.tokens, links: { leadForm: `${this.config.publicUrl}/p/${ctx.partner.slug}/preview/lead` } });
        return { kind: 'landing_page', html, launchBlockers: blockers };
      }
      case 'social_post': {
        const text = this.socialText(compiled, values, ctx.tokens);
        return { kind: 'social_post', text, lengths: socialLengths(text, ctx.version.social?.networks ?? []), launchBlockers: blockers };
      }
      case 'banner': {
        const background = this.bannerBackground(ctx.version, assets);
        const key = this.renditionKey(ctx.version, ctx.partner, ctx.kit, ctx.values, ctx.version.banner!.format, assets);
        const stored = await this.renditions.findOneBy({ cacheKey: key });
        if (stored) {
          // Rendered before (for a launch or a download): serve those bytes, render nothing.
          return { kind: 'banner', image: { data: await this.storage.getBuffer(stored.storageKey), width: stored.width, height: stored.height, contentType: stored.contentType as RenderedBanner['contentType'] }, launchBlockers: blockers };
        }
        return { kind: 'banner', image: await this.renderBanner(ctx.version, ctx.partner, ctx.kit, ctx.values, background), launchBlockers: blockers };
      }
    }
  }

  /** Sends the email preview to the requesting user, marked as a test. */
  async testSend(principal: Principal, templateId: string, input: CoBrandInput): Promise<{ to: string }> {
    const preview = await this.preview(principal, templateId, input);
    if (preview.kind !== 'email') throw new DomainError('TEMPLATE_NOT_EMAIL', 'Only email templates can be sent as a test', 409);
    await this.platformMail.queue(null, {
      to: principal.email,
      subject: `[Test] ${preview.subject}`,
      html: preview.html,
      text: preview.text,
      reference: `template-test:${templateId}`,
    });
    return { to: principal.email };
  }

  /**
   * A stored co-branded banner, rendered once per (version, partner profile, brand kit, values,
   * format) and fetched from storage after that.
   */
  async bannerRendition(principal: Principal, templateId: string, input: CoBrandInput): Promise<{ rendition: RenditionEntity; url: string; cached: boolean }> {
    const ctx = await this.context(principal, templateId, { ...input, version: 'published' });
    if (ctx.template.kind !== 'banner') throw new DomainError('TEMPLATE_NOT_BANNER', 'Only banner templates have image renditions', 409);
    const problems = checkEdits(ctx.version.manifest, input.edits, this.brand.palette(ctx.kit));
    // Text that does not fit is an edit problem here too, named as the preview names it.
    if (problems.length === 0) problems.push(...(await this.fitProblems(ctx.template.kind, ctx.version, ctx.values)));
    if (problems.length > 0) throw new EditInvalidError(problems);
    const assets = await this.resolveAssets(ctx.version, ctx.values);
    const { rendition, cached } = await this.storeBanner(ctx.version, ctx.partner, ctx.kit, ctx.values, assets);
    return { rendition, url: await this.storage.presignGet(rendition.storageKey), cached };
  }

  /**
   * For a launch: checks a partner's edits to one frozen template version. `problems` refuse the
   * edit; `launchBlockers` (required, mustChange) refuse the launch.
   */
  async checkForLaunch(kind: TemplateKind, version: TemplateVersionEntity, partner: PartnerEntity, edits: Record<string, unknown>): Promise<{ problems: FieldRuleProblem[]; launchBlockers: FieldRuleProblem[] }> {
    const kit = await this.brand.current();
    const problems = checkEdits(version.manifest, edits, this.brand.palette(kit));
    const values = stringEdits(edits);
    if (problems.length === 0) problems.push(...(await this.fitProblems(kind, version, resolveFieldValues(version.manifest, this.profileValues(partner), values))));
    return { problems, launchBlockers: launchBlockers(version.manifest, values) };
  }

  /**
   * For a launch: its co-branded landing page, the form posting to `leadFormUrl`. `trackUrl` gives
   * the launch's link for a URL field that refers to a library asset (called with the asset's library page).
   */
  async renderLanding(version: TemplateVersionEntity, partner: PartnerEntity, edits: Record<string, string>, leadFormUrl: string, trackUrl?: (url: string) => string): Promise<string> {
    const kit = await this.brand.current();
    const values = resolveFieldValues(version.manifest, this.profileValues(partner), edits);
    const compiled = await this.compile('landing_page', version);
    const assets = await this.resolveAssets(version, values);
    return compiled.html!({ ...this.withAssets(values, assets, this.trackedAssetUrl(trackUrl)), brand: this.brand.tokens(kit), links: { leadForm: leadFormUrl } });
  }

  /**
   * What a launch's rendering of one version depends on in the library, as a short stamp: caches of
   * rendered pages add it to their key, so a swap to a successor (or a withdrawal) renders anew.
   */
  async assetStamp(version: TemplateVersionEntity, edits: Record<string, string>): Promise<string> {
    const ids = templateAssetRefs(version, edits);
    if (ids.length === 0) return '';
    const resolved = await this.resolver.resolve(ids);
    return ids.map((id) => `${id}=${resolved.get(id)?.target?.versionId ?? 'withdrawn'}`).join(',');
  }

  /**
   * For a launch: the stored co-branded image of a frozen banner version (rendered once per
   * inputs, the library files drawn into it included: after a swap to a successor it renders anew).
   * A withdrawn background refuses with ASSET_WITHDRAWN.
   */
  async launchRendition(version: TemplateVersionEntity, partner: PartnerEntity, edits: Record<string, string>): Promise<LaunchRendition> {
    const kit = await this.brand.current();
    const values = resolveFieldValues(version.manifest, this.profileValues(partner), edits);
    const assets = await this.resolveAssets(version, values);
    const { rendition } = await this.storeBanner(version, partner, kit, values, assets);
    const used = [...assets.resolutions.values()].flatMap((r) => (r.target ? [{ assetId: r.assetId, versionId: r.target.versionId }] : []));
    return { rendition, assets: used };
  }

  private async storeBanner(version: TemplateVersionEntity, partner: PartnerEntity, kit: BrandKitEntity, values: Record<string, string>, assets: RenderAssets): Promise<{ rendition: RenditionEntity; cached: boolean }> {
    const format = version.banner!.format;
    const background = this.bannerBackground(version, assets);
    const key = this.renditionKey(version, partner, kit, values, format, assets);
    const existing = await this.renditions.findOneBy({ cacheKey: key });
    if (existing) return { rendition: existing, cached: true };
    const image = await this.renderBanner(version, partner, kit, values, background);
    const storageKey = `renditions/${partner.id}/${key}.${format === 'jpeg' ? 'jpg' : format}`;
    await this.storage.put(storageKey, image.data, image.contentType);
    await this.renditions
      .createQueryBuilder()
      .insert()
      .values({ cacheKey: key, templateVersionId: version.id, partnerId: partner.id, storageKey, contentType: image.contentType, width: image.width, height: image.height, bytes: image.data.length })
      .orIgnore()
      .execute();
    return { rendition: await this.renditions.findOneByOrFail({ cacheKey: key }), cached: false };
  }

  /**
   * For sending: an email co-branded for a partner, to render for each recipient. `trackUrl`
   * replaces the vendor's URL fields (locked and editable, not the partner's own profile links)
   * with the launch's trackable links.
   */
  async prepareEmail(version: TemplateVersionEntity, partner: PartnerEntity, edits: Record<string, string>, trackUrl?: (url: string) => string): Promise<PreparedEmail> {
    const kit = await this.brand.current();
    const values = resolveFieldValues(version.manifest, this.profileValues(partner), edits);
    // Library assets are resolved here, once per prepared email: every recipient shares the result.
    const assets = await this.resolveAssets(version, values);
    const referring = new Set(assets.fields.map((f) => f.key));
    if (trackUrl) {
      for (const field of version.manifest.fields) {
        if (field.source !== 'partner' && !referring.has(field.key) && fieldType(field) === 'url' && values[field.key]) values[field.key] = trackUrl(values[field.key]!);
      }
    }
    return emailRenderer(await this.compile('email', version), this.withAssets(values, assets, this.trackedAssetUrl(trackUrl)), this.brand.tokens(kit));
  }

  /** The library assets a version uses with these values (fields and a banner background), resolved in one call. */
  private async resolveAssets(version: TemplateVersionEntity, values: Record<string, string>): Promise<RenderAssets> {
    const fields = assetFields(version.manifest, values);
    const background = version.banner ? assetRefId(version.banner.background) : null;
    const ids = [...fields.map((f) => f.assetId), ...(background ? [background] : [])];
    return { fields, background, resolutions: ids.length > 0 ? await this.resolver.resolve(ids) : new Map<string, AssetResolution>() };
  }

  /**
   * The values with asset references replaced by what the page or email shows: an image field the
   * asset's public image (or the withdrawn placeholder), a URL field what `urlFor` says.
   */
  private withAssets(values: Record<string, string>, assets: RenderAssets, urlFor: (assetId: string, resolution: AssetResolution) => string): Record<string, string> {
    if (assets.fields.length === 0) return values;
    const shown = { ...values };
    for (const field of assets.fields) {
      const resolution = assets.resolutions.get(field.assetId)!;
      if (field.type === 'url') shown[field.key] = urlFor(field.assetId, resolution);
      // A successor that is not an image cannot stand in for one: the image shows as withdrawn.
      else shown[field.key] = this.resolver.imageUrl(resolution.target?.type === 'image' ? resolution : { ...resolution, state: 'withdrawn', target: null });
    }
    return shown;
  }

  /**
   * For a launch: the launch's link to the asset (its links lead to the referenced asset's library
   * page, so `trackUrl` finds them by it); without one, the library page of what stands in now.
   */
  private trackedAssetUrl(trackUrl?: (url: string) => string): (assetId: string, resolution: AssetResolution) => string {
    return (assetId, resolution) => {
      const page = assetLibraryUrl(this.config.publicUrl, assetId);
      const tracked = trackUrl ? trackUrl(page) : page;
      return tracked !== page ? tracked : assetLibraryUrl(this.config.publicUrl, resolution.target?.assetId ?? assetId);
    };
  }

  /** The storage key of a banner's background: its upload, or the library image standing in now. */
  private bannerBackground(version: TemplateVersionEntity, assets: RenderAssets): string {
    if (!assets.background) return version.backgroundKey!;
    const target = assets.resolutions.get(assets.background)?.target;
    if (!target || target.type !== 'image') throw new AssetWithdrawnError(assets.background);
    return target.storageKey;
  }

  private socialText(compiled: CompiledVersion, values: Record<string, string>, tokens: BrandTokens): string {
    return compiled.text!({ ...values, brand: tokens }).trim();
  }

  private async context(principal: Principal, templateId: string, input: CoBrandInput) {
    const { partnerId } = partnerScope(principal, input.partnerId);
    if (input.partnerId !== undefined && input.partnerId !== partnerId) throw new NotFoundError('Partner');
    if (!partnerId) throw ValidationFailedError.field('partnerId', 'say which partner to render for', 422);
    const partner = await this.partners.get(principal, partnerId);
    const { template, version } = await this.templates.versionFor(principal, templateId, input.version ?? 'published');
    if (version.status === 'draft') {
      const { problems } = await this.templates.check(template.kind, version);
      if (problems.length > 0) throw new TemplateInvalidError(problems);
    }
    const kit = await this.brand.current();
    const edits = stringEdits(input.edits);
    const values = resolveFieldValues(version.manifest, this.profileValues(partner), edits);
    return { partner, template, version, kit, tokens: this.brand.tokens(kit), edits, values };
  }

  private profileValues(partner: PartnerEntity): PartnerProfileValues {
    return {
      logo: partner.logoKey ? this.brand.mediaUrl(partner.logoKey) : null,
      name: partner.name,
      phone: partner.phone,
      address: partner.address,
      website: partner.website,
      disclaimer: partner.legalDisclaimer,
      colour: partner.brandColour,
    };
  }

  /** Banner text that does not fit its zone, and social posts over a network's limit: edit-time errors. */
  private async fitProblems(kind: TemplateKind, version: TemplateVersionEntity, values: Record<string, string>): Promise<FieldRuleProblem[]> {
    const problems: FieldRuleProblem[] = [];
    if (kind === 'banner' && version.banner) {
      for (const zone of version.banner.zones.filter((z): z is TextZone => z.type === 'text')) {
        const fit = await this.banners.fitText(zone, values[zone.field] ?? '');
        if (!fit.ok) problems.push({ field: zone.field, rule: 'fit', message: `${zone.field}: ${fit.reason}` });
      }
    }
    if (kind === 'social_post') {
      const compiled = await this.compile(kind, version);
      const text = this.socialText(compiled, values, this.brand.tokens(await this.brand.current()));
      const editable = version.manifest.fields.find((f) => f.source === 'editable')?.key ?? 'body';
      for (const [network, { length, limit }] of Object.entries(socialLengths(text, version.social?.networks ?? []))) {
        if (length > limit) problems.push({ field: editable, rule: 'length', message: `${editable}: the post is ${length} characters; ${network} allows ${limit}` });
      }
    }
    return problems;
  }

  private async compile(kind: TemplateKind, version: TemplateVersionEntity): Promise<CompiledVersion> {
    const cacheKey = `${version.id}:${version.status === 'draft' ? version.updatedAt.getTime() : 'published'}`;
    const hit = this.compiled.get(cacheKey);
    if (hit) return hit;
    let result: CompiledVersion = { html: null, text: null, subject: null, preheader: null };
    if (kind === 'email' || kind === 'landing_page') {
      let html = version.status === 'published' ? await this.templates.compiledHtml(version.id) : '';
      if (!html) {
        const compiled = await compileMjml(version.body, version.manifest, kind);
        if (compiled.problems.length > 0) throw new TemplateInvalidError(compiled.problems);
        html = compiled.html;
      }
      result = {
        html: compileHandlebars(html, 'html'),
        // The plain-text part is derived once from the compiled HTML; its expressions survive the conversion.
        text: kind === 'email' ? compileHandlebars(emailTextSource(html), 'text') : null,
        subject: compileHandlebars(version.subject ?? '', 'text'),
        preheader: compileHandlebars(version.preheader ?? '', 'text'),
      };
    } else if (kind === 'social_post') {
      result.text = compileHandlebars(version.body, 'text');
    }
    this.compiled.set(cacheKey, result);
    return result;
  }

  private async renderBanner(version: TemplateVersionEntity, partner: PartnerEntity, kit: BrandKitEntity, values: Record<string, string>, backgroundKey: string): Promise<RenderedBanner> {
    const spec = version.banner!;
    const images: Record<string, Buffer | null> = {};
    for (const zone of spec.zones) if (zone.type === 'logo') images[zone.field] = partner.logoKey ? await this.blob(partner.logoKey) : null;
    const colours = Object.fromEntries(Object.entries(kit.colours).map(([k, v]) => [`brand.${k}`, v]));
    return this.banners.render(spec, { background: await this.blob(backgroundKey), values, images, colours });
  }

  /** Stored files by content-hashed key: immutable, so safe to keep in memory. */
  private async blob(key: string): Promise<Buffer> {
    const hit = this.blobs.get(key);
    if (hit) return hit;
    const data = await this.storage.getBuffer(key);
    this.blobs.set(key, data);
    return data;
  }

  private renditionKey(version: TemplateVersionEntity, partner: PartnerEntity, kit: BrandKitEntity, values: Record<string, string>, format: string, assets: RenderAssets): string {
    const canonical = JSON.stringify(Object.keys(values).sort().map((k) => [k, values[k]]));
    const parts = [version.id, partner.id, partner.profileVersion, kit.version, format, canonical];
    // The library files drawn in: a swap to a successor is a new rendition. Absent without assets, so older keys stay valid.
    const files = [...assets.resolutions.values()].map((r) => `${r.assetId}=${r.target?.versionId ?? 'withdrawn'}`).sort();
    if (files.length > 0) parts.push(files.join(','));
    return createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 40);
  }

  /** The latest stored rendition of each (partner, template version) pair that has one, in one query (MDF proof packs). */
  latestRenditions(pairs: { partnerId: string; templateVersionId: string }[]): Promise<StoredRendition[]> {
    return this.storedRenditions.latestOf(pairs);
  }
}

/** The per-recipient renderer of an email (pure): one partner's values and the brand kit, fixed once per send. */
export function emailRenderer(compiled: CompiledVersion, values: Record<string, string>, tokens: BrandTokens): PreparedEmail {
  // One context for every recipient, only `recipient` and `links` swapped: rendering is synchronous, and building a
  // fresh 20-key context per recipient cost about a fifth of the render (bench/render.ts).
  const context: Record<string, unknown> = { ...values, brand: tokens, recipient: undefined, links: undefined };
  return {
    render: (recipient, links) => {
      context.recipient = recipient;
      context.links = links;
      return {
        subject: oneLine(compiled.subject!(context)),
        preheader: oneLine(compiled.preheader!(context)),
        html: compiled.html!(context),
        text: compiled.text!(context),
      };
    },
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Post length per network; X counts every link as 23 characters (t.co). */
export function socialLengths(text: string, networks: (keyof typeof SOCIAL_NETWORKS)[]): Record<string, { length: number; limit: number }> {
  const lengths: Record<string, { length: number; limit: number }> = {};
  for (const network of networks) {
    const counted = network === 'x' ? text.replace(/https?:\/\/\S+/g, 'x'.repeat(23)) : text;
    lengths[network] = { length: [...counted].length, limit: SOCIAL_NETWORKS[network] };
  }
  return lengths;
}

