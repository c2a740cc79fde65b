import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, CacheInvalidation, ValidationFailedError } from '@app/core';
import { CachedLink, LinkCache } from './link-cache';
import { CODE_PATTERN, generateLinkCode } from './link-code';
import { LinkRepository } from './link.repository';
import { TrackableLinkEntity } from './trackable-link.entity';
import { checkRedirectUrl, LINK_MEDIA, LinkMedium, mergeUtm } from './utm';

export interface CreateLinkInput {
  partnerId: string;
  launchId: string | null;
  assetKey: string;
  medium: LinkMedium;
  destinationUrl: string;
  partnerSlug: string;
  campaignSlug: string;
  fallbackUrl: string | null;
  /**
   * A library asset: the link serves its current file (its successor's once it expired), and goes
   * to the fallback while it is withdrawn. `destinationUrl` is then the asset's library page.
   */
  assetId?: string | null;
  overrideUtm?: boolean;
  expiresAt?: Date | null;
}

export interface CreatedLink {
  id: string;
  code: string;
  url: string;
}

/** Invalidation topic of the link cache: its keys are link codes. */
const LINKS_TOPIC = 'links';

/**
 * Creating, ending and resolving trackable links. Resolution is served from an in-process cache
 * that every process drops a changed link from when the change commits.
 */
@Injectable()
export class LinkService {
  private readonly cache: LinkCache;
  private readonly loading = new Map<string, Promise<CachedLink | null>>();

  constructor(
    private readonly links: LinkRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly invalidation: CacheInvalidation,
  ) {
    this.cache = new LinkCache(config.publicCacheTtlMs);
    invalidation.subscribe(LINKS_TOPIC, (codes) => {
      if (codes === null) this.cache.clear();
      else for (const code of codes) this.cache.invalidate(code);
    });
  }

  async createLink(input: CreateLinkInput, manager?: EntityManager): Promise<CreatedLink> {
    const destination = checkRedirectUrl('destinationUrl', input.destinationUrl).toString();
    const fallback = input.fallbackUrl === null ? null : checkRedirectUrl('fallbackUrl', input.fallbackUrl).toString();
    if (!(LINK_MEDIA as readonly string[]).includes(input.medium)) throw ValidationFailedError.field('medium', `must be one of ${LINK_MEDIA.join(', ')}`, 422);
    if (typeof input.assetKey !== 'string' || input.assetKey.length > 200) throw ValidationFailedError.field('assetKey', 'must be at most 200 characters', 422);
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = generateLinkCode();
      const link = await this.links.insertUnlessCodeTaken(manager, {
        code,
        partnerId: input.partnerId,
        launchId: input.launchId,
        assetKey: input.assetKey,
        medium: input.medium,
        destinationUrl: destination,
        utmSource: input.partnerSlug,
        utmCampaign: input.campaignSlug,
        overrideUtm: input.overrideUtm ?? false,
        fallbackUrl: fallback,
        assetId: input.assetId ?? null,
        status: 'active',
        expiresAt: input.expiresAt ?? null,
      });
      if (link) {
        this.cache.invalidate(code);
        return { id: link.id, code, url: this.publicUrl(code) };
      }
    }
    throw new Error('links: could not draw an unused code in 5 attempts');
  }

  publicUrl(code: string): string {
    return `${this.config.publicUrl}/l/${code}`;
  }

  async linksOfLaunch(launchId: string): Promise<(TrackableLinkEntity & { url: string })[]> {
    return (await this.links.findByLaunch(launchId)).map((link) => Object.assign(link, { url: this.publicUrl(link.code) }));
  }

  /** Links of an ended or paused launch send people to their fallback from now on. */
  async endLinksOfLaunch(launchId: string, manager?: EntityManager): Promise<void> {
    await this.invalidate(await this.links.setStatusOfLaunch(manager, launchId, 'ended'), manager);
  }

  async resumeLinksOfLaunch(launchId: string, manager?: EntityManager): Promise<void> {
    await this.invalidate(await this.links.setStatusOfLaunch(manager, launchId, 'active'), manager);
  }

  /**
   * Drops links from the cache of this process at once and of every process when `manager`'s
   * transaction commits (a NOTIFY in that transaction), so no process keeps serving the old link.
   */
  invalidate(codes: string[], manager?: EntityManager): Promise<void> {
    return this.invalidation.publish(LINKS_TOPIC, codes, manager);
  }

  /** The link behind a code, from the cache (loaded on a miss, one load per code at a time). */
  resolve(code: string): CachedLink | null | Promise<CachedLink | null> {
    if (!CODE_PATTERN.test(code)) return null;
    const cached = this.cache.get(code);
    if (cached !== undefined) return cached;
    let pending = this.loading.get(code);
    if (!pending) {
      pending = this.load(code).finally(() => this.loading.delete(code));
      this.loading.set(code, pending);
    }
    return pending;
  }

  private async load(code: string): Promise<CachedLink | null> {
    const row = await this.links.findByCode(code);
    const link = row ? toCached(row) : null;
    this.cache.set(code, link);
    return link;
  }
}

function toCached(row: TrackableLinkEntity): CachedLink {
  return {
    id: row.id,
    code: row.code,
    partnerId: row.partnerId,
    launchId: row.launchId,
    assetKey: row.assetKey,
    targetUrl: mergeUtm(
      row.destinationUrl,
      { utm_source: row.utmSource, utm_medium: row.medium, utm_campaign: row.utmCampaign, utm_content: row.assetKey },
      row.overrideUtm,
    ),
    fallbackUrl: row.fallbackUrl,
    assetId: row.assetId ?? null,
    ended: row.status === 'ended',
    expiresAt: row.expiresAt ? row.expiresAt.getTime() : null,
  };
}
