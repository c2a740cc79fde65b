import { LandingPageCache } from './landing-page-cache';

const sources = (launchId: string | null, partnerId = 'p1', kitId = 'k1') => ({ launchId, partnerId, kitId });

describe('LandingPageCache', () => {
  it('serves a stored page until its lifetime ends', () => {
    const cache = new LandingPageCache<string>();
    cache.set('acme/spring', '<html>', sources('l1'), 1_000, 0, cache.generation());
    expect(cache.get('acme/spring', 999)).toBe('<html>');
    expect(cache.get('acme/spring', 1_000)).toBeUndefined();
  });

  it('drops exactly the pages a change touched', () => {
    const cache = new LandingPageCache<string>();
    cache.set('acme/spring', 'a', sources('l1', 'p1', 'k1'), 60_000, 0, cache.generation());
    cache.set('acme/autumn', 'b', sources('l2', 'p1', 'k2'), 60_000, 0, cache.generation());
    cache.set('zenith/spring', 'c', sources('l3', 'p2', 'k1'), 60_000, 0, cache.generation());
    cache.drop((s) => s.kitId === 'k1');
    expect([cache.get('acme/spring', 1), cache.get('acme/autumn', 1), cache.get('zenith/spring', 1)]).toEqual([undefined, 'b', undefined]);
  });

  it('does not store an answer loaded before a change arrived', () => {
    const cache = new LandingPageCache<string>();
    const before = cache.generation();
    cache.drop(() => true);
    cache.set('acme/spring', 'stale', sources('l1'), 60_000, 0, before);
    expect(cache.get('acme/spring', 1)).toBeUndefined();
  });

  it('stays within its bound, forgetting the oldest first', () => {
    const cache = new LandingPageCache<number>(3);
    for (let i = 0; i < 5; i++) cache.set(`p/${i}`, i, sources(null), 60_000, 0, cache.generation());
    expect(cache.size).toBe(3);
    expect(cache.get('p/0', 1)).toBeUndefined();
    expect(cache.get('p/4', 1)).toBe(4);
  });
});
