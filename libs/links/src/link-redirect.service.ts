import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AssetDownloadsService, AssetResolver } from '@app/assets';
import { Clock, isUuid, StorageService } from '@app/core';
import { isHumanClick } from './human-click';
import { ClickRecorder } from './click-recorder.service';
import { CachedLink } from './link-cache';
import { LinkSecretService } from './link-secret.service';
import { LinkService } from './link.service';
import { isPrefetch, parseUserAgent } from './user-agent';

export type Headers = Record<string, string | string[] | undefined>;

export interface ClickRequest {
  code: string;
  method: string;
  ip: string;
  headers: Headers;
  /** `?m=` of a link in an email: recorded only when it is a UUID; never affects where the link goes. */
  messageId?: unknown;
}

export type RedirectOutcome =
  | { kind: 'redirect'; location: string; clickId: string }
  | { kind: 'ended-page'; clickId: string }
  | { kind: 'not-found' };

/** Presigned file URLs of asset links live this long: enough to start the download, too short to share. */
const ASSET_URL_TTL_S = 120;

/**
 * The public redirect: resolve the code from the cache, decide where it goes (destination, or the
 * fallback once the link expired or its launch ended), buffer the click. No database write here
 * for plain links; nothing from the request can influence the Location. A link to a library asset
 * resolves the asset per click: its current file (or its successor's) through a short-lived
 * presigned URL, recorded as a download; the fallback while the asset is withdrawn.
 */
@Injectable()
export class LinkRedirectService {
  private readonly logger = new Logger(LinkRedirectService.name);

  constructor(
    private readonly links: LinkService,
    private readonly recorder: ClickRecorder,
    private readonly secrets: LinkSecretService,
    private readonly clock: Clock,
    private readonly resolver: AssetResolver,
    private readonly storage: StorageService,
    private readonly downloads: AssetDownloadsService,
  ) {}

  /** Synchronous when a plain link is cached: the hot path allocates no promise. */
  handle(request: ClickRequest): RedirectOutcome | Promise<RedirectOutcome> {
    const link = this.links.resolve(request.code);
    if (link instanceof Promise) return link.then((l) => this.answer(l, request));
    return this.answer(link, request);
  }

  private answer(link: CachedLink | null, request: ClickRequest): RedirectOutcome | Promise<RedirectOutcome> {
    if (!link) return { kind: 'not-found' };
    const now = this.clock.now();
    const over = link.ended || (link.expiresAt !== null && link.expiresAt <= now.getTime());
    if (link.assetId !== null && !over) return this.answerAsset(link, link.assetId, request, now);
    const { clickId } = this.click(link, request, now, !over ? 'redirect' : link.fallbackUrl ? 'fallback' : 'ended');
    if (!over) return { kind: 'redirect', location: link.targetUrl, clickId };
    return this.fallback(link, clickId);
  }

  private async answerAsset(link: CachedLink, assetId: string, request: ClickRequest, now: Date): Promise<RedirectOutcome> {
    const target = (await this.resolver.resolveOne(assetId)).target;
    if (!target) {
      const { clickId } = this.click(link, request, now, link.fallbackUrl ? 'fallback' : 'ended');
      return this.fallback(link, clickId);
    }
    const location = await this.storage.presignGet(target.storageKey, { ttlSeconds: ASSET_URL_TTL_S, downloadName: target.fileName });
    const { clickId, human } = this.click(link, request, now, 'redirect');
    // Scanners and bots follow links too; only people's clicks count as downloads.
    if (human) {
      await this.downloads
        .record({ assetId: target.assetId, assetVersionId: target.versionId, partnerId: link.partnerId, userId: null, linkId: link.id, via: 'link', at: now })
        .catch((error: Error) => this.logger.error(`download of ${target.assetId} through link ${link.id} not recorded: ${error.message}`));
    }
    return { kind: 'redirect', location, clickId };
  }

  private fallback(link: CachedLink, clickId: string): RedirectOutcome {
    if (link.fallbackUrl) return { kind: 'redirect', location: link.fallbackUrl, clickId };
    return { kind: 'ended-page', clickId };
  }

  /** Buffers the click (no database work); says whether it looks like a person. */
  private click(link: CachedLink, request: ClickRequest, now: Date, outcome: 'redirect' | 'fallback' | 'ended'): { clickId: string; human: boolean } {
    const clickId = randomUUID();
    const ua = parseUserAgent(header(request.headers, 'user-agent'));
    const bot = ua.bot || request.method === 'HEAD' || isPrefetch(request.headers);
    this.recorder.record({
      clickId,
      linkId: link.id,
      partnerId: link.partnerId,
      launchId: link.launchId,
      assetKey: link.assetKey,
      at: now,
      ipHash: this.secrets.hashIp(request.ip, now),
      uaFamily: ua.family,
      referrerHost: referrerHost(header(request.headers, 'referer')),
      country: country(header(request.headers, 'cf-ipcountry')),
      outcome,
      bot,
      scanner: ua.scanner,
      messageId: isUuid(request.messageId) ? request.messageId.toLowerCase() : null,
      flushed: false,
    });
    return { clickId, human: isHumanClick({ bot, scanner: ua.scanner }) };
  }
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function referrerHost(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const host = new URL(value).hostname;
    return host === '' ? null : host.slice(0, 255).toLowerCase();
  } catch {
    return null;
  }
}

/** Only what a CDN put there (CF-IPCountry style); XX (unknown) and T1 (Tor) are not countries. */
function country(value: string | undefined): string | null {
  if (!value || !/^[A-Za-z]{2}$/.test(value)) return null;
  const code = value.toUpperCase();
  return code === 'XX' || code === 'T1' ? null : code;
}
