import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock, isUuid } from '@app/core';
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

/**
 * The public redirect: resolve the code from the cache, decide where it goes (destination, or the
 * fallback once the link expired or its launch ended), buffer the click. No database write here;
 * nothing from the request can influence the Location.
 */
@Injectable()
export class LinkRedirectService {
  constructor(
    private readonly links: LinkService,
    private readonly recorder: ClickRecorder,
    private readonly secrets: LinkSecretService,
    private readonly clock: Clock,
  ) {}

  /** Synchronous when the link is cached: the hot path allocates no promise. */
  handle(request: ClickRequest): RedirectOutcome | Promise<RedirectOutcome> {
    const link = this.links.resolve(request.code);
    if (link instanceof Promise) return link.then((l) => this.answer(l, request));
    return this.answer(link, request);
  }

  private answer(link: CachedLink | null, request: ClickRequest): RedirectOutcome {
    if (!link) return { kind: 'not-found' };
    const now = this.clock.now();
    const over = link.ended || (link.expiresAt !== null && link.expiresAt <= now.getTime());
    const clickId = randomUUID();
    const ua = parseUserAgent(header(request.headers, 'user-agent'));
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
      outcome: !over ? 'redirect' : link.fallbackUrl ? 'fallback' : 'ended',
      bot: ua.bot || request.method === 'HEAD' || isPrefetch(request.headers),
      scanner: ua.scanner,
      messageId: isUuid(request.messageId) ? request.messageId.toLowerCase() : null,
      flushed: false,
    });
    if (!over) return { kind: 'redirect', location: link.targetUrl, clickId };
    if (link.fallbackUrl) return { kind: 'redirect', location: link.fallbackUrl, clickId };
    return { kind: 'ended-page', clickId };
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
