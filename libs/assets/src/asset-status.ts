import type { AssetStatus } from './asset.types';

const DAY_MS = 86_400_000;

/**
 * The status an asset should have at `now`. Archived is final (by hand); otherwise it follows the
 * dates: before `publishAt` scheduled, past `expiresAt` expired, inside the largest warning window
 * expiring, else live.
 */
export function statusAt(asset: { status: AssetStatus; publishAt: Date; expiresAt: Date | null }, now: Date, warningDays: number[]): AssetStatus {
  if (asset.status === 'archived') return 'archived';
  if (asset.expiresAt && asset.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (asset.publishAt.getTime() > now.getTime()) return 'scheduled';
  const window = Math.max(0, ...warningDays) * DAY_MS;
  if (asset.expiresAt && asset.expiresAt.getTime() - window <= now.getTime()) return 'expiring';
  return 'live';
}

/** Whether the asset can be used (offered, downloaded, rendered) at `now`. */
export function usableAt(asset: { status: AssetStatus; publishAt: Date; expiresAt: Date | null; currentVersionId: string | null }, now: Date): boolean {
  if (asset.status === 'archived' || asset.currentVersionId === null) return false;
  if (asset.publishAt.getTime() > now.getTime()) return false;
  return asset.expiresAt === null || asset.expiresAt.getTime() > now.getTime();
}

/** The warning windows (in days) `now` has entered for an asset expiring at `expiresAt`, largest first. */
export function windowsReached(expiresAt: Date, now: Date, warningDays: number[]): number[] {
  return warningDays.filter((days) => expiresAt.getTime() - days * DAY_MS <= now.getTime() && now.getTime() < expiresAt.getTime());
}

/**
 * When an asset next needs the sweep: its publication while scheduled, else the start of the next
 * warning window not yet reached, else its expiry. Null once expired or archived, or without an expiry.
 */
export function nextTransitionAt(asset: { status: AssetStatus; publishAt: Date; expiresAt: Date | null }, now: Date, warningDays: number[]): Date | null {
  const status = statusAt(asset, now, warningDays);
  if (status === 'archived' || status === 'expired') return null;
  if (status === 'scheduled') return asset.publishAt;
  if (!asset.expiresAt) return null;
  const upcoming = warningDays.map((days) => asset.expiresAt!.getTime() - days * DAY_MS).filter((at) => at > now.getTime());
  return new Date(Math.min(asset.expiresAt.getTime(), ...upcoming));
}
