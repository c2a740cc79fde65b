import type { PartnerEntity } from '@app/partners';
import type { KitEligibility, KitVersionEntity } from './kit-version.entity';

/**
 * Named partners are always eligible; otherwise a partner must match every criterion given
 * (its tier among `tierIds`, its region among `regions`). No criteria at all: every partner.
 */
export function isEligible(eligibility: KitEligibility, partner: Pick<PartnerEntity, 'id' | 'tierId' | 'region'>): boolean {
  const named = eligibility.partnerIds ?? [];
  const tiers = eligibility.tierIds ?? [];
  const regions = eligibility.regions ?? [];
  if (named.includes(partner.id)) return true;
  if (tiers.length === 0 && regions.length === 0) return named.length === 0;
  return (tiers.length === 0 || tiers.includes(partner.tierId)) && (regions.length === 0 || regions.includes(partner.region));
}

/** Whether `now` is inside the kit's availability window. */
export function isAvailable(version: Pick<KitVersionEntity, 'startsAt' | 'endsAt'>, now: Date): boolean {
  return (!version.startsAt || version.startsAt <= now) && (!version.endsAt || now < version.endsAt);
}
