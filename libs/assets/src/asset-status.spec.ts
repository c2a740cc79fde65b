import { nextTransitionAt, statusAt, usableAt, windowsReached } from './asset-status';
import { assetRefId, assetRefs } from './asset-refs';

const at = (iso: string) => new Date(iso);
const DAYS = [30, 7];

describe('asset status over time', () => {
  const asset = { status: 'live' as const, publishAt: at('2026-03-01T00:00:00Z'), expiresAt: at('2026-06-30T12:00:00Z') };

  it('is scheduled before publication, live, expiring inside the largest window, expired at the expiry instant', () => {
    expect(statusAt(asset, at('2026-02-28T23:59:59Z'), DAYS)).toBe('scheduled');
    expect(statusAt(asset, at('2026-05-31T11:59:59Z'), DAYS)).toBe('live');
    expect(statusAt(asset, at('2026-05-31T12:00:00Z'), DAYS)).toBe('expiring');
    expect(statusAt(asset, at('2026-06-30T11:59:59Z'), DAYS)).toBe('expiring');
    expect(statusAt(asset, at('2026-06-30T12:00:00Z'), DAYS)).toBe('expired');
  });

  it('keeps an archived asset archived whatever the dates say', () => {
    expect(statusAt({ ...asset, status: 'archived' }, at('2026-04-01T00:00:00Z'), DAYS)).toBe('archived');
    expect(usableAt({ ...asset, status: 'archived', currentVersionId: 'v' }, at('2026-04-01T00:00:00Z'))).toBe(false);
  });

  it('is usable only between publication and expiry, and only with a file', () => {
    expect(usableAt({ ...asset, currentVersionId: 'v' }, at('2026-04-01T00:00:00Z'))).toBe(true);
    expect(usableAt({ ...asset, currentVersionId: null }, at('2026-04-01T00:00:00Z'))).toBe(false);
    expect(usableAt({ ...asset, currentVersionId: 'v' }, at('2026-06-30T12:00:00Z'))).toBe(false);
  });

  it('wakes the sweep at publication, at each warning window, then at expiry, then never', () => {
    expect(nextTransitionAt(asset, at('2026-02-01T00:00:00Z'), DAYS)).toEqual(asset.publishAt);
    expect(nextTransitionAt(asset, at('2026-04-01T00:00:00Z'), DAYS)).toEqual(at('2026-05-31T12:00:00Z'));
    expect(nextTransitionAt(asset, at('2026-06-01T00:00:00Z'), DAYS)).toEqual(at('2026-06-23T12:00:00Z'));
    expect(nextTransitionAt(asset, at('2026-06-24T00:00:00Z'), DAYS)).toEqual(asset.expiresAt);
    expect(nextTransitionAt(asset, at('2026-07-01T00:00:00Z'), DAYS)).toBeNull();
    expect(nextTransitionAt({ ...asset, expiresAt: null }, at('2026-04-01T00:00:00Z'), DAYS)).toBeNull();
  });

  it('lists the warning windows reached, none after expiry', () => {
    expect(windowsReached(asset.expiresAt, at('2026-05-01T00:00:00Z'), DAYS)).toEqual([]);
    expect(windowsReached(asset.expiresAt, at('2026-06-01T00:00:00Z'), DAYS)).toEqual([30]);
    expect(windowsReached(asset.expiresAt, at('2026-06-29T00:00:00Z'), DAYS)).toEqual([30, 7]);
    expect(windowsReached(asset.expiresAt, at('2026-06-30T12:00:00Z'), DAYS)).toEqual([]);
  });
});

describe('asset references', () => {
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';

  it('recognises a whole-value reference, case-insensitively, and nothing else', () => {
    expect(assetRefId(`asset:${id}`)).toBe(id);
    expect(assetRefId(`asset:${id.toUpperCase()}`)).toBe(id);
    expect(assetRefId(`see asset:${id}`)).toBeNull();
    expect(assetRefId('asset:not-a-uuid')).toBeNull();
    expect(assetRefId(42)).toBeNull();
  });

  it('finds every reference in nested content once', () => {
    const other = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    expect(assetRefs({ fields: [{ value: `asset:${id}` }, { default: `asset:${other}` }], banner: { background: `asset:${id}` } }).sort()).toEqual([id, other].sort());
    expect(assetRefs(['https://example.com', null, 3])).toEqual([]);
  });
});
