import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AssetResolution, AssetResolver, AssetSummaryService, AssetUsageService } from '@app/assets';
import { TemplateService } from '@app/brand';
import {
  AuditService,
  CacheInvalidation,
  checkViolation,
  Clock,
  ConflictError,
  decodeCursor,
  DomainError,
  jobId,
  JobOutbox,
  NotFoundError,
  Page,
  partnerScope,
  Principal,
  toPage,
  uniqueViolation,
  ValidationFailedError,
} from '@app/core';
import { LinkService } from '@app/links';
import { isEligible, PartnerService } from '@app/partners';
import { isAvailable } from './eligibility';
import { destinationProblems, kitAssetRefs, KitAssetRef } from './kit-assets';
import { AutoLaunchProgress, CreateKitDto, KitDestinationDto, UpdateKitDto } from './kit.dto';
import { KITS_TOPIC } from './campaign-topics';
import { KitEntity, KitStatus } from './kit.entity';
import { KitVersionEntity } from './kit-version.entity';
import { KitRepository } from './kit.repository';
import { LaunchRepository } from './launch.repository';

export interface KitWithVersion {
  kit: KitEntity;
  version: KitVersionEntity;
}

/** A kit in a list: its latest version (partners: the published one) and the number of its newest published version. */
export interface KitListItem extends KitWithVersion {
  publishedVersion: number | null;
}

export interface KitListQuery {
  limit?: number;
  cursor?: string;
  status?: KitStatus;
  /** Name (of the version the caller sees), slug or category contains (case-insensitive). */
  q?: string;
}


/** A library asset of a kit as its detail shows it. */
export interface KitLibraryAsset {
  id: string;
  title: string | null;
  type: string | null;
  state: AssetResolution['state'];
}

/**
 * A referenced asset that needs attention: `withdrawn` (or `unknown`) blocks launches; `replaced`
 * is informational (its successor stands in).
 */
export interface KitAssetIssue {
  assetId: string;
  title: string | null;
  state: 'withdrawn' | 'replaced' | 'unknown';
  blocking: boolean;
  successor: { id: string; title: string } | null;
  /** The kit's fields that refer to it. */
  fields: string[];
}

export interface KitAssetSummary {
  assets: KitLibraryAsset[];
  assetIssues: KitAssetIssue[];
}

/** Campaign kits: drafts vendors edit, versions they publish to the eligible partners, retirement. */
@Injectable()
export class KitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kits: KitRepository,
    private readonly launches: LaunchRepository,
    private readonly partners: PartnerService,
    private readonly templates: TemplateService,
    private readonly assets: AssetSummaryService,
    private readonly jobs: JobOutbox,
    private readonly links: LinkService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly resolver: AssetResolver,
    private readonly usage: AssetUsageService,
    private readonly invalidation: CacheInvalidation,
  ) {}

  /**
   * Vendors: every kit with its latest version. Partners: the catalog — published kits they are
   * eligible for and that are available now; anything else does not exist for them.
   */
  async list(principal: Principal, query: KitListQuery): Promise<Page<KitListItem>> {
    const limit = query.limit ?? 25;
    const after = decodeCursor(query.cursor, 1, ([slug]) => typeof slug === 'string');
    const { partnerId } = partnerScope(principal);
    const partner = partnerId !== null;
    const filter = { publishedOnly: partner, ...(query.status ? { status: query.status } : {}), ...(query.q !== undefined ? { q: query.q } : {}), ...(after ? { after: String(after[0]) } : {}) };
    if (!partner) {
      const kits = await this.kits.list(filter, limit + 1);
      const page = toPage(kits, limit, (k) => [k.slug]);
      const latest = await this.kits.latestWithPublished(page.items.map((k) => k.id));
      return { items: page.items.map((kit) => ({ kit, ...latest.get(kit.id)! })), nextCursor: page.nextCursor };
    }
    const profile = await this.partners.get(principal, partnerId);
    // Eligibility is checked in code on a bounded page; kits per program number in the hundreds.
    const kits = await this.kits.list(filter, 500);
    const latest = await this.kits.latestVersions(kits.map((k) => k.id), true);
    const now = this.clock.now();
    const visible = kits
      .map((kit) => ({ kit, version: latest.get(kit.id)!, publishedVersion: latest.get(kit.id)?.version ?? null }))
      .filter(({ version }) => version && isEligible(version.eligibility, profile) && isAvailable(version, now));
    return toPage(visible.slice(0, limit + 1), limit, (r) => [r.kit.slug]);
  }

  /** The number of a kit's newest published version, or null. */
  async publishedVersionOf(kitId: string): Promise<number | null> {
    return (await this.latestPublished(kitId))?.version ?? null;
  }

  /**
   * Vendors: the kit's newest published version and its auto-launch progress, also while a draft of
   * the next version is being edited.
   */
  async publication(kit: KitEntity): Promise<{ publishedVersion: number | null; autoLaunch: AutoLaunchProgress }> {
    const published = await this.latestPublished(kit.id);
    return { publishedVersion: published?.version ?? null, autoLaunch: published ? await this.autoLaunchProgress(kit, published) : { total: 0, launched: 0 } };
  }

  /** A kit as the caller may see it: partners only published, eligible, available kits (404 otherwise). */
  async get(principal: Principal, id: string): Promise<KitWithVersion> {
    const kit = await this.kits.findKit(id);
    if (!kit) throw new NotFoundError('Kit');
    const { partnerId } = partnerScope(principal);
    if (partnerId === null) {
      const version = (await this.kits.latestVersions([id], false)).get(id)!;
      return { kit, version };
    }
    const version = await this.visibleToPartner(kit, principal, partnerId);
    if (!version) throw new NotFoundError('Kit');
    return { kit, version };
  }

  /** The published version a partner may launch now, or null (not published, not eligible, outside the window). */
  async visibleToPartner(kit: KitEntity, principal: Principal, partnerId: string): Promise<KitVersionEntity | null> {
    if (kit.status !== 'published') return null;
    const partner = await this.partners.get(principal, partnerId);
    const version = (await this.kits.latestVersions([kit.id], true)).get(kit.id);
    if (!version || !isEligible(version.eligibility, partner) || !isAvailable(version, this.clock.now())) return null;
    return version;
  }

  async latestPublished(kitId: string): Promise<KitVersionEntity | null> {
    return (await this.kits.latestVersions([kitId], true)).get(kitId) ?? null;
  }

  findVersion(id: string): Promise<KitVersionEntity | null> {
    return this.kits.findVersion(id);
  }

  findKit(id: string): Promise<KitEntity | null> {
    return this.kits.findKit(id);
  }

  async create(actor: Principal, dto: CreateKitDto): Promise<KitWithVersion> {
    const destinations = shapeDestinations(dto.destinations);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const kit = await manager.save(manager.create(KitEntity, { slug: dto.slug, category: dto.category, status: 'draft', createdBy: actor.userId }));
        const version = await manager.save(
          manager.create(KitVersionEntity, {
            kitId: kit.id,
            version: 1,
            status: 'draft',
            name: dto.name.trim(),
            description: dto.description ?? '',
            objective: dto.objective ?? '',
            templates: dto.templateIds.map((templateId) => ({ templateId, templateVersionId: null })),
            destinations: destinations ?? [],
            assetIds: uniqueIds(dto.assetIds),
            eligibility: dto.eligibility ?? {},
            startsAt: dto.startsAt ? new Date(dto.startsAt) : null,
            endsAt: dto.endsAt ? new Date(dto.endsAt) : null,
            createdBy: actor.userId,
          }),
        );
        await this.audit.record({ actorUserId: actor.userId, action: 'kit.created', entityType: 'kit', entityId: kit.id, after: { slug: dto.slug } }, manager);
        return { kit, version };
      });
    } catch (error) {
      if (uniqueViolation(error, 'kits_slug_key')) throw new ConflictError('KIT_SLUG_TAKEN', 'Another kit already uses this slug', { field: 'slug' });
      if (checkViolation(error, 'kit_versions_window')) throw ValidationFailedError.field('endsAt', 'must be after startsAt');
      throw error;
    }
  }

  /** Edits the draft; after a publish, the edit starts the next version. Running launches keep theirs. */
  async updateDraft(actor: Principal, id: string, dto: UpdateKitDto): Promise<KitVersionEntity> {
    const destinations = shapeDestinations(dto.destinations);
    return this.dataSource.transaction(async (manager) => {
      const kit = await manager.createQueryBuilder(KitEntity, 'k').setLock('pessimistic_write').where('k.id = :id', { id }).getOne();
      if (!kit) throw new NotFoundError('Kit');
      if (kit.status === 'retired') throw new DomainError('KIT_RETIRED', 'A retired kit cannot be changed', 409);
      const latest = await manager.findOne(KitVersionEntity, { where: { kitId: id }, order: { version: 'DESC' } });
      const changes: Partial<KitVersionEntity> = {
        ...(dto.name !== undefined ? { name: dto.name.trim() } : {}),
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        ...(dto.objective !== undefined ? { objective: dto.objective } : {}),
        ...(dto.templateIds !== undefined ? { templates: dto.templateIds.map((templateId) => ({ templateId, templateVersionId: null })) } : {}),
        ...(destinations !== undefined ? { destinations } : {}),
        ...(dto.assetIds !== undefined ? { assetIds: uniqueIds(dto.assetIds) } : {}),
        ...(dto.eligibility !== undefined ? { eligibility: dto.eligibility } : {}),
        ...(dto.startsAt !== undefined ? { startsAt: dto.startsAt ? new Date(dto.startsAt) : null } : {}),
        ...(dto.endsAt !== undefined ? { endsAt: dto.endsAt ? new Date(dto.endsAt) : null } : {}),
      };
      const merged = { ...latest, ...changes };
      if (merged.startsAt && merged.endsAt && merged.startsAt >= merged.endsAt) throw ValidationFailedError.field('endsAt', 'must be after startsAt');
      if (latest?.status === 'draft') {
        Object.assign(latest, changes);
        return manager.save(latest);
      }
      return manager.save(
        manager.create(KitVersionEntity, {
          kitId: id,
          version: (latest?.version ?? 0) + 1,
          status: 'draft',
          name: latest?.name ?? '',
          description: latest?.description ?? '',
          objective: latest?.objective ?? '',
          templates: (latest?.templates ?? []).map((t) => ({ templateId: t.templateId, templateVersionId: null })),
          destinations: latest?.destinations ?? [],
          assetIds: latest?.assetIds ?? [],
          eligibility: latest?.eligibility ?? {},
          startsAt: latest?.startsAt ?? null,
          endsAt: latest?.endsAt ?? null,
          createdBy: actor.userId,
          ...changes,
        }),
      );
    });
  }

  /**
   * Publishes the draft: every template must have a published version (frozen into the kit
   * version), destinations must be unique, named partners and tiers must exist. Every eligible
   * partner that opted in to the category gets an auto-launch job (deterministic id: once each),
   * recorded in the job outbox by the publish transaction: a process that dies after the commit
   * leaves the jobs to the next relay, never a kit published with launches missing.
   */
  async publish(actor: Principal, id: string): Promise<KitWithVersion & { autoLaunch: AutoLaunchProgress }> {
    const { kit, version, partners } = await this.dataSource.transaction(async (manager) => {
      const kit = await manager.createQueryBuilder(KitEntity, 'k').setLock('pessimistic_write').where('k.id = :id', { id }).getOne();
      if (!kit) throw new NotFoundError('Kit');
      if (kit.status === 'retired') throw new DomainError('KIT_RETIRED', 'A retired kit cannot be published again', 409);
      const draft = await manager.findOne(KitVersionEntity, { where: { kitId: id, status: 'draft' } });
      if (!draft) throw new DomainError('NOTHING_TO_PUBLISH', 'There is no draft to publish; edit the kit first', 409);
      const problems: { field: string; problems: string[] }[] = [];
      const templateIds = draft.templates.map((t) => t.templateId);
      const published = await this.templates.latestPublishedVersionIds(templateIds, manager);
      const frozen = draft.templates.map((t) => ({ templateId: t.templateId, templateVersionId: published.get(t.templateId) ?? null }));
      frozen.forEach((t, i) => {
        if (!t.templateVersionId) problems.push({ field: `templateIds[${i}]`, problems: ['has no published version (publish the template first)'] });
      });
      const keys = draft.destinations.map((d) => d.key);
      if (new Set(keys).size !== keys.length) problems.push({ field: 'destinations', problems: ['destination keys must be unique'] });
      problems.push(...(await this.partners.eligibilityProblems(draft.eligibility, manager)));
      // Every library asset the kit refers to (its own, its destinations', its templates') must be usable now.
      const refs = kitAssetRefs({ ...draft, templates: frozen }, await this.usage.assetsOfTemplateVersions(frozen.flatMap((t) => (t.templateVersionId ? [t.templateVersionId] : [])), manager));
      const resolved = refs.length > 0 ? await this.resolver.resolve(refs.map((r) => r.assetId), manager) : new Map<string, AssetResolution>();
      for (const ref of refs) {
        const resolution = resolved.get(ref.assetId)!;
        if (resolution.state === 'unknown') problems.push({ field: ref.field, problems: [`asset ${ref.assetId} does not exist in the library`] });
        else if (!resolution.target) problems.push({ field: ref.field, problems: [`asset ${ref.assetId} is withdrawn (expired or archived, with no successor)`] });
      }
      if (problems.length > 0) throw new ValidationFailedError(problems, 422);
      await manager.update(KitVersionEntity, { id: draft.id }, { templates: frozen, status: 'published', publishedBy: actor.userId, publishedAt: this.clock.now() });
      await this.usage.record(
        [...new Set(refs.map((r) => r.assetId))].map((assetId) => ({ assetId, assetVersionId: resolved.get(assetId)!.target!.versionId, kind: 'kit' as const, refId: draft.id, kitId: id })),
        manager,
      );
      await manager.update(KitEntity, { id }, { status: 'published' });
      await this.audit.record({ actorUserId: actor.userId, action: 'kit.published', entityType: 'kit', entityId: id, after: { version: draft.version } }, manager);
      const version = { ...draft, templates: frozen, status: 'published' as const, publishedAt: this.clock.now() };
      const partners = await this.autoLaunchPartners(kit, version, manager);
      await this.jobs.addMany(
        manager,
        'auto-launch',
        partners.map((partnerId) => ({ payload: { kitVersionId: version.id, partnerId }, jobId: jobId('auto-launch', version.id, partnerId) })),
      );
      return { kit: { ...kit, status: 'published' as const }, version, partners };
    });
    if (partners.length > 0) await this.jobs.wake();
    return { kit, version, autoLaunch: { total: partners.length, launched: 0 } };
  }

  /** Retires the kit: no new launches; its live launches end. */
  async retire(actor: Principal, id: string): Promise<KitEntity> {
    return this.dataSource.transaction(async (manager) => {
      const kit = await manager.createQueryBuilder(KitEntity, 'k').setLock('pessimistic_write').where('k.id = :id', { id }).getOne();
      if (!kit) throw new NotFoundError('Kit');
      await manager.update(KitEntity, { id }, { status: 'retired' });
      for (const launchId of await this.launches.endLiveOfKit(manager, id, this.clock.now())) {
        await this.links.endLinksOfLaunch(launchId, manager);
        await this.usage.deactivateLaunch(launchId, manager);
      }
      await this.audit.record({ actorUserId: actor.userId, action: 'kit.retired', entityType: 'kit', entityId: id }, manager);
      await this.invalidation.publish(KITS_TOPIC, [id], manager);
      return { ...kit, status: 'retired' as const };
    });
  }

  /**
   * The library side of a kit version: its own assets with their state, and every referenced asset
   * (own, destinations, templates) that is withdrawn (blocks launches) or replaced by a successor.
   * A draft's templates count with their latest published versions.
   */
  async assetSummary(version: KitVersionEntity): Promise<KitAssetSummary> {
    const refs = await this.assetRefsOf(version);
    if (refs.length === 0) return { assets: [], assetIssues: [] };
    const ids = [...new Set(refs.map((r) => r.assetId))];
    const [resolved, own] = await Promise.all([this.resolver.resolve(ids), this.assets.byIds(ids)]);
    const assets = (version.assetIds ?? []).map((id) => ({ id, title: own.get(id)?.title ?? null, type: own.get(id)?.type ?? null, state: resolved.get(id)!.state }));
    const assetIssues: KitAssetIssue[] = [];
    for (const id of ids) {
      const resolution = resolved.get(id)!;
      if (resolution.state === 'live') continue;
      assetIssues.push({
        assetId: id,
        title: own.get(id)?.title ?? null,
        state: resolution.state,
        blocking: resolution.state !== 'replaced',
        successor: resolution.state === 'replaced' && resolution.target ? { id: resolution.target.assetId, title: resolution.target.title } : null,
        fields: refs.filter((r) => r.assetId === id).map((r) => r.field),
      });
    }
    return { assets, assetIssues };
  }

  /** Where a kit version refers to the library (a draft's templates: their latest published versions). */
  async assetRefsOf(version: KitVersionEntity): Promise<KitAssetRef[]> {
    const unfrozen = version.templates.filter((t) => !t.templateVersionId).map((t) => t.templateId);
    const latest = await this.templates.latestPublishedVersionIds(unfrozen);
    const templates = version.templates.map((t) => ({ templateId: t.templateId, templateVersionId: t.templateVersionId ?? latest.get(t.templateId) ?? null }));
    const templateAssets = await this.usage.assetsOfTemplateVersions(templates.flatMap((t) => (t.templateVersionId ? [t.templateVersionId] : [])));
    return kitAssetRefs({ ...version, templates }, templateAssets);
  }

  /** Auto-launch progress of a published version: n of N opted-in eligible partners launched. */
  async autoLaunchProgress(kit: KitEntity, version: KitVersionEntity): Promise<AutoLaunchProgress> {
    if (version.status !== 'published') return { total: 0, launched: 0 };
    const total = (await this.autoLaunchPartners(kit, version)).length;
    return { total, launched: await this.launches.countAutoLaunches(version.id) };
  }

  /** Eligible partners (active or onboarding) that opted in to the kit's category. */
  private async autoLaunchPartners(kit: KitEntity, version: KitVersionEntity, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const optedIn = await this.launches.optedIn(kit.category, manager);
    const partners = await this.partners.eligibilityFactsOfActive(optedIn, manager);
    return partners.filter((p) => isEligible(version.eligibility, p)).map((p) => p.id);
  }
}


/** Destinations as stored: exactly one of url and assetId each (a 400 naming the destination otherwise). */
function shapeDestinations(destinations: KitDestinationDto[] | undefined): KitVersionEntity['destinations'] | undefined {
  if (destinations === undefined) return undefined;
  const problems = destinationProblems(destinations);
  if (problems.length > 0) throw new ValidationFailedError(problems);
  return destinations.map((d) => ({ key: d.key, label: d.label, ...(d.assetId !== undefined ? { assetId: d.assetId.toLowerCase() } : { url: d.url! }) }));
}

function uniqueIds(ids: string[] | undefined): string[] {
  return [...new Set((ids ?? []).map((id) => id.toLowerCase()))];
}
