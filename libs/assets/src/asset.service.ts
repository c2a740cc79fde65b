import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  AppConfig,
  AuditService,
  Clock,
  decodeCursor,
  FieldProblem,
  isCreatedAtCursor,
  NotFoundError,
  Page,
  Principal,
  StorageService,
  toPage,
  UserRepository,
  ValidationFailedError,
  jobId,
  JobOutbox,
} from '@app/core';
import { Eligibility, isEligible, PartnerService } from '@app/partners';
import { AssetArchivedError } from './asset.errors';
import { AssetLifecycleService } from './asset-lifecycle.service';
import { statusAt } from './asset-status';
import { AssetUsageService } from './asset-usage.service';
import { describe, summariesById } from './asset-view';
import { AssetRepository, AssetRow } from './asset.repository';
import {
  AssetDetailDto,
  AssetDto,
  AssetOwnerDto,
  AssetVersionDto,
  BulkExtendDto,
  BulkExtendReportDto,
  BulkExtendResultDto,
  CreateAssetDto,
  EligibilityImpactDto,
  ListAssetsQuery,
  UpdateAssetDto,
  WhoUses,
} from './asset.dto';
import type { AssetType } from './asset.types';

/** The owner picker lists at most this many vendor users; a vendor team is far smaller. */
const MAX_OWNERS = 1000;

/**
 * The asset library as vendors manage it: metadata, dates, successors, archive, bulk extension,
 * versions, who uses an asset and what an eligibility change would take away (partners browse it
 * through `PartnerLibraryService`).
 * Every change is audited in its transaction; after commit the lifecycle reconciles the asset and
 * cached resolutions are dropped, so kits, launches and links follow at once.
 */
@Injectable()
export class AssetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assets: AssetRepository,
    private readonly users: UserRepository,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly partners: PartnerService,
    private readonly usage: AssetUsageService,
    private readonly lifecycle: AssetLifecycleService,
    private readonly jobs: JobOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, dto: CreateAssetDto, requestId: string | null): Promise<AssetDetailDto> {
    const now = this.clock.now();
    const publishAt = dto.publishAt ? new Date(dto.publishAt) : now;
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    const problems = this.dateProblems(publishAt, expiresAt, now, true);
    const ownerUserId = (dto.ownerUserId ?? principal.userId).toLowerCase();
    const eligibility = normaliseEligibility(dto.eligibility);
    const id = randomUUID();
    const change = AssetService.changeJob();
    await this.dataSource.transaction(async (manager) => {
      problems.push(...(await this.ownerProblems(manager, ownerUserId)), ...(await this.partners.eligibilityProblems(eligibility, manager)));
      const successorId = dto.successorId ? dto.successorId.toLowerCase() : null;
      if (successorId) problems.push(...(await this.successorProblems(manager, id, dto.type, successorId, now)));
      if (problems.length > 0) throw new ValidationFailedError(problems, 422);
      const status = statusAt({ status: 'live', publishAt, expiresAt }, now, this.config.assets.warningDays);
      const fields = { title: dto.title, description: dto.description ?? '', tags: normaliseTags(dto.tags), locale: dto.locale ?? 'en', ownerUserId, eligibility, publishAt, expiresAt, successorId };
      await this.assets.insert(manager, { ...fields, id, type: dto.type, status, createdBy: principal.userId, now });
      const after = await this.assets.find(id, manager);
      await this.record(manager, principal, 'asset.created', id, undefined, after, requestId);
      await this.recordChange(manager, change, [id]);
    });
    await this.afterChange([id], change);
    return this.detail(id);
  }

  async list(query: ListAssetsQuery): Promise<Page<AssetDto>> {
    const limit = query.limit ?? 25;
    const after = decodeCursor(query.cursor, 2, isCreatedAtCursor) as [string, string] | undefined;
    const now = this.clock.now();
    const rows = await this.assets.list(
      {
        limit,
        ...(query.q !== undefined ? { q: query.q } : {}),
        ...(query.type ? { type: query.type } : {}),
        ...(query.tag !== undefined ? { tag: query.tag } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.ownerUserId ? { ownerUserId: query.ownerUserId.toLowerCase() } : {}),
        ...(after ? { after } : {}),
      },
      now,
      this.config.assets.warningDays,
    );
    const items = await this.toDtos(rows, now, null);
    return toPage(items, limit, (a) => [a.createdAt.toISOString(), a.id]);
  }

  async detail(id: string): Promise<AssetDetailDto> {
    const row = await this.assets.find(id);
    if (!row) throw new NotFoundError('Asset');
    const [dto] = await this.toDtos([row], this.clock.now(), null);
    return { ...dto!, versions: await this.versions(id, false) };
  }

  /** The asset's files, newest first. */
  async versions(id: string, mustExist = true): Promise<AssetVersionDto[]> {
    if (mustExist) await this.mustExist(id);
    const rows = await this.assets.versions(id);
    return Promise.all(
      rows.map(async (v) => ({
        id: v.id,
        version: v.version,
        fileName: v.file_name,
        contentType: v.content_type,
        bytes: Number(v.bytes),
        sha256: v.sha256,
        width: v.width,
        height: v.height,
        thumbnailUrl: v.thumbnail_key ? await this.storage.presignGet(v.thumbnail_key) : null,
        uploadedBy: v.uploaded_by,
        createdAt: v.created_at,
      })),
    );
  }

  async update(principal: Principal, id: string, dto: UpdateAssetDto, requestId: string | null): Promise<AssetDetailDto> {
    const change = AssetService.changeJob();
    await this.dataSource.transaction(async (manager) => {
      const before = await this.assets.find(id, manager, true);
      if (!before) throw new NotFoundError('Asset');
      if (before.status === 'archived') throw new AssetArchivedError();
      const now = this.clock.now();
      const publishAt = dto.publishAt ? new Date(dto.publishAt) : before.publish_at;
      const expiresAt = dto.expiresAt === undefined ? before.expires_at : dto.expiresAt === null ? null : new Date(dto.expiresAt);
      // A date that is not being changed may well be in the past already (a published asset).
      const problems = this.dateProblems(publishAt, expiresAt, now, dto.expiresAt !== undefined && dto.expiresAt !== null);
      if (dto.ownerUserId) problems.push(...(await this.ownerProblems(manager, dto.ownerUserId.toLowerCase())));
      const eligibility = dto.eligibility ? normaliseEligibility(dto.eligibility) : null;
      if (eligibility) problems.push(...(await this.partners.eligibilityProblems(eligibility, manager)));
      const successorId = dto.successorId === undefined ? before.successor_id : dto.successorId === null ? null : dto.successorId.toLowerCase();
      if (successorId && successorId !== before.successor_id) problems.push(...(await this.successorProblems(manager, id, before.type, successorId, now)));
      if (problems.length > 0) throw new ValidationFailedError(problems, 422);
      await this.assets.update(
        manager,
        id,
        {
          title: dto.title ?? before.title,
          description: dto.description ?? before.description,
          tags: dto.tags ? normaliseTags(dto.tags) : before.tags,
          locale: dto.locale ?? before.locale,
          ownerUserId: dto.ownerUserId?.toLowerCase() ?? before.owner_user_id,
          eligibility: eligibility ?? before.eligibility,
          publishAt,
          expiresAt,
          successorId,
        },
        now,
      );
      await this.record(manager, principal, 'asset.updated', id, before, await this.assets.find(id, manager), requestId);
      await this.recordChange(manager, change, [id]);
    });
    await this.afterChange([id], change);
    return this.detail(id);
  }

  /** Withdraws an asset by hand, for good: it leaves the library and what uses it moves to its successor or is held. */
  async archive(principal: Principal, id: string, requestId: string | null): Promise<AssetDetailDto> {
    const change = AssetService.changeJob();
    const changed = await this.dataSource.transaction(async (manager) => {
      const before = await this.assets.find(id, manager, true);
      if (!before) throw new NotFoundError('Asset');
      if (before.status === 'archived') return false;
      await this.assets.archive(manager, id, this.clock.now());
      await this.record(manager, principal, 'asset.archived', id, before, await this.assets.find(id, manager), requestId);
      await this.recordChange(manager, change, [id]);
      return true;
    });
    if (changed) await this.afterChange([id], change);
    return this.detail(id);
  }

  /** Moves the expiry of many assets to one later date; each asset is reported (extended or why not). */
  async bulkExtend(principal: Principal, dto: BulkExtendDto, requestId: string | null): Promise<BulkExtendReportDto> {
    const now = this.clock.now();
    const expiresAt = new Date(dto.expiresAt);
    if (expiresAt.getTime() <= now.getTime()) throw ValidationFailedError.field('expiresAt', 'must be in the future', 422);
    const ids = [...new Set(dto.assetIds.map((id) => id.toLowerCase()))];
    const change = AssetService.changeJob();
    const results = await this.dataSource.transaction(async (manager) => {
      const rows = await this.assets.findMany(ids, manager, true);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const outcome: BulkExtendResultDto[] = [];
      const extend: AssetRow[] = [];
      for (const id of ids) {
        const row = byId.get(id);
        if (!row) outcome.push({ assetId: id, outcome: 'not_found', message: 'no asset has this id', expiresAt: null });
        else if (row.status === 'archived') outcome.push({ assetId: id, outcome: 'archived', message: 'archived assets cannot be extended', expiresAt: row.expires_at });
        else if (row.expires_at === null) outcome.push({ assetId: id, outcome: 'not_later', message: 'it never expires', expiresAt: null });
        else if (row.expires_at.getTime() >= expiresAt.getTime()) outcome.push({ assetId: id, outcome: 'not_later', message: 'it already expires on or after this date', expiresAt: row.expires_at });
        else if (row.publish_at.getTime() >= expiresAt.getTime()) outcome.push({ assetId: id, outcome: 'publishes_later', message: 'it is published on or after this date', expiresAt: row.expires_at });
        else {
          extend.push(row);
          outcome.push({ assetId: id, outcome: 'extended', expiresAt });
        }
      }
      if (extend.length > 0) {
        await this.assets.extend(manager, extend.map((r) => r.id), expiresAt, now);
        for (const before of extend) {
          await this.record(manager, principal, 'asset.extended', before.id, { expiresAt: before.expires_at }, { expiresAt }, requestId);
        }
        await this.recordChange(manager, change, extend.map((r) => r.id));
      }
      return outcome;
    });
    const extended = results.filter((r) => r.outcome === 'extended').map((r) => r.assetId);
    if (extended.length > 0) await this.afterChange(extended, change);
    return { extended: extended.length, results };
  }

  /** "Who uses this?": kits, launches, pages, emails, sequences and links referring to the asset. */
  async whoUses(id: string): Promise<WhoUses> {
    await this.mustExist(id);
    return this.usage.whoUses(id);
  }

  /** Who may own assets: the active vendor users, by name. */
  async owners(): Promise<AssetOwnerDto[]> {
    const users = await this.users.listActiveVendorUsers(MAX_OWNERS);
    return users.map((u) => ({ id: u.id, name: u.name, email: u.email }));
  }

  /**
   * What giving the asset this eligibility would change: the partners who may find it in the
   * library now and would not, and of them those whose live launches use it. Nothing is changed;
   * the launches would keep using it (see `UpdateAssetDto.eligibility`).
   */
  async eligibilityImpact(id: string, proposed: Eligibility): Promise<EligibilityImpactDto> {
    const current = await this.assets.eligibilityOf(id);
    if (!current) throw new NotFoundError('Asset');
    const next = normaliseEligibility(proposed);
    const n = await this.partners.countLosingEligibility(current, next);
    const launches = await this.usage.liveLaunchesByPartner(id);
    const partners = new Map((await this.partners.briefs(launches.map((l) => l.partnerId))).map((p) => [p.id, p]));
    const using = launches.flatMap((l) => {
      const p = partners.get(l.partnerId);
      return p ? [{ id: p.id, name: p.name, tier_id: p.tierId, region: p.region, launches: l.launches }] : [];
    });
    const losing = using
      .filter((p) => {
        const who = { id: p.id, tierId: p.tier_id, region: p.region };
        return isEligible(current, who) && !isEligible(next, who);
      })
      .map((p) => ({ id: p.id, name: p.name, liveLaunches: p.launches }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { partnersLosingAccess: n, liveLaunches: losing.reduce((sum, p) => sum + p.liveLaunches, 0), partners: losing };
  }

  /** The asset a new version is uploaded to, checked before anything is read from the upload. */
  async forUpload(id: string): Promise<{ id: string; type: AssetType }> {
    const row = await this.assets.typeAndStatus(id);
    if (!row) throw new NotFoundError('Asset');
    if (row.status === 'archived') throw new AssetArchivedError();
    return { id: row.id, type: row.type };
  }

  private async toDtos(rows: AssetRow[], now: Date, manager: EntityManager | null): Promise<AssetDto[]> {
    const ids = rows.flatMap((r) => (r.successor_id ? [r.successor_id] : []));
    const successors = summariesById(await this.assets.summaries(ids, manager ?? undefined), now, this.config.assets.warningDays);
    return Promise.all(
      rows.map(async (r) => ({
        ...describe(r),
        ownerUserId: r.owner_user_id,
        eligibility: r.eligibility,
        status: statusAt({ status: r.status, publishAt: r.publish_at, expiresAt: r.expires_at }, now, this.config.assets.warningDays),
        successor: r.successor_id ? (successors.get(r.successor_id) ?? null) : null,
        currentVersionId: r.current_version_id,
        thumbnailUrl: r.thumbnail_key ? await this.storage.presignGet(r.thumbnail_key) : null,
        archivedAt: r.archived_at,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      })),
    );
  }

  private async mustExist(id: string): Promise<void> {
    if (!(await this.assets.exists(id))) throw new NotFoundError('Asset');
  }

  private dateProblems(publishAt: Date, expiresAt: Date | null, now: Date, expiryChanged: boolean): FieldProblem[] {
    if (!expiresAt) return [];
    if (expiresAt.getTime() <= publishAt.getTime()) return [{ field: 'expiresAt', problems: ['must be after publishAt'] }];
    if (expiryChanged && expiresAt.getTime() <= now.getTime()) return [{ field: 'expiresAt', problems: ['must be in the future (archive an asset to withdraw it now)'] }];
    return [];
  }

  private async ownerProblems(manager: EntityManager, userId: string): Promise<FieldProblem[]> {
    return !(await this.users.isActiveVendorUser(userId, manager)) ? [{ field: 'ownerUserId', problems: ['must be an active vendor user'] }] : [];
  }

  /**
   * A successor must exist, be another asset of the same type, be neither archived nor expired,
   * and not lead back to this asset along its own chain. Successor changes are serialised (an
   * advisory lock) so two changes cannot close a cycle between them.
   */
  private async successorProblems(manager: EntityManager, assetId: string, type: AssetType, successorId: string, now: Date): Promise<FieldProblem[]> {
    const problem = (text: string): FieldProblem[] => [{ field: 'successorId', problems: [text] }];
    if (successorId === assetId) return problem('an asset cannot succeed itself');
    await this.assets.lockSuccessorChanges(manager);
    const successor = await this.assets.find(successorId, manager);
    if (!successor) return problem('no asset has this id');
    if (successor.type !== type) return problem(`must be another ${type} asset (this one is a ${successor.type})`);
    if (successor.status === 'archived') return problem('is archived');
    if (successor.expires_at && successor.expires_at.getTime() <= now.getTime()) return problem('has expired');
    const chain = await this.assets.chainFrom(manager, successorId);
    if (chain.includes(assetId)) return problem('would make a cycle: that asset is already succeeded, along its chain, by this one');
    return [];
  }

  private async record(manager: EntityManager, principal: Principal, action: string, id: string, before: unknown, after: unknown, requestId: string | null): Promise<void> {
    await this.audit.record({ actorUserId: principal.userId, action, entityType: 'asset', entityId: id, before, after, requestId }, manager);
  }

  /** A fresh id for the reconcile job of one change (see `recordChange`). */
  static changeJob(): string {
    return jobId('asset-changed', randomUUID());
  }

  /**
   * In the change's transaction: the `asset-changed` job that does what `afterChange` does, should
   * the process die between the commit and `afterChange`.
   */
  async recordChange(manager: EntityManager, change: string, ids: string[]): Promise<void> {
    await this.jobs.add(manager, 'asset-changed', { assetIds: ids }, change);
  }

  /**
   * After commit: the lifecycle brings the changed assets up to date, then drops the cached
   * resolutions of these and of the assets naming them along successor chains (their stand-in may
   * have changed), and tells what uses them. Done here, the change's job is dropped.
   */
  async afterChange(ids: string[], change: string): Promise<void> {
    await this.lifecycle.reconcile(ids);
    await this.jobs.discard(change);
  }
}

function normaliseTags(tags: string[] | undefined): string[] {
  const seen = new Map<string, string>();
  for (const tag of tags ?? []) {
    const trimmed = tag.trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed);
  }
  return [...seen.values()];
}

function normaliseEligibility(dto: Eligibility | undefined): Eligibility {
  const result: Eligibility = {};
  if (dto?.tierIds?.length) result.tierIds = [...new Set(dto.tierIds.map((id) => id.toLowerCase()))];
  if (dto?.regions?.length) result.regions = [...new Set(dto.regions)];
  if (dto?.partnerIds?.length) result.partnerIds = [...new Set(dto.partnerIds.map((id) => id.toLowerCase()))];
  return result;
}
