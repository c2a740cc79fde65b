import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AssetFilter, commonWhere, Params, statusSql } from './asset-query';
import { Eligibility, eligibilitySql, Region } from '@app/partners';
import type { AssetStatus, AssetType } from './asset.types';

/** Successor chains are checked this deep for cycles; far beyond any real chain. */
const MAX_CHAIN = 100;

/** An asset with its current file, as the library and its managers read it. */
export interface AssetRow {
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

export type AssetSummaryRow = Pick<AssetRow, 'id' | 'title' | 'type' | 'status' | 'publish_at' | 'expires_at'>;

/** What the lifecycle reads of an asset it moves, under a row lock. */
export interface LockedAsset {
  id: string;
  title: string;
  type: AssetType;
  status: AssetStatus;
  publish_at: Date;
  expires_at: Date | null;
  successor_id: string | null;
  owner_user_id: string;
  next_transition_at: Date | null;
}

/** What the resolver reads of an asset to follow its successor chain. */
export interface ResolvableRow {
  id: string;
  title: string;
  type: AssetType;
  status: AssetStatus;
  publish_at: Date;
  expires_at: Date | null;
  successor_id: string | null;
  current_version_id: string | null;
  storage_key: string | null;
  file_name: string | null;
  content_type: string | null;
}

/** An asset expiring soon with its successor (the owner is the caller's to look up). */
export interface ExpiringRow {
  id: string;
  title: string;
  type: AssetType;
  expires_at: Date;
  owner_user_id: string;
  successor_id: string | null;
  s_title: string | null;
  s_type: AssetType | null;
  s_status: AssetStatus | null;
  s_publish_at: Date | null;
  s_expires_at: Date | null;
}

/** A partner, as far as eligibility is decided on it. */
export interface EligiblePartner {
  id: string;
  tierId: string;
  region: Region;
}

export interface VendorListFilter extends AssetFilter {
  status?: AssetStatus;
  ownerUserId?: string;
  /** (created_at, id) of the last row of the previous page. */
  after?: [string, string];
}

export interface LibraryFilter extends AssetFilter {
  locale?: string;
  expiringWithinDays?: number;
  /** Only what this partner's live launches use; null: nothing (vendor users have no launches). */
  usedByPartner?: string | null;
  /** Only assets this partner is eligible for; null: all (vendor users). */
  partner: EligiblePartner | null;
  /** (publish_at, id) of the last row of the previous page. */
  after?: [string, string];
}

export interface AssetFields {
  title: string;
  description: string;
  tags: string[];
  locale: string;
  ownerUserId: string;
  eligibility: Eligibility;
  publishAt: Date;
  expiresAt: Date | null;
  successorId: string | null;
}

const ASSET_COLUMNS = `a.id, a.title, a.description, a.type, a.tags, a.locale, a.owner_user_id, a.eligibility, a.publish_at, a.expires_at,
  a.successor_id, a.status, a.current_version_id, a.archived_at, a.created_at, a.updated_at,
  v.storage_key, v.file_name, v.content_type, v.bytes, v.thumbnail_key`;
const FROM_ASSETS = `FROM assets a LEFT JOIN asset_versions v ON v.id = a.current_version_id`;
const LIFECYCLE_SELECT = `SELECT id, title, type, status, publish_at, expires_at, successor_id, owner_user_id, next_transition_at FROM assets`;

/** Assets and their versions (files): every statement on `assets` and `asset_versions`. */
@Injectable()
export class AssetRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  // ---- the library and its managers --------------------------------------------------------

  async insert(manager: EntityManager, asset: AssetFields & { id: string; type: AssetType; status: AssetStatus; createdBy: string; now: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO assets (id, title, description, type, tags, locale, owner_user_id, eligibility, publish_at, expires_at, successor_id, status, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)`,
      [asset.id, asset.title, asset.description, asset.type, asset.tags, asset.locale, asset.ownerUserId, JSON.stringify(asset.eligibility), asset.publishAt, asset.expiresAt, asset.successorId, asset.status, asset.createdBy, asset.now],
    );
  }

  async update(manager: EntityManager, id: string, fields: AssetFields, now: Date): Promise<void> {
    await manager.query(
      `UPDATE assets SET title = $2, description = $3, tags = $4, locale = $5, owner_user_id = $6, eligibility = $7, publish_at = $8, expires_at = $9,
              successor_id = $10, updated_at = $11
        WHERE id = $1`,
      [id, fields.title, fields.description, fields.tags, fields.locale, fields.ownerUserId, JSON.stringify(fields.eligibility), fields.publishAt, fields.expiresAt, fields.successorId, now],
    );
  }

  async archive(manager: EntityManager, id: string, now: Date): Promise<void> {
    await manager.query(`UPDATE assets SET status = 'archived', archived_at = $2, updated_at = $2 WHERE id = $1`, [id, now]);
  }

  async extend(manager: EntityManager, ids: string[], expiresAt: Date, now: Date): Promise<void> {
    await manager.query(`UPDATE assets SET expires_at = $2, updated_at = $3 WHERE id = ANY($1::uuid[])`, [ids, expiresAt, now]);
  }

  async find(id: string, manager?: EntityManager, lock = false): Promise<AssetRow | null> {
    const rows = await this.m(manager).query<AssetRow[]>(`SELECT ${ASSET_COLUMNS} ${FROM_ASSETS} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`, [id]);
    return rows[0] ?? null;
  }

  /** The assets with these ids; with `lock`, locked in id order (the caller's transaction). */
  findMany(ids: string[], manager?: EntityManager, lock = false): Promise<AssetRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.m(manager).query<AssetRow[]>(`SELECT ${ASSET_COLUMNS} ${FROM_ASSETS} WHERE a.id = ANY($1::uuid[])${lock ? ' ORDER BY a.id FOR UPDATE OF a' : ''}`, [ids]);
  }

  summaries(ids: string[], manager?: EntityManager): Promise<AssetSummaryRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.m(manager).query<AssetSummaryRow[]>(`SELECT id, title, type, status, publish_at, expires_at FROM assets WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]);
  }

  async exists(id: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM assets WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  async eligibilityOf(id: string): Promise<Eligibility | null> {
    const rows = await this.dataSource.query<{ eligibility: Eligibility }[]>(`SELECT eligibility FROM assets WHERE id = $1`, [id]);
    return rows[0]?.eligibility ?? null;
  }

  async typeAndStatus(id: string, manager?: EntityManager): Promise<{ id: string; type: AssetType; status: AssetStatus } | null> {
    const rows = await this.m(manager).query<{ id: string; type: AssetType; status: AssetStatus }[]>(`SELECT id, type, status FROM assets WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The vendor's list, newest first, filtered on what a user sees now. */
  list(filter: VendorListFilter, now: Date, warningDays: number[]): Promise<AssetRow[]> {
    const params = new Params();
    const where = ['true', ...commonWhere(params, filter)];
    if (filter.status) where.push(`${statusSql(params, now, warningDays)} = ${params.add(filter.status)}`);
    if (filter.ownerUserId) where.push(`a.owner_user_id = ${params.add(filter.ownerUserId)}`);
    // Milliseconds on both sides: a cursor made from a JS Date must not bring its own row back.
    const createdAt = `date_trunc('milliseconds', a.created_at)`;
    if (filter.after) where.push(`(${createdAt}, a.id) < (${params.add(filter.after[0])}::timestamptz, ${params.add(filter.after[1])}::uuid)`);
    return this.dataSource.query<AssetRow[]>(
      `SELECT ${ASSET_COLUMNS} ${FROM_ASSETS} WHERE ${where.join(' AND ')} ORDER BY ${createdAt} DESC, a.id DESC LIMIT ${params.add(filter.limit + 1)}`,
      params.values,
    );
  }

  /** The library: published, not expired or archived, with a file (and eligible, for a partner), newest published first. */
  library(filter: LibraryFilter, now: Date): Promise<AssetRow[]> {
    const params = new Params();
    const n = params.add(now);
    const where = [`a.publish_at <= ${n}::timestamptz`, `a.status <> 'archived'`, `(a.expires_at IS NULL OR a.expires_at > ${n}::timestamptz)`, `a.current_version_id IS NOT NULL`];
    if (filter.partner) {
      const p = filter.partner;
      where.push(eligibilitySql('a.eligibility', { id: params.add(p.id), tier: params.add(p.tierId), region: params.add(p.region) }));
    }
    where.push(...commonWhere(params, filter));
    if (filter.locale) where.push(`lower(a.locale) = lower(${params.add(filter.locale)})`);
    if (filter.expiringWithinDays) where.push(`a.expires_at <= ${n}::timestamptz + make_interval(days => ${params.add(filter.expiringWithinDays)}::int)`);
    if (filter.usedByPartner !== undefined) {
      where.push(filter.usedByPartner ? `EXISTS (SELECT 1 FROM asset_usages u WHERE u.asset_id = a.id AND u.active AND u.partner_id = ${params.add(filter.usedByPartner)}::uuid)` : 'false');
    }
    if (filter.after) where.push(`(a.publish_at, a.id) < (${params.add(filter.after[0])}::timestamptz, ${params.add(filter.after[1])}::uuid)`);
    return this.dataSource.query<AssetRow[]>(
      `SELECT ${ASSET_COLUMNS} ${FROM_ASSETS} WHERE ${where.join(' AND ')} ORDER BY a.publish_at DESC, a.id DESC LIMIT ${params.add(filter.limit + 1)}`,
      params.values,
    );
  }

  // ---- successors --------------------------------------------------------------------------

  /** Serialises successor changes (to the end of the caller's transaction), so two cannot close a cycle between them. */
  async lockSuccessorChanges(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('asset-successors'))`);
  }

  /** The ids along the successor chain starting at `id` (itself included). */
  async chainFrom(manager: EntityManager, id: string): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH RECURSIVE chain(id, successor_id, depth) AS (
         SELECT id, successor_id, 1 FROM assets WHERE id = $1
         UNION ALL
         SELECT a.id, a.successor_id, c.depth + 1 FROM assets a JOIN chain c ON a.id = c.successor_id WHERE c.depth < ${MAX_CHAIN}
       ) SELECT id FROM chain`,
      [id],
    );
    return rows.map((r) => r.id);
  }

  /** The assets naming these as successor, along their chains back (at most `depth` hops). */
  async predecessors(ids: string[], depth: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `WITH RECURSIVE back(id, depth) AS (
         SELECT id, 1 FROM assets WHERE successor_id = ANY($1::uuid[])
         UNION ALL
         SELECT a.id, b.depth + 1 FROM assets a JOIN back b ON a.successor_id = b.id WHERE b.depth < ${depth}
       ) SELECT DISTINCT id FROM back`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /** What the resolver follows: the assets with their current file. */
  resolvable(ids: string[], manager?: EntityManager): Promise<ResolvableRow[]> {
    return this.m(manager).query<ResolvableRow[]>(
      `SELECT a.id, a.title, a.type, a.status, a.publish_at, a.expires_at, a.successor_id, a.current_version_id,
              v.storage_key, v.file_name, v.content_type
         FROM assets a LEFT JOIN asset_versions v ON v.id = a.current_version_id
        WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /** These assets, locked in id order. */
  lockForLifecycle(manager: EntityManager, ids: string[]): Promise<LockedAsset[]> {
    return manager.query<LockedAsset[]>(`${LIFECYCLE_SELECT} WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  }

  /** Up to `limit` assets whose transition is due, locked; those another sweep holds are skipped. */
  lockDue(manager: EntityManager, now: Date, limit: number): Promise<LockedAsset[]> {
    return manager.query<LockedAsset[]>(`${LIFECYCLE_SELECT} WHERE next_transition_at <= $1 ORDER BY next_transition_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`, [now]);
  }

  async setStatus(manager: EntityManager, id: string, status: AssetStatus, next: Date | null, now: Date): Promise<void> {
    await manager.query(
      `UPDATE assets SET status = $2, next_transition_at = $3,
              expired_at = CASE WHEN $2 = 'expired' THEN COALESCE(expired_at, $4) ELSE NULL END, updated_at = now()
        WHERE id = $1`,
      [id, status, next, now],
    );
  }

  /** Assets expiring in (from, to], not archived, soonest first, with their successor. */
  expiring(from: Date, to: Date, limit: number): Promise<ExpiringRow[]> {
    return this.dataSource.query<ExpiringRow[]>(
      `SELECT a.id, a.title, a.type, a.expires_at, a.owner_user_id,
              a.successor_id, s.title AS s_title, s.type AS s_type, s.status AS s_status, s.publish_at AS s_publish_at, s.expires_at AS s_expires_at
         FROM assets a
         LEFT JOIN assets s ON s.id = a.successor_id
        WHERE a.status <> 'archived' AND a.expires_at > $1 AND a.expires_at <= $2
        ORDER BY a.expires_at, a.id
        LIMIT ${limit}`,
      [from, to],
    );
  }

  // ---- versions ----------------------------------------------------------------------------

  /** Locks the asset for a new version; its status, or null when there is no such asset. */
  async lockForVersion(manager: EntityManager, id: string): Promise<AssetStatus | null> {
    const rows = await manager.query<{ status: AssetStatus }[]>(`SELECT status FROM assets WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0]?.status ?? null;
  }

  async nextVersion(manager: EntityManager, assetId: string): Promise<number> {
    const [{ next }] = await manager.query<[{ next: number }]>(`SELECT COALESCE(max(version), 0) + 1 AS next FROM asset_versions WHERE asset_id = $1`, [assetId]);
    return next;
  }

  /** Adds the version and makes it the asset's current file. */
  async addVersion(manager: EntityManager, v: NewVersion): Promise<void> {
    await manager.query(
      `INSERT INTO asset_versions (id, asset_id, version, storage_key, file_name, content_type, bytes, sha256, thumbnail_key, width, height, uploaded_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [v.id, v.assetId, v.version, v.storageKey, v.fileName, v.contentType, v.bytes, v.sha256, v.thumbnailKey, v.width, v.height, v.uploadedBy, v.createdAt],
    );
    await manager.query(`UPDATE assets SET current_version_id = $2, updated_at = $3 WHERE id = $1`, [v.assetId, v.id, v.createdAt]);
  }

  /** The asset's files, newest first. */
  versions(assetId: string): Promise<VersionRow[]> {
    return this.dataSource.query<VersionRow[]>(
      `SELECT id, version, file_name, content_type, bytes, sha256, width, height, thumbnail_key, uploaded_by, created_at
         FROM asset_versions WHERE asset_id = $1 ORDER BY version DESC`,
      [assetId],
    );
  }
}

export interface NewVersion {
  id: string;
  assetId: string;
  version: number;
  storageKey: string;
  fileName: string;
  contentType: string;
  bytes: number;
  sha256: string;
  thumbnailKey: string;
  width: number | null;
  height: number | null;
  uploadedBy: string;
  createdAt: Date;
}

export interface VersionRow {
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
