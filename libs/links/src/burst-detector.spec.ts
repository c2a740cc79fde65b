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
