import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  AppConfig,
  AuditService,
  Clock,
  ConflictError,
  decodeCursor,
  DomainError,
  FieldProblem,
  isCreatedAtCursor,
  NotFoundError,
  Page,
  partnerScope,
  Principal,
  StorageService,
  toPage,
  ValidationFailedError,
  containsPattern,
  jobId,
  JobOutbox,
} from '@app/core';
import { Eligibility, eligibilitySql, isEligible, PartnerEntity, PartnerService, Region } from '@app/partners';
import { AssetDownloadsService } from './asset-downloads.service';
import { AssetLifecycleService } from './asset-lifecycle.service';
import { AssetResolver } from './asset-resolver.service';
import { statusAt } from './asset-status';
import { AssetUsageService } from './asset-usage.service';
import {
  AssetDetailDto,
  AssetDto,
  AssetOwnerDto,
  AssetSummaryDto,
  AssetVersionDto,
  BulkExtendDto,
  BulkExtendReportDto,
  BulkExtendResultDto,
  CreateAssetDto,
  DownloadLinkDto,
  EligibilityImpactDto,
  LibraryItemDto,
  LibraryQuery,
  ListAssetsQuery,
  UpdateAssetDto,
  WhoUses,
} from './asset.dto';
import type { AssetStatus, AssetType } from './asset.types';

/** Successor chains are checked this deep for cycles; far beyond any real chain. */
const MAX_CHAIN = 100;
/** The owner picker lists at most this many vendor users; a vendor team is far smaller. */
const MAX_OWNERS = 1000;

/** The asset expired or was archived: it is gone from the library (with what stands in for it, when something does). */
export class AssetExpiredError extends DomainError {
  constructor(successorId: string | null) {
    super('ASSET_EXPIRED', successorId ? 'This asset has expired; a newer asset replaces it' : 'This asset has expired and is no longer available', 410, successorId ? { successorId } : undefined);
  }
}

export class AssetArchivedError extends ConflictError {
  constructor() {
    super('ASSET_ARCHIVED', 'This asset is archived; it cannot be changed');
  }
}

interface AssetRow {
  id: string;
  title: string;
  description: string;
  type: AssetType;
  tags: string[];
  locale: string;
  owner_user_id: string;
  eligibility: Eligibility;
  publish_at: Date;
  expires_at: Date | null;
  successor_id: string | null;
  status: AssetStatus;
  current_version_id: string | null;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
  storage_key: string | null;
  file_name: string | null;
  content_type: string | null;
  bytes: string | null;
  thumbnail_key: string | null;
}

interface VersionRow {
  id: string;
  version: number;
  file_name: string;
  content_type: string;
  bytes: string;
  sha256: string;
  width: number | null;
  height: number | null;
  thumbnail_key: string | null;
  uploaded_by: string | null;
  created_at: Date;
}

/** Who is looking at the library: a partner (with what eligibility is decided on) or a vendor user (sees everything). */
type Viewer = { principal: Principal; partner: Pick<PartnerEntity, 'id' | 'tierId' | 'region'> | null };

const ASSET_COLUMNS = `a.id, a.title, a.description, a.type, a.tags, a.locale, a.owner_user_id, a.eligibility, a.publish_at, a.expires_at,
  a.successor_id, a.status, a.current_version_id, a.archived_at, a.created_at, a.updated_at,
  v.storage_key, v.file_name, v.content_type, v.bytes, v.thumbnail_key`;
const FROM_ASSETS = `FROM assets a LEFT JOIN asset_versions v ON v.id = a.current_version_id`;

/** Positional parameters for hand-built queries. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The status `statusAt` gives, in SQL, so lists can filter on what a user sees now (the sweep may be a minute behind). */
function statusSql(params: Params, now: Date, warningDays: number[]): string {
  const n = params.add(now);
  const w = params.add(Math.max(0, ...warningDays));
  return `(CASE WHEN a.status = 'archived' THEN 'archived'
    WHEN a.expires_at IS NOT NULL AND a.expires_at <= ${n}::timestamptz THEN 'expired'
    WHEN a.publish_at > ${n}::timestamptz THEN 'scheduled'
    WHEN a.expires_at IS NOT NULL AND a.expires_at - make_interval(days => ${w}::int) <= ${n}::timestamptz THEN 'expiring'
    ELSE 'live' END)`;
}

/** Whether the listed asset (`a`) is eligible for this partner. */
function eligibleSql(params: Params, partner: Pick<PartnerEntity, 'id' | 'tierId' | 'region'>): string {
  return eligibilitySql('a.eligibility', { id: params.add(partner.id), tier: params.add(partner.tierId), region: params.add(partner.region) });
}

function searchSql(params: Params, q: string): string {
  const pattern = params.add(containsPattern(q));
  return `(a.title ILIKE ${pattern} OR a.description ILIKE ${pattern} OR EXISTS (SELECT 1 FROM unnest(a.tags) t WHERE t ILIKE ${pattern}))`;
}

function tagSql(params: Params, tag: string): string {
  return `EXISTS (SELECT 1 FROM unnest(a.tags) t WHERE lower(t) = lower(${params.add(tag.trim())}))`;
}

/**
 * The asset library as vendors manage it (metadata, dates, successors, archive, bulk extension)
 * and as partners browse it (only what they are eligible for, published and not expired).
 * Every change is audited in its transaction; after commit the lifecycle reconciles the asset and
 * cached resolutions are dropped, so kits, launches and links follow at once.
 */
@Injectable()
export class AssetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly partners: PartnerService,
    private readonly usage: AssetUsageService,
    private readonly downloads: AssetDownloadsService,
    private readonly lifecycle: AssetLifecycleService,
    private readonly resolver: AssetResolver,
    private readonly jobs: JobOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- vendor side -------------------------------------------------------------------------

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
      await manager.query(
        `INSERT INTO assets (id, title, description, type, tags, locale, owner_user_id, eligibility, publish_at, expires_at, successor_id, status, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)`,
        [id, dto.title, dto.description ?? '', dto.type, normaliseTags(dto.tags), dto.locale ?? 'en', ownerUserId, JSON.stringify(eligibility), publishAt, expiresAt, successorId, status, principal.userId, now],
      );
      const after = await this.loadRow(manager, id);
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
    const params = new Params();
    const where: string[] = ['true'];
    if (query.q?.trim()) where.push(searchSql(params, query.q));
    if (query.type) where.push(`a.type = ${params.add(query.type)}`);
    if (query.tag?.trim()) where.push(tagSql(params, query.tag));
    if (query.status) where.push(`${statusSql(params, now, this.config.assets.warningDays)} = ${params.add(query.status)}`);
    if (query.ownerUserId) where.push(`a.owner_user_id = ${params.add(query.ownerUserId.toLowerCase())}`);
    // Milliseconds on both sides: a cursor made from a JS Date must not bring its own row back.
    const createdAt = `date_trunc('milliseconds', a.created_at)`;
    if (after) where.push(`(${createdAt}, a.id) < (${params.add(after[0])}::timestamptz, ${params.add(after[1])}::uuid)`);
    const rows = await this.dataSource.query<AssetRow[]>(
      `SELECT ${ASSET_COLUMNS} ${FROM_ASSETS} WHERE ${where.join(' AND ')} ORDER BY ${createdAt} DESC, a.id DESC LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    const items = await this.toDtos(rows, now, null);
    return toPage(items, limit, (a) => [a.createdAt.toISOString(), a.id]);
  }

  async detail(id: string): Promise<AssetDetailDto> {
    const row = await this.loadRow(this.dataSource.manager, id);
    if (!row) throw new NotFoundError('Asset');
    const [dto] = await this.toDtos([row], this.clock.now(), null);
    return { ...dto!, versions: await this.versions(id, false) };
  }

  /** The asset's files, newest first. */
  async versions(id: string, mustExist = true): Promise<AssetVersionDto[]> {
    if (mustExist) await this.mustExist(id);
    const rows = await this.dataSource.query<VersionRow[]>(
      `SELECT id, version, file_name, content_type, bytes, sha256, width, height, thumbnail_key, uploaded_by, created_at
         FROM asset_versions WHERE asset_id = $1 ORDER BY version DESC`,
      [id],
    );
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
      const before = await this.loadRow(manager, id, true);
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
      await manager.query(
        `UPDATE assets SET title = $2, description = $3, tags = $4, locale = $5, owner_user_id = $6, eligibility = $7, publish_at = $8, expires_at = $9,
                successor_id = $10, updated_at = $11
          WHERE id = $1`,
        [
          id,
          dto.title ?? before.title,
          dto.description ?? before.description,
          dto.tags ? normaliseTags(dto.tags) : before.tags,
          dto.locale ?? before.locale,
          dto.ownerUserId?.toLowerCase() ?? before.owner_user_id,
          JSON.stringify(eligibility ?? before.eligibility),
          publishAt,
          expiresAt,
          successorId,
          now,
        ],
      );
      await this.record(manager, principal, 'asset.updated', id, before, await this.loadRow(manager, id), requestId);
      await this.recordChange(manager, change, [id]);
    });
    await this.afterChange([id], change);
    return this.detail(id);
  }

  /** Withdraws an asset by hand, for good: it leaves the library and what uses it moves to its successor or is held. */
  async archive(principal: Principal, id: string, requestId: string | null): Promise<AssetDetailDto> {
    const change = AssetService.changeJob();
    const changed = await this.dataSource.transaction(async (manager) => {
      const before = await this.loadRow(manager, id, true);
      if (!before) throw new NotFoundError('Asset');
      if (before.status === 'archived') return false;
      const now = this.clock.now();
      await manager.query(`UPDATE assets SET status = 'archived', archived_at = $2, updated_at = $2 WHERE id = $1`, [id, now]);
      await this.record(manager, principal, 'asset.archived', id, before, await this.loadRow(manager, id), requestId);
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
      const rows = await manager.query<AssetRow[]>(`SELECT ${ASSET_COLUMNS} ${FROM_ASSETS} WHERE a.id = ANY($1::uuid[]) ORDER BY a.id FOR UPDATE OF a`, [ids]);
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
        await manager.query(`UPDATE assets SET expires_at = $2, updated_at = $3 WHERE id = ANY($1::uuid[])`, [extend.map((r) => r.id), expiresAt, now]);
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
    return this.dataSource.query<AssetOwnerDto[]>(
      `SELECT id, name, email FROM users WHERE partner_id IS NULL AND status = 'active' ORDER BY lower(name), id LIMIT ${MAX_OWNERS}`,
    );
  }

  /**
   * What giving the asset this eligibility would change: the partners who may find it in the
   * library now and would not, and of them those whose live launches use it. Nothing is changed;
   * the launches would keep using it (see `UpdateAssetDto.eligibility`).
   */
  async eligibilityImpact(id: string, proposed: Eligibility): Promise<EligibilityImpactDto> {
    const rows = await this.dataSource.query<{ eligibility: Eligibility }[]>(`SELECT eligibility FROM assets WHERE id = $1`, [id]);
    const current = rows[0]?.eligibility;
    if (!current) throw new NotFoundError('Asset');
    const next = normaliseEligibility(proposed);
    const partner = { id: 'p.id::text', tier: 'p.tier_id::text', region: 'p.region' };
    const [{ n }] = await this.dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM partners p WHERE ${eligibilitySql('$1::jsonb', partner)} AND NOT ${eligibilitySql('$2::jsonb', partner)}`,
      [JSON.stringify(current), JSON.stringify(next)],
    );
    const using = await this.dataSource.query<{ id: string; name: string; tier_id: string; region: Region; launches: number }[]>(
      `SELECT p.id, p.name, p.tier_id, p.region, count(DISTINCT u.launch_id)::int AS launches
         FROM asset_usages u JOIN partners p ON p.id = u.partner_id
        WHERE u.asset_id = $1 AND u.active AND u.launch_id IS NOT NULL
        GROUP BY p.id, p.name, p.tier_id, p.region`,
      [id],
    );
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
    const rows = await this.dataSource.query<{ id: string; type: AssetType; status: AssetStatus }[]>(`SELECT id, type, status FROM assets WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row) throw new NotFoundError('Asset');
    if (row.status === 'archived') throw new AssetArchivedError();
    return { id: row.id, type: row.type };
  }

  // ---- partner side (the library) ----------------------------------------------------------

  /** What the caller may find in the library now: eligible (partners), published, not expired or archived, with a file. */
  async library(principal: Principal, query: LibraryQuery): Promise<Page<LibraryItemDto>> {
    const viewer = await this.viewer(principal);
    const limit = query.limit ?? 25;
    const after = decodeCursor(query.cursor, 2, isCreatedAtCursor) as [string, string] | undefined;
    const now = this.clock.now();
    const params = new Params();
    const n = params.add(now);
    const where = [`a.publish_at <= ${n}::timestamptz`, `a.status <> 'archived'`, `(a.expires_at IS NULL OR a.expires_at > ${n}::timestamptz)`, `a.current_version_id IS NOT NULL`];
    if (viewer.partner) where.push(eligibleSql(params, viewer.partner));
    if (query.q?.trim()) where.push(searchSql(params, query.q));
    if (query.type) where.push(`a.type = ${params.add(query.type)}`);
    if (query.tag?.trim()) where.push(tagSql(params, query.tag));
    if (query.locale) where.push(`lower(a.locale) = lower(${params.add(query.locale)})`);
    if (query.expiringWithinDays) where.push(`a.expires_at <= ${n}::timestamptz + make_interval(days => ${params.add(query.expiringWithinDays)}::int)`);
    // What a partner's own live launches use (the usage graph); vendor users have no launches of their own.
    if (query.usedByMyLaunches === 'true') {
      where.push(viewer.partner ? `EXISTS (SELECT 1 FROM asset_usages u WHERE u.asset_id = a.id AND u.active AND u.partner_id = ${params.add(viewer.partner.id)}::uuid)` : 'false');
    }
    if (after) where.push(`(a.publish_at, a.id) < (${params.add(after[0])}::timestamptz, ${params.add(after[1])}::uuid)`);
    const rows = await this.dataSource.query<AssetRow[]>(
      `SELECT ${ASSET_COLUMNS} ${FROM_ASSETS} WHERE ${where.join(' AND ')} ORDER BY a.publish_at DESC, a.id DESC LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    // The SQL mirrors isEligible; the function has the last word.
    const visible = rows.filter((r) => !viewer.partner || isEligible(r.eligibility, viewer.partner));
    const items = await this.toLibraryItems(visible, now, viewer);
    return toPage(items, limit, (a) => [a.publishAt.toISOString(), a.id]);
  }

  async libraryDetail(principal: Principal, id: string): Promise<LibraryItemDto> {
    const viewer = await this.viewer(principal);
    const row = await this.libraryRow(viewer, id);
    const [item] = await this.toLibraryItems([row], this.clock.now(), viewer);
    return item!;
  }

  /** The thumbnail (or type icon) of what the caller may see. */
  async libraryPreview(principal: Principal, id: string): Promise<{ stream: Readable; contentType: string; bytes: number }> {
    const viewer = await this.viewer(principal);
    const row = await this.libraryRow(viewer, id);
    const info = row.thumbnail_key ? await this.storage.head(row.thumbnail_key) : null;
    if (!row.thumbnail_key || !info) throw new NotFoundError('Preview');
    return { stream: await this.storage.getStream(row.thumbnail_key), contentType: info.contentType ?? 'application/octet-stream', bytes: info.size };
  }

  /** A download link made for this request only; the download is counted for the caller's partner. */
  async download(principal: Principal, id: string): Promise<DownloadLinkDto> {
    const viewer = await this.viewer(principal);
    const row = await this.libraryRow(viewer, id);
    const fileName = row.file_name!;
    const url = await this.storage.presignGet(row.storage_key!, { downloadName: fileName });
    await this.downloads.record({ assetId: row.id, assetVersionId: row.current_version_id!, partnerId: viewer.partner?.id ?? null, userId: principal.userId, via: 'library', at: this.clock.now() });
    return { url, expiresInSeconds: this.config.storage.presignTtlSeconds, fileName };
  }

  // ---- internals ---------------------------------------------------------------------------

  /**
   * An asset as the library shows it to this viewer. Unknown, not eligible and not yet published
   * are the same 404 (ids do not leak); expired or archived is 410 with what stands in for it.
   * Expiry is checked against the clock, not only the status the sweep keeps.
   */
  private async libraryRow(viewer: Viewer, id: string): Promise<AssetRow> {
    const row = await this.loadRow(this.dataSource.manager, id);
    const now = this.clock.now();
    if (!row || (viewer.partner && !isEligible(row.eligibility, viewer.partner)) || row.publish_at.getTime() > now.getTime()) throw new NotFoundError('Asset');
    if (row.status === 'archived' || (row.expires_at && row.expires_at.getTime() <= now.getTime())) {
      // Resolved fresh (not from the cache): the clock may have moved since a cached answer.
      const resolution = await this.resolver.resolveOne(id, this.dataSource.manager);
      const standIn = resolution.state === 'replaced' && resolution.target ? resolution.target.assetId : null;
      const visible = standIn ? await this.visibleIds(viewer, [standIn], now) : new Set<string>();
      throw new AssetExpiredError(standIn && visible.has(standIn) ? standIn : null);
    }
    if (!row.current_version_id) throw new NotFoundError('Asset');
    return row;
  }

  private async viewer(principal: Principal): Promise<Viewer> {
    const scope = partnerScope(principal);
    if (scope.kind === 'all') return { principal, partner: null };
    const partner = await this.partners.find(scope, scope.partnerId);
    if (!partner) throw new NotFoundError('Asset');
    return { principal, partner };
  }

  /** Of the given ids, those the viewer could open in the library now. */
  private async visibleIds(viewer: Viewer, ids: string[], now: Date): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.dataSource.query<AssetRow[]>(`SELECT ${ASSET_COLUMNS} ${FROM_ASSETS} WHERE a.id = ANY($1::uuid[])`, [ids]);
    return new Set(
      rows
        .filter(
          (r) =>
            r.status !== 'archived' &&
            r.current_version_id !== null &&
            r.publish_at.getTime() <= now.getTime() &&
            (r.expires_at === null || r.expires_at.getTime() > now.getTime()) &&
            (!viewer.partner || isEligible(r.eligibility, viewer.partner)),
        )
        .map((r) => r.id),
    );
  }

  private async toLibraryItems(rows: AssetRow[], now: Date, viewer: Viewer): Promise<LibraryItemDto[]> {
    const successors = await this.summaries(rows.flatMap((r) => (r.successor_id ? [r.successor_id] : [])), now);
    const visible = await this.visibleIds(viewer, [...successors.keys()], now);
    return Promise.all(
      rows.map(async (r) => ({
        ...describe(r),
        successor: r.successor_id && visible.has(r.successor_id) ? (successors.get(r.successor_id) ?? null) : null,
        fileName: r.file_name!,
        contentType: r.content_type!,
        bytes: Number(r.bytes),
        thumbnailUrl: r.thumbnail_key ? await this.storage.presignGet(r.thumbnail_key) : null,
      })),
    );
  }

  private async toDtos(rows: AssetRow[], now: Date, manager: EntityManager | null): Promise<AssetDto[]> {
    const successors = await this.summaries(
      rows.flatMap((r) => (r.successor_id ? [r.successor_id] : [])),
      now,
      manager ?? undefined,
    );
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

  private async summaries(ids: string[], now: Date, manager: EntityManager = this.dataSource.manager): Promise<Map<string, AssetSummaryDto>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.query<Pick<AssetRow, 'id' | 'title' | 'type' | 'status' | 'publish_at' | 'expires_at'>[]>(
      `SELECT id, title, type, status, publish_at, expires_at FROM assets WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { id: r.id, title: r.title, type: r.type, status: statusAt({ status: r.status, publishAt: r.publish_at, expiresAt: r.expires_at }, now, this.config.assets.warningDays), expiresAt: r.expires_at },
      ]),
    );
  }

  private async loadRow(manager: EntityManager, id: string, lock = false): Promise<AssetRow | null> {
    const rows = await manager.query<AssetRow[]>(`SELECT ${ASSET_COLUMNS} ${FROM_ASSETS} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`, [id]);
    return rows[0] ?? null;
  }

  private async mustExist(id: string): Promise<void> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM assets WHERE id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundError('Asset');
  }

  private dateProblems(publishAt: Date, expiresAt: Date | null, now: Date, expiryChanged: boolean): FieldProblem[] {
    if (!expiresAt) return [];
    if (expiresAt.getTime() <= publishAt.getTime()) return [{ field: 'expiresAt', problems: ['must be after publishAt'] }];
    if (expiryChanged && expiresAt.getTime() <= now.getTime()) return [{ field: 'expiresAt', problems: ['must be in the future (archive an asset to withdraw it now)'] }];
    return [];
  }

  private async ownerProblems(manager: EntityManager, userId: string): Promise<FieldProblem[]> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM users WHERE id = $1 AND partner_id IS NULL AND status = 'active'`, [userId]);
    return rows.length === 0 ? [{ field: 'ownerUserId', problems: ['must be an active vendor user'] }] : [];
  }

  /**
   * A successor must exist, be another asset of the same type, be neither archived nor expired,
   * and not lead back to this asset along its own chain. Successor changes are serialised (an
   * advisory lock) so two changes cannot close a cycle between them.
   */
  private async successorProblems(manager: EntityManager, assetId: string, type: AssetType, successorId: string, now: Date): Promise<FieldProblem[]> {
    const problem = (text: string): FieldProblem[] => [{ field: 'successorId', problems: [text] }];
    if (successorId === assetId) return problem('an asset cannot succeed itself');
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('asset-successors'))`);
    const rows = await manager.query<{ type: AssetType; status: AssetStatus; expires_at: Date | null }[]>(`SELECT type, status, expires_at FROM assets WHERE id = $1`, [successorId]);
    const successor = rows[0];
    if (!successor) return problem('no asset has this id');
    if (successor.type !== type) return problem(`must be another ${type} asset (this one is a ${successor.type})`);
    if (successor.status === 'archived') return problem('is archived');
    if (successor.expires_at && successor.expires_at.getTime() <= now.getTime()) return problem('has expired');
    const chain = await manager.query<{ id: string }[]>(
      `WITH RECURSIVE chain(id, successor_id, depth) AS (
         SELECT id, successor_id, 1 FROM assets WHERE id = $1
         UNION ALL
         SELECT a.id, a.successor_id, c.depth + 1 FROM assets a JOIN chain c ON a.id = c.successor_id WHERE c.depth < ${MAX_CHAIN}
       ) SELECT id FROM chain`,
      [successorId],
    );
    if (chain.some((c) => c.id === assetId)) return problem('would make a cycle: that asset is already succeeded, along its chain, by this one');
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

/** What partners and vendors alike see of an asset. */
function describe(r: AssetRow) {
  return { id: r.id, title: r.title, description: r.description, type: r.type, tags: r.tags, locale: r.locale, publishAt: r.publish_at, expiresAt: r.expires_at };
}
