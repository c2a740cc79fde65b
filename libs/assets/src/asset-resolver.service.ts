import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, CacheInvalidation, Clock } from '@app/core';
import { usableAt } from './asset-status';
import { AssetRepository, ResolvableRow as Row } from './asset.repository';
import type { AssetResolution, AssetTarget } from './asset.types';

/** The invalidation topic asset changes are announced on (keys: asset ids; `*`: all). */
export const ASSETS_TOPIC = 'assets';
/** How long a resolution is reused in this process; a change anywhere clears it at once (ASSETS_TOPIC). */
const TTL_MS = 5_000;
/** Successor chains are followed this far (A → B → C …); a longer chain counts as withdrawn. */
const MAX_HOPS = 5;

/**
 * Resolves asset references to the file they stand for now: the asset's current version while it
 * is usable, else its successor's (followed along the chain), else withdrawn. Everything that
 * renders or redirects asks here, so an expiry or a new successor reaches every kit, launch,
 * landing page, email and link without rewriting them.
 */
@Injectable()
export class AssetResolver {
  private readonly logger = new Logger(AssetResolver.name);
  private readonly cache = new Map<string, { at: number; resolution: AssetResolution }>();

  constructor(
    private readonly assets: AssetRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly invalidation: CacheInvalidation,
  ) {
    invalidation.subscribe(ASSETS_TOPIC, (ids) => {
      if (ids === null || ids.includes('*')) this.cache.clear();
      else for (const id of ids) this.cache.delete(id.toLowerCase());
    });
  }

  async resolve(ids: string[], manager?: EntityManager): Promise<Map<string, AssetResolution>> {
    return this.resolveWith(ids, manager, manager !== undefined);
  }

  async resolveOne(id: string, manager?: EntityManager): Promise<AssetResolution> {
    return (await this.resolve([id], manager)).get(id.toLowerCase())!;
  }

  /** Resolved now, not from the cache (the clock may have moved since a cached answer). */
  async resolveFresh(id: string): Promise<AssetResolution> {
    return (await this.resolveWith([id], undefined, true)).get(id.toLowerCase())!;
  }

  /** `fresh`: neither read nor fill the cache (always so in a caller's transaction). */
  private async resolveWith(ids: string[], manager: EntityManager | undefined, fresh: boolean): Promise<Map<string, AssetResolution>> {
    const result = new Map<string, AssetResolution>();
    const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
    const missing: string[] = [];
    const since = Date.now() - TTL_MS;
    for (const id of wanted) {
      const hit = fresh ? undefined : this.cache.get(id);
      if (hit && hit.at > since) result.set(id, hit.resolution);
      else missing.push(id);
    }
    if (missing.length === 0) return result;
    const rows = new Map<string, Row>();
    let frontier = missing;
    for (let hop = 0; hop <= MAX_HOPS && frontier.length > 0; hop++) {
      const loaded = await this.load(frontier, manager);
      for (const row of loaded) rows.set(row.id, row);
      frontier = [...new Set(loaded.flatMap((r) => (r.successor_id && !rows.has(r.successor_id) ? [r.successor_id] : [])))];
    }
    const now = this.clock.now();
    for (const id of missing) {
      const resolution = this.follow(id, rows, now);
      result.set(id, resolution);
      if (!fresh) this.cache.set(id, { at: Date.now(), resolution });
    }
    return result;
  }

  /**
   * Forgets cached resolutions (after an expiry, an extension, a new version or successor) here at
   * once and in every process, and tells whatever else caches what assets resolve to (landing pages).
   * Call it after the change committed.
   */
  invalidate(ids?: string[]): void {
    this.invalidation.publish(ASSETS_TOPIC, ids ?? ['*']).catch((error: Error) => this.logger.error(`asset change not announced to other processes: ${error.message}`));
  }

  /**
   * The public URL of an image asset for emails and pages: its current file, or the withdrawn
   * placeholder. The route follows successors itself, so mail sent before a swap shows the new image.
   */
  imageUrl(resolution: AssetResolution): string {
    if (resolution.target) return `${this.config.publicUrl}/media/assets/${resolution.target.assetId}/${resolution.target.versionId}`;
    return `${this.config.publicUrl}/media/assets/${resolution.assetId}/withdrawn`;
  }

  private follow(id: string, rows: Map<string, Row>, now: Date): AssetResolution {
    let row = rows.get(id);
    if (!row) return { assetId: id, state: 'unknown', target: null };
    for (let hop = 0; hop <= MAX_HOPS && row; hop++) {
      if (usableAt({ status: row.status, publishAt: row.publish_at, expiresAt: row.expires_at, currentVersionId: row.current_version_id }, now)) {
        return { assetId: id, state: hop === 0 ? 'live' : 'replaced', target: target(row) };
      }
      row = row.successor_id ? rows.get(row.successor_id) : undefined;
    }
    return { assetId: id, state: 'withdrawn', target: null };
  }

  private load(ids: string[], manager?: EntityManager): Promise<Row[]> {
    return this.assets.resolvable(ids, manager);
  }
}

function target(row: Row): AssetTarget {
  return { assetId: row.id, versionId: row.current_version_id!, title: row.title, type: row.type, storageKey: row.storage_key!, fileName: row.file_name!, contentType: row.content_type! };
}
