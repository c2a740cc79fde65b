import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AssetChange, AssetHooks, AssetResolution, AssetResolver, assetRefId, AssetUsageService, UsageKind, UsageRef } from '@app/assets';
import { assetLibraryUrl, CoBrandService, fieldType, FieldRuleProblem, resolveFieldValues, stringEdits, templateAssetRefs, TemplateEntity, TemplateVersionEntity } from '@app/brand';
import {
  APP_CONFIG,
  AppConfig,
  AuditService,
  CacheInvalidation,
  Clock,
  ConflictError,
  decodeCursor,
  DomainError,
  isVendor,
  NotFoundError,
  onBehalfOfPartner,
  Page,
  parseLocalDateTime,
  partnerScope,
  Principal,
  scopeCovers,
  SystemScope,
  StorageService,
  toPage,
  uniqueViolation,
  ValidationFailedError,
} from '@app/core';
import { AudienceService } from '@app/contacts';
import { canonicalUrl, LinkMedium, LinkService } from '@app/links';
import { PartnerEntity, PartnerService } from '@app/partners';
import { BlastService } from './blast.service';
import { isEligible } from '@app/partners';
import { isAvailable } from './eligibility';
import { LAUNCHES_TOPIC } from './campaign-topics';
import { KitEntity } from './kit.entity';
import { KitService } from './kit.service';
import { KitVersionEntity } from './kit-version.entity';
import { LaunchEntity, LaunchMode, LaunchStatus } from './launch.entity';

export interface LaunchRequest {
  /** Vendors launching on a partner's behalf (concierge) say which partner. */
  partnerId?: string;
  /** Template id → field key → value. */
  edits?: Record<string, Record<string, unknown>>;
  audienceId?: string;
  /** When to send the blast: an ISO time with an offset, or a local time (`2026-12-01T09:00`) in the partner's zone. Default: now. */
  sendAt?: string;
  /** Which of the kit's email templates the blast sends; default: the kit's first. */
  emailTemplateId?: string;
}

export class LaunchBlockedError extends DomainError {
  constructor(problems: (FieldRuleProblem & { templateId: string })[]) {
    super('LAUNCH_BLOCKED', `The launch needs: ${problems.map((p) => p.message).join('; ')}`, 422, {
      fields: problems.map((p) => ({ field: `edits.${p.templateId}.${p.field}`, rule: p.rule, problems: [p.message] })),
    });
  }
}

interface FrozenTemplate {
  template: TemplateEntity;
  templateVersion: TemplateVersionEntity;
}

/** A launch's link to a library asset. */
interface AssetLink {
  linkId: string;
  assetId: string;
}

/** A banner of a launch as its detail shows it: the stored image, or withdrawn (its library background is). */
export type LaunchRenditionView =
  | { templateId: string; templateName: string; url: string; width: number; height: number; contentType: string }
  | { templateId: string; templateName: string; withdrawn: true };

/** A launch refused because its kit uses a library asset that is withdrawn (expired or archived, with no successor). */
export class KitAssetWithdrawnError extends ConflictError {
  constructor(assetId: string, field: string) {
    super('KIT_ASSET_WITHDRAWN', `This kit uses the library asset ${assetId}, which is withdrawn (expired or archived, with no successor); it cannot be launched until the vendor replaces it`, {
      assetId,
      field,
    });
  }
}

/** The usage-graph kind of a template's references within a launch. */
const USAGE_OF_KIND: Record<TemplateEntity['kind'], UsageKind> = { banner: 'rendition', landing_page: 'landing_page', email: 'email', social_post: 'launch' };

/**
 * Launches: a partner's running instance of a kit version. One click (partner), on the partner's
 * behalf (concierge), or automatically for opted-in partners; the same Idempotency-Key, a retried
 * job or a second click never makes a second launch.
 */
@Injectable()
export class LaunchService implements OnModuleInit {
  private readonly logger = new Logger(LaunchService.name);

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(LaunchEntity) private readonly launches: Repository<LaunchEntity>,
    private readonly kits: KitService,
    private readonly partners: PartnerService,
    private readonly cobrand: CoBrandService,
    private readonly links: LinkService,
    private readonly audit: AuditService,
    private readonly audiences: AudienceService,
    private readonly blasts: BlastService,
    private readonly clock: Clock,
    private readonly resolver: AssetResolver,
    private readonly usage: AssetUsageService,
    private readonly hooks: AssetHooks,
    private readonly storage: StorageService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly invalidation: CacheInvalidation,
  ) {}

  onModuleInit(): void {
    // An asset swapped to its successor (or usable again) re-renders the banners of the live launches using it.
    this.hooks.register('campaigns', (change) => this.assetsChanged(change));
  }

  async launch(principal: Principal, kitId: string, request: LaunchRequest, idempotencyKey: string | null): Promise<{ launch: LaunchEntity; created: boolean }> {
    const { partnerId } = partnerScope(principal, request.partnerId);
    if (request.partnerId !== undefined && request.partnerId !== partnerId) throw new NotFoundError('Kit');
    if (!partnerId) throw ValidationFailedError.field('partnerId', 'say which partner you launch for', 422);
    const partner = await this.partners.get(principal, partnerId);
    const mode: LaunchMode = isVendor(principal) ? 'concierge' : 'partner';
    return this.launchFor(principal.userId, partner, kitId, request, idempotencyKey, mode);
  }

  /** The auto-launch job: once per (kit version, partner), whatever retries or republishes happen. */
  async autoLaunch(kitVersionId: string, partnerId: string): Promise<LaunchEntity | null> {
    const version = await this.kits.findVersion(kitVersionId);
    const partner = await this.partners.find(SystemScope.partner(partnerId, 'the auto-launch job of this partner'), partnerId);
    if (!version || !partner) return null;
    const latest = await this.kits.latestPublished(version.kitId);
    if (latest?.id !== version.id) return null; // superseded before the job ran
    try {
      const { launch } = await this.launchFor(null, partner, version.kitId, {}, `auto.${version.id}`, 'auto');
      return launch;
    } catch (error) {
      if (error instanceof DomainError && ['KIT_ALREADY_LAUNCHED', 'LAUNCH_BLOCKED', 'KIT_NOT_AVAILABLE', 'KIT_ASSET_WITHDRAWN'].includes(error.code)) {
        this.logger.log(`auto-launch of ${version.id} for ${partnerId} skipped: ${error.message}`);
        return null;
      }
      throw error;
    }
  }

  private async launchFor(
    actorUserId: string | null,
    partner: PartnerEntity,
    kitId: string,
    request: LaunchRequest,
    idempotencyKey: string | null,
    mode: LaunchMode,
  ): Promise<{ launch: LaunchEntity; created: boolean }> {
    if (idempotencyKey) {
      const existing = await this.launches.findOneBy({ partnerId: partner.id, idempotencyKey });
      if (existing) {
        if (existing.kitId !== kitId) throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another kit', { field: 'Idempotency-Key' });
        return { launch: existing, created: false };
      }
    }
    const kit = await this.kits.findKit(kitId);
    const version = kit ? await this.kits.latestPublished(kitId) : null;
    // Not published or not eligible: the kit does not exist for this partner.
    if (!kit || kit.status !== 'published' || !version || !isEligible(version.eligibility, partner)) throw new NotFoundError('Kit');
    const now = this.clock.now();
    if (!isAvailable(version, now)) {
      throw new DomainError(
        'KIT_NOT_AVAILABLE',
        version.startsAt && now < version.startsAt
          ? `This kit can be launched from ${version.startsAt.toISOString()}`
          : `This kit could be launched until ${version.endsAt!.toISOString()}; it has ended`,
        422,
        { startsAt: version.startsAt?.toISOString() ?? null, endsAt: version.endsAt?.toISOString() ?? null },
      );
    }
    const templates = await this.frozenTemplates(version);
    const edits = await this.checkEdits(templates, partner, request.edits ?? {});
    const assets = await this.checkAssets(version, templates, edits);
    const blast = await this.planBlast(partner, templates, request, now, mode);

    let launch: LaunchEntity;
    try {
      launch = await this.dataSource.transaction(async (manager) => {
        const saved = await manager.save(
          manager.create(LaunchEntity, {
            kitId,
            kitVersionId: version.id,
            partnerId: partner.id,
            status: 'active',
            mode,
            edits,
            launchedBy: actorUserId,
            idempotencyKey,
            audienceId: blast?.audienceId ?? null,
            sendAt: blast?.sendAt ?? null,
            blastTemplateId: blast?.templateId ?? null,
            blastStatus: blast ? 'scheduled' : 'none',
            endedAt: null,
          }),
        );
        const assetLinks = await this.createLinks(saved, version, templates, partner, kit, manager);
        await this.usage.record(this.launchUsages(saved, version, templates, assetLinks, assets), manager);
        await this.audit.record(
          {
            actorUserId,
            onBehalfOfPartnerId: mode === 'partner' ? null : partner.id,
            action: `launch.created.${mode}`,
            entityType: 'launch',
            entityId: saved.id,
            after: { kitId, kitVersion: version.version, partnerId: partner.id },
          },
          manager,
        );
        // The kit's landing page at this partner's address now shows this launch, in every process.
        await this.invalidation.publish(LAUNCHES_TOPIC, [saved.id], manager);
        return saved;
      });
    } catch (error) {
      if (uniqueViolation(error, 'launches_idempotency_key') && idempotencyKey) {
        // Two requests with the same key at once: the other one won; answer with its launch.
        return { launch: await this.launches.findOneByOrFail({ partnerId: partner.id, idempotencyKey }), created: false };
      }
      if (uniqueViolation(error, 'launches_one_live')) {
        const live = await this.launches.findOne({ where: { kitId, partnerId: partner.id }, order: { createdAt: 'DESC' } });
        throw new ConflictError('KIT_ALREADY_LAUNCHED', 'This partner already has a live launch of this kit', { launchId: live?.id ?? null });
      }
      throw error;
    }
    await this.renderBanners(launch, templates, partner);
    return { launch, created: true };
  }

  /**
   * The library assets a launch would use (the kit's own, its asset destinations, and what its
   * templates refer to with these edits), resolved; a withdrawn one refuses the launch.
   */
  private async checkAssets(version: KitVersionEntity, templates: FrozenTemplate[], edits: Record<string, Record<string, string>>): Promise<Map<string, AssetResolution>> {
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

  /**
   * What a launch uses in the library: the kit's own assets (kind launch), each template's
   * references (its rendition, landing page or email: `<launch>:<template>`), its asset links.
   */
  private launchUsages(launch: LaunchEntity, version: KitVersionEntity, templates: FrozenTemplate[], assetLinks: AssetLink[], resolved: Map<string, AssetResolution>): UsageRef[] {
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
   * The blast part of a launch request: the audience must be the partner's, the template one of
   * the kit's emails, the send time now or later (a local time is read in the partner's zone).
   */
  private async planBlast(
    partner: PartnerEntity,
    templates: FrozenTemplate[],
    request: LaunchRequest,
    now: Date,
    mode: LaunchMode,
  ): Promise<{ audienceId: string; templateId: string; sendAt: Date } | null> {
    if (!request.audienceId) {
      if (request.sendAt !== undefined) throw ValidationFailedError.field('audienceId', 'say which audience to email at sendAt', 422);
      if (request.emailTemplateId !== undefined) throw ValidationFailedError.field('audienceId', 'say which audience to send the email to', 422);
      return null;
    }
    const emails = templates.filter((t) => t.template.kind === 'email');
    const chosen = request.emailTemplateId ? emails.find((t) => t.template.id === request.emailTemplateId) : emails[0];
    if (!chosen) {
      throw ValidationFailedError.field(request.emailTemplateId ? 'emailTemplateId' : 'audienceId', request.emailTemplateId ? 'is not an email template of this kit' : 'this kit has no email to send', 422);
    }
    // Scoped to the partner launched for: a concierge launch can only email that partner's own audience.
    try {
      await this.audiences.sendableContacts(partner.id, request.audienceId, { limit: 1 });
    } catch (error) {
      if (error instanceof NotFoundError) throw ValidationFailedError.field('audienceId', mode === 'partner' ? 'is not one of your audiences' : `is not one of ${partner.name}’s audiences`, 422);
      throw error;
    }
    let sendAt = now;
    if (request.sendAt !== undefined) {
      const local = parseLocalDateTime(request.sendAt, partner.timeZone);
      const parsed = local ?? new Date(request.sendAt);
      if (Number.isNaN(parsed.getTime())) throw ValidationFailedError.field('sendAt', 'must be an ISO 8601 time, with an offset or in your local time', 422);
      // A minute of grace for clocks and slow forms; earlier than that is a mistake, not "now".
      if (parsed.getTime() < now.getTime() - 60_000) throw ValidationFailedError.field('sendAt', `is in the past (${parsed.toISOString()})`, 422);
      sendAt = parsed.getTime() < now.getTime() ? now : parsed;
    }
    return { audienceId: request.audienceId, templateId: chosen.template.id, sendAt };
  }

  /**
   * The partner's own trackable link for every template × destination of the kit: every call to
   * action of the launch counts clicks for this partner and launch, and can only go where the kit
   * allows. Asset key `<template key>.<destination key>` (or `<template key>.<field key>` for a URL field outside the destinations).
   */
  private async createLinks(
    launch: LaunchEntity,
    version: KitVersionEntity,
    templates: FrozenTemplate[],
    partner: PartnerEntity,
    kit: KitEntity,
    manager: EntityManager,
  ): Promise<AssetLink[]> {
    const medium: Record<TemplateEntity['kind'], LinkMedium> = { email: 'email', landing_page: 'landing', banner: 'banner', social_post: 'social' };
    const destinations = new Set(version.destinations.flatMap((d) => (d.url ? [canonicalUrl(d.url)] : [])));
    // Links to library assets go here while the asset is withdrawn: the kit's first URL destination, or the partner's site.
    const assetFallback = version.destinations.find((d) => d.url)?.url ?? partner.website;
    const assetLinks: AssetLink[] = [];
    const assetLink = async (assetKey: string, linkMedium: LinkMedium, assetId: string) => {
      const link = await this.links.createLink(
        {
          partnerId: partner.id,
          launchId: launch.id,
          assetKey,
          medium: linkMedium,
          // The asset's library page: what emails and pages are given (and find the link by) in place of the reference.
          destinationUrl: assetLibraryUrl(this.config.publicUrl, assetId),
          assetId,
          partnerSlug: partner.slug,
          campaignSlug: kit.slug,
          fallbackUrl: assetFallback,
        },
        manager,
      );
      assetLinks.push({ linkId: link.id, assetId });
    };
    for (const { template, templateVersion } of templates) {
      // A vendor URL field (locked, or edited within its allowed domains) that is not one of the
      // kit's destinations still gets the partner's own link, so every link of the campaign counts.
      const values = resolveFieldValues(templateVersion.manifest, {}, launch.edits[template.id] ?? {});
      for (const field of templateVersion.manifest.fields) {
        const value = values[field.key];
        if (field.source === 'partner' || fieldType(field) !== 'url' || !value) continue;
        const assetId = assetRefId(value);
        if (assetId) {
          await assetLink(`${template.key}.${field.key}`, medium[template.kind], assetId);
          continue;
        }
        if (destinations.has(canonicalUrl(value))) continue;
        await this.links.createLink(
          {
            partnerId: partner.id,
            launchId: launch.id,
            assetKey: `${template.key}.${field.key}`,
            medium: medium[template.kind],
            destinationUrl: value,
            partnerSlug: partner.slug,
            campaignSlug: kit.slug,
            fallbackUrl: partner.website,
          },
          manager,
        );
      }
      for (const destination of version.destinations) {
        if (destination.assetId) {
          await assetLink(`${template.key}.${destination.key}`, medium[template.kind], destination.assetId);
          continue;
        }
        await this.links.createLink(
          {
            partnerId: partner.id,
            launchId: launch.id,
            assetKey: `${template.key}.${destination.key}`,
            medium: medium[template.kind],
            destinationUrl: destination.url!,
            partnerSlug: partner.slug,
            campaignSlug: kit.slug,
            fallbackUrl: partner.website,
          },
          manager,
        );
      }
    }
    return assetLinks;
  }

  /** The kit version's templates with their frozen versions, loaded once (two queries, no loop). */
  private async frozenTemplates(version: KitVersionEntity): Promise<FrozenTemplate[]> {
    const ids = version.templates.map((t) => t.templateId);
    const versionIds = version.templates.map((t) => t.templateVersionId!);
    const [templates, versions] = await Promise.all([
      this.dataSource.getRepository(TemplateEntity).findBy({ id: In(ids) }),
      this.dataSource.getRepository(TemplateVersionEntity).findBy({ id: In(versionIds) }),
    ]);
    return version.templates.map(({ templateId, templateVersionId }) => ({
      template: templates.find((t) => t.id === templateId)!,
      templateVersion: versions.find((v) => v.id === templateVersionId)!,
    }));
  }

  /** Checks every template's edits against its frozen version; launch blockers refuse the launch. */
  private async checkEdits(templates: FrozenTemplate[], partner: PartnerEntity, edits: Record<string, Record<string, unknown>>): Promise<Record<string, Record<string, string>>> {
    const known = new Set(templates.map((t) => t.template.id));
    const unknown = Object.keys(edits).filter((id) => !known.has(id));
    if (unknown.length > 0) throw ValidationFailedError.field(`edits.${unknown[0]}`, 'is not a template of this kit', 422);
    const problems: (FieldRuleProblem & { templateId: string })[] = [];
    const blockers: (FieldRuleProblem & { templateId: string })[] = [];
    const frozen: Record<string, Record<string, string>> = {};
    for (const { template, templateVersion } of templates) {
      const templateId = template.id;
      const given = edits[templateId] ?? {};
      const result = await this.cobrand.checkForLaunch(template.kind, templateVersion, partner, given);
      problems.push(...result.problems.map((p) => ({ ...p, templateId })));
      blockers.push(...result.launchBlockers.map((p) => ({ ...p, templateId })));
      frozen[templateId] = stringEdits(given);
    }
    if (problems.length > 0) {
      throw new DomainError('EDIT_INVALID', problems.map((p) => p.message).join('; '), 422, {
        fields: problems.map((p) => ({ field: `edits.${p.templateId}.${p.field}`, rule: p.rule, problems: [p.message] })),
      });
    }
    if (blockers.length > 0) throw new LaunchBlockedError(blockers);
    return frozen;
  }

  /**
   * The launch's co-branded banners, stored once (a re-render for the same inputs is a cache hit;
   * a library background swapped to its successor is new input). A live launch's rendition usages
   * follow the asset versions drawn in.
   */
  private async renderBanners(launch: LaunchEntity, templates: FrozenTemplate[], partner: PartnerEntity): Promise<LaunchRenditionView[]> {
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
    const templates = await this.frozenTemplates(version);
    if (!templates.some((t) => t.template.kind === 'banner')) return [];
    const partner = await this.dataSource.getRepository(PartnerEntity).findOneByOrFail({ id: launch.partnerId });
    const views = await this.renderBanners(launch, templates, partner);
    return Promise.all(views.map(async (v) => ('withdrawn' in v ? v : { ...v, url: await this.storage.presignGet(v.url) })));
  }

  /**
   * Re-renders the banners of live launches (after an asset swap): each gets a new rendition when
   * the files drawn into it changed, and its usages follow the new asset versions.
   */
  async rerender(launchIds: string[]): Promise<number> {
    if (launchIds.length === 0) return 0;
    const launches = await this.launches.findBy({ id: In([...new Set(launchIds)]), status: In(['active', 'paused']) });
    let rendered = 0;
    for (const launch of launches) {
      try {
        const version = await this.kits.findVersion(launch.kitVersionId);
        if (!version) continue;
        const templates = await this.frozenTemplates(version);
        const partner = await this.dataSource.getRepository(PartnerEntity).findOneByOrFail({ id: launch.partnerId });
        const assetLinks = (await this.links.linksOfLaunch(launch.id)).flatMap((l) => (l.assetId ? [{ linkId: l.id, assetId: l.assetId }] : []));
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

  private async assetsChanged(change: AssetChange): Promise<void> {
    const ids = [...new Set([...change.replaced, ...change.restored])];
    if (ids.length === 0) return;
    this.resolver.invalidate(ids);
    const using = await this.usage.liveLaunchesUsing(ids);
    const rendered = await this.rerender(using.map((u) => u.launchId));
    if (rendered > 0) this.logger.log(`re-rendered ${rendered} launch(es) after a change to ${ids.length} asset(s)`);
  }

  async list(principal: Principal, query: { limit?: number; cursor?: string; kitId?: string; partnerId?: string }): Promise<Page<LaunchEntity>> {
    const limit = query.limit ?? 25;
    const after = decodeCursor(query.cursor, 2, ([at, id]) => typeof at === 'string' && typeof id === 'string');
    const q = this.launches.createQueryBuilder('l');
    const scope = partnerScope(principal, query.partnerId);
    if (scope.partnerId !== null) q.andWhere('l.partnerId = :scope', { scope: scope.partnerId });
    if (query.kitId) q.andWhere('l.kitId = :kitId', { kitId: query.kitId });
    if (after) q.andWhere('(l.createdAt, l.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await q.orderBy('l.createdAt', 'DESC').addOrderBy('l.id', 'DESC').limit(limit + 1).getMany();
    return toPage(rows, limit, (l) => [l.createdAt.toISOString(), l.id]);
  }

  linksOf(launchId: string) {
    return this.links.linksOfLaunch(launchId);
  }

  /** A launch the caller may see (partners: their own; 404 otherwise), with whether an update exists. */
  async get(principal: Principal, id: string): Promise<{ launch: LaunchEntity; kit: KitEntity; version: KitVersionEntity; updateAvailable: boolean }> {
    const launch = await this.launches.findOneBy({ id });
    if (!launch || !scopeCovers(partnerScope(principal), launch.partnerId)) throw new NotFoundError('Launch');
    const kit = (await this.kits.findKit(launch.kitId))!;
    const version = (await this.kits.findVersion(launch.kitVersionId))!;
    const latest = await this.kits.latestPublished(launch.kitId);
    return { launch, kit, version, updateAvailable: launch.status !== 'ended' && kit.status === 'published' && latest !== null && latest.id !== version.id };
  }

  /** Pause, resume or end: by the partner (its own) or the vendor. An ended launch stays ended. */
  async setStatus(principal: Principal, id: string, next: LaunchStatus): Promise<LaunchEntity> {
    const { launch } = await this.get(principal, id);
    const allowed: Record<LaunchStatus, LaunchStatus[]> = { active: ['paused', 'ended'], paused: ['active', 'ended'], ended: [] };
    if (launch.status === next) return launch;
    if (!allowed[launch.status].includes(next)) throw new DomainError('LAUNCH_STATUS', `A ${launch.status} launch cannot become ${next}`, 409);
    return this.dataSource.transaction(async (manager) => {
      await manager.update(LaunchEntity, { id }, { status: next, ...(next === 'ended' ? { endedAt: this.clock.now() } : {}) });
      // An ended launch's links go to their fallback; a paused one only stops sending.
      if (next === 'ended') {
        await this.links.endLinksOfLaunch(id, manager);
        await this.usage.deactivateLaunch(id, manager);
      }
      await this.blasts.statusChanged(id, next, manager);
      await this.invalidation.publish(LAUNCHES_TOPIC, [id], manager);
      await this.audit.record(
        {
          actorUserId: principal.userId,
          onBehalfOfPartnerId: onBehalfOfPartner(principal, launch.partnerId),
          action: `launch.${next === 'active' ? 'resumed' : next}`,
          entityType: 'launch',
          entityId: id,
          before: { status: launch.status },
          after: { status: next },
        },
        manager,
      );
      return { ...launch, status: next, ...(next === 'ended' ? { endedAt: this.clock.now() } : {}) };
    });
  }

  /** Categories a partner has opted in to for auto-launch (partner users: their own partner only). */
  async optIns(principal: Principal, partnerId: string): Promise<string[]> {
    await this.partners.get(principal, partnerId);
    const rows = await this.dataSource.query<{ category: string }[]>('SELECT category FROM auto_launch_optins WHERE partner_id = $1 ORDER BY category', [partnerId]);
    return rows.map((r) => r.category);
  }

  async setOptIns(principal: Principal, partnerId: string, categories: string[]): Promise<string[]> {
    await this.partners.get(principal, partnerId);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM auto_launch_optins WHERE partner_id = $1', [partnerId]);
      for (const category of [...new Set(categories)]) await manager.query('INSERT INTO auto_launch_optins (partner_id, category) VALUES ($1, $2)', [partnerId, category]);
      await this.audit.record({ actorUserId: principal.userId, action: 'partner.auto_launch_changed', entityType: 'partner', entityId: partnerId, after: { categories } }, manager);
    });
    return this.optIns(principal, partnerId);
  }
}
