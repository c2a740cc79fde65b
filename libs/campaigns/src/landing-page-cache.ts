/** What a cached landing-page answer was made from: a change to any of them drops it. */
export interface LandingPageSources {
  partnerId: string | null;
  kitId: string | null;
  launchId: string | null;
}

interface Entry<V> {
  value: V;
  sources: LandingPageSources;
  until: number;
}

/**
 * The answers of `/p/<partner>/<kit>` by address, each remembered with what it was made from so a
 * change drops exactly the pages it touches (`drop`), in this process and, through the invalidation
 * topics, in every other. The lifetime is only the safety net behind that. Bounded by entry count,
 * the least recently stored leaving first. A load that started before a drop does not store its
 * (possibly stale) answer: `generation()` before the load, pass it to `set`.
 */
export class LandingPageCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private dropped = 0;

  constructor(private readonly maxEntries = 2_000) {}

  get(key: string, nowMs: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= nowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  generation(): number {
    return this.dropped;
  }

  set(key: string, value: V, sources: LandingPageSources, ttlMs: number, nowMs: number, generation: number): void {
    if (generation !== this.dropped) return;
    this.entries.delete(key);
    this.entries.set(key, { value, sources, until: nowMs + ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Drops every answer `touched` says a change reached. */
  drop(touched: (sources: LandingPageSources) => boolean): void {
    this.dropped++;
    for (const [key, entry] of this.entries) if (touched(entry.sources)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
