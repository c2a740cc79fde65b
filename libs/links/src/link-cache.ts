import { Lru } from '@app/core';

/**
 * What the redirect needs about a link, computed once when it is loaded: the final URL (UTM merged)
 * and the fallback. Never derived from the request.
 */
export interface CachedLink {
  id: string;
  code: string;
  partnerId: string;
  launchId: string | null;
  assetKey: string;
  targetUrl: string;
  fallbackUrl: string | null;
  /** A library asset the link serves (resolved per click); null for a plain destination. */
  assetId: string | null;
  ended: boolean;
  expiresAt: number | null;
}

interface Entry {
  link: CachedLink | null;
  until: number;
}

/**
 * The in-process link cache. Entries are dropped by `invalidate(code)`, which every process hears of
 * (see LinkService); `ttlMs` is only the safety net behind that. Unknown codes are
 * cached too, briefly, so a flood of made-up codes costs one query per code per TTL.
 */
export class LinkCache {
  private readonly entries: Lru<Entry>;

  constructor(
    private readonly ttlMs = 5_000,
    private readonly missTtlMs = 1_000,
    maxEntries = 50_000,
  ) {
    this.entries = new Lru<Entry>(maxEntries);
  }

  /** undefined: not cached (load it); null: cached as unknown. */
  get(code: string, nowMs = performance.now()): CachedLink | null | undefined {
    const entry = this.entries.get(code);
    if (!entry || entry.until <= nowMs) return undefined;
    return entry.link;
  }

  set(code: string, link: CachedLink | null, nowMs = performance.now()): void {
    this.entries.set(code, { link, until: nowMs + (link ? this.ttlMs : this.missTtlMs) });
  }

  invalidate(code: string): void {
    this.entries.set(code, { link: null, until: 0 });
  }

  clear(): void {
    this.entries.clear();
  }
}
