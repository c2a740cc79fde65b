/** A click the burst detector can mark after the fact (while it is still buffered, or later by id). */
export interface BurstCandidate {
  linkId: string;
  at: Date;
  scanner: boolean;
}

/** One visitor's recent activity: a few numbers and two short arrays, whatever the size of its burst. */
interface Visitor<C> {
  /** The `threshold` most recently clicked distinct links, oldest first, with when each was last clicked. */
  links: string[];
  lastAt: number[];
  /** Clicks in the window not yet marked, oldest first (`head` skips the ones already let go). */
  held: C[];
  head: number;
  /** The visitor's latest click: the LRU order of the map follows it. */
  seenAt: number;
}

/**
 * Mail security scanners open every link of a message within seconds, from one address. The same
 * visitor hitting `threshold` different links of one launch inside `windowMs` marks all of those
 * clicks as scanner clicks, the earlier ones included.
 *
 * O(1) amortised per click: a visitor keeps only its `threshold` most recent distinct links (the
 * question "are there `threshold` distinct links in the window" is answered by those alone) and a
 * queue of its unmarked clicks in the window, each click entering and leaving that queue once.
 * Memory is bounded under a flood of distinct addresses: at most `maxKeys` visitors (the least
 * recently seen is forgotten first, a Map keeping insertion order) holding at most `maxHeld` clicks
 * each. It knows nothing of Nest, the buffer or the database, so the batch writer can run it over a
 * batch as well as the recorder over single clicks.
 */
export class BurstDetector<C extends BurstCandidate> {
  private readonly visitors = new Map<string, Visitor<C>>();
  private oldest: MapIterator<string> | null = null;
  /** Entries read or written so far (links compared, clicks held, marked or let go): the cost the spec watches. */
  touched = 0;

  constructor(
    private readonly windowMs = 5_000,
    private readonly threshold = 3,
    private readonly maxKeys = 100_000,
    private readonly maxHeld = 1_000,
  ) {}

  /** Visitors remembered now. */
  get size(): number {
    return this.visitors.size;
  }

  /** Clicks held for a later mark, across every visitor (at most maxKeys × maxHeld). */
  get held(): number {
    let n = 0;
    for (const v of this.visitors.values()) n += v.held.length - v.head;
    return n;
  }

  /** Records the click; returns the clicks this observation newly marked as scanner clicks. */
  observe(key: string, click: C): C[] {
    const at = click.at.getTime();
    const since = at - this.windowMs;
    let visitor = this.visitors.get(key);
    if (visitor) {
      // Move to the young end of the map: the oldest key is then the least recently seen.
      this.visitors.delete(key);
    } else {
      visitor = { links: [], lastAt: [], held: [], head: 0, seenAt: at };
      if (this.visitors.size >= this.maxKeys) this.forgetOldest();
    }
    this.visitors.set(key, visitor);
    visitor.seenAt = Math.max(visitor.seenAt, at);

    this.noteLink(visitor, click.linkId, at);
    this.letGo(visitor, since);

    let distinct = 0;
    for (const t of visitor.lastAt) {
      this.touched++;
      if (t >= since) distinct++;
    }
    if (distinct < this.threshold) {
      if (!click.scanner) this.hold(visitor, click);
      return [];
    }
    const marked: C[] = [];
    for (let i = visitor.head; i < visitor.held.length; i++) {
      const c = visitor.held[i]!;
      this.touched++;
      if (!c.scanner && c.at.getTime() >= since) {
        c.scanner = true;
        marked.push(c);
      }
    }
    visitor.held = [];
    visitor.head = 0;
    if (!click.scanner) {
      click.scanner = true;
      marked.push(click);
    }
    return marked;
  }

  /** Forgets visitors whose last click left the window (the flusher calls it; the oldest come first, so it stops early). */
  prune(now: Date): void {
    const since = now.getTime() - this.windowMs;
    for (const [key, visitor] of this.visitors) {
      this.touched++;
      if (visitor.seenAt >= since) break;
      this.visitors.delete(key);
    }
  }

  /** Keeps the `threshold` most recently clicked distinct links, most recent last. */
  private noteLink(visitor: Visitor<C>, linkId: string, at: number): void {
    const { links, lastAt } = visitor;
    let i = links.length - 1;
    while (i >= 0 && links[i] !== linkId) {
      this.touched++;
      i--;
    }
    if (i >= 0) {
      links.splice(i, 1);
      lastAt.splice(i, 1);
    } else if (links.length >= this.threshold) {
      links.shift();
      lastAt.shift();
    }
    links.push(linkId);
    lastAt.push(Math.max(at, lastAt[lastAt.length - 1] ?? at));
    this.touched++;
  }

  /** Lets go of held clicks that left the window; each click leaves once, so this is O(1) amortised. */
  private letGo(visitor: Visitor<C>, since: number): void {
    while (visitor.head < visitor.held.length && visitor.held[visitor.head]!.at.getTime() < since) {
      this.touched++;
      visitor.head++;
    }
    if (visitor.head === visitor.held.length) {
      visitor.held = [];
      visitor.head = 0;
    }
  }

  private hold(visitor: Visitor<C>, click: C): void {
    this.touched++;
    visitor.held.push(click);
    // A long run on one or two links: the oldest held clicks can no longer be marked, memory stays bounded.
    if (visitor.held.length - visitor.head > this.maxHeld) visitor.head++;
    // Compact once the let-go prefix is half the array, so each click is copied O(1) times.
    if (visitor.head > 32 && visitor.head * 2 > visitor.held.length) {
      this.touched += visitor.held.length - visitor.head;
      visitor.held = visitor.held.slice(visitor.head);
      visitor.head = 0;
    }
  }

  private forgetOldest(): void {
    // One long-lived iterator: a fresh one would step over every deleted slot at the front of the
    // map on each call. Everything before its position has been deleted (keys only move to the end).
    this.oldest ??= this.visitors.keys();
    let oldest = this.oldest.next();
    if (oldest.done) {
      this.oldest = this.visitors.keys();
      oldest = this.oldest.next();
    }
    if (!oldest.done) this.visitors.delete(oldest.value);
  }
}
