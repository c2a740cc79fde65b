/** A click the burst detector can mark after the fact (while it is still buffered, or later by id). */
export interface BurstCandidate {
  linkId: string;
  at: Date;
  scanner: boolean;
}

/**
 * Mail security scanners open every link of a message within seconds, from one address. The same
 * visitor hitting `threshold` different links of one launch inside `windowMs` marks all of those
 * clicks as scanner clicks, the earlier ones included.
 */
export class BurstDetector<C extends BurstCandidate> {
  private readonly recent = new Map<string, C[]>();

  constructor(
    private readonly windowMs = 5_000,
    private readonly threshold = 3,
    private readonly maxKeys = 100_000,
  ) {}

  /** Records the click; returns the clicks this observation newly marked as scanner clicks. */
  observe(key: string, click: C): C[] {
    const since = click.at.getTime() - this.windowMs;
    const list = (this.recent.get(key) ?? []).filter((c) => c.at.getTime() >= since);
    list.push(click);
    this.recent.set(key, list);
    if (this.recent.size > this.maxKeys) this.prune(click.at);
    const links = new Set(list.map((c) => c.linkId));
    if (links.size < this.threshold) return [];
    const marked = list.filter((c) => !c.scanner);
    for (const c of marked) c.scanner = true;
    return marked;
  }

  /** Drops windows that have passed (called by the flusher so the map stays small). */
  prune(now: Date): void {
    const since = now.getTime() - this.windowMs;
    for (const [key, list] of this.recent) {
      if (list.every((c) => c.at.getTime() < since)) this.recent.delete(key);
    }
    // Still too many live keys (a flood): forget the oldest half rather than grow without bound.
    if (this.recent.size > this.maxKeys) {
      let drop = Math.floor(this.recent.size / 2);
      for (const key of this.recent.keys()) {
        if (drop-- <= 0) break;
        this.recent.delete(key);
      }
    }
  }
}
