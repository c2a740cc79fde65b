import { BurstDetector } from './burst-detector';

const click = (linkId: string, ms: number) => ({ linkId, at: new Date(Date.UTC(2026, 10, 2, 9) + ms), scanner: false });

describe('BurstDetector', () => {
  it('marks every click once one visitor hits three links of a launch within the window', () => {
    const detector = new BurstDetector(5_000, 3);
    const a = click('a', 0);
    const b = click('b', 1_000);
    const c = click('c', 2_000);
    expect(detector.observe('k', a)).toEqual([]);
    expect(detector.observe('k', b)).toEqual([]);
    expect(detector.observe('k', c)).toEqual([a, b, c]);
    expect([a, b, c].every((x) => x.scanner)).toBe(true);
  });

  it('does not count the same link twice, other visitors, or clicks outside the window', () => {
    const detector = new BurstDetector(5_000, 3);
    detector.observe('k', click('a', 0));
    detector.observe('k', click('a', 100));
    detector.observe('other', click('b', 200));
    expect(detector.observe('k', click('b', 300))).toEqual([]);
    expect(detector.observe('k', click('c', 10_000))).toEqual([]);
  });

  it('forgets finished windows when pruned', () => {
    const detector = new BurstDetector(5_000, 3);
    detector.observe('k', click('a', 0));
    detector.observe('k', click('b', 0));
    detector.prune(new Date(Date.UTC(2026, 10, 2, 10)));
    expect(detector.observe('k', click('c', 1_000))).toEqual([]);
  });
});

describe('BurstDetector cost', () => {
  /** A scanner opening three links of one launch round and round, ten clicks a millisecond. */
  const workPerClick = (clicks: number, links = ['a', 'b', 'c']): { perClick: number; marked: number } => {
    const detector = new BurstDetector(5_000, 3);
    let marked = 0;
    for (let i = 0; i < clicks; i++) marked += detector.observe('scanner', click(links[i % links.length]!, i / 10)).length;
    return { perClick: detector.touched / clicks, marked };
  };

  it('does the same work per click whether one address bursts 100 or 10,000 times, and still marks every click', () => {
    const small = workPerClick(100);
    const large = workPerClick(10_000);
    expect(small.marked).toBe(100);
    expect(large.marked).toBe(10_000);
    // Today's constant is a handful of entries; a window scan per click would make the large burst 100 times dearer.
    expect(large.perClick).toBeLessThanOrEqual(small.perClick * 1.1);
    expect(large.perClick).toBeLessThan(10);
  });

  it('keeps the work per click flat on a burst that never reaches three links (held clicks are let go once)', () => {
    const small = workPerClick(100, ['a', 'b']);
    const large = workPerClick(10_000, ['a', 'b']);
    expect(small.marked + large.marked).toBe(0);
    expect(large.perClick).toBeLessThan(10);
  });

  it('marks the clicks a long burst made before it reached a third link', () => {
    const detector = new BurstDetector(5_000, 3);
    const early = Array.from({ length: 500 }, (_, i) => click(i % 2 ? 'a' : 'b', i));
    for (const c of early) detector.observe('k', c);
    expect(detector.observe('k', click('c', 600))).toHaveLength(501);
    expect(early.every((c) => c.scanner)).toBe(true);
  });

  it('stays within its bounds under a million distinct addresses', () => {
    const detector = new BurstDetector(5_000, 3, 10_000, 100);
    for (let i = 0; i < 1_000_000; i++) detector.observe(`launch|visitor-${i}`, click('a', i / 100));
    expect(detector.size).toBe(10_000);
    expect(detector.held).toBeLessThanOrEqual(10_000);
    expect(detector.touched / 1_000_000).toBeLessThan(10);
    // The newest visitors are the ones remembered: one of them reaching three links is still caught.
    detector.observe('launch|visitor-999999', click('b', 10_000));
    expect(detector.observe('launch|visitor-999999', click('c', 10_001))).toHaveLength(3);
  });
});
