import type { KitVersionEntity } from './kit-version.entity';

/** Whether `now` is inside the kit's availability window. */
export function isAvailable(version: Pick<KitVersionEntity, 'startsAt' | 'endsAt'>, now: Date): boolean {
  return (!version.startsAt || version.startsAt <= now) && (!version.endsAt || now < version.endsAt);
}
