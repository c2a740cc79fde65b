import type { PartnerStatus, Region } from './partner.entity';

/** A partner as other libs see it: the profile, without the TypeORM entity. */
export interface Partner {
  id: string;
  name: string;
  slug: string;
  tierId: string;
  region: Region;
  website: string | null;
  phone: string | null;
  address: string | null;
  timeZone: string;
  brandColour: string | null;
  legalDisclaimer: string | null;
  status: PartnerStatus;
  /** The date the partner agreement was signed (a calendar date, `YYYY-MM-DD`). */
  signedAt: string | null;
  logoKey: string | null;
  logoWidth: number | null;
  logoHeight: number | null;
  /** Bumped on every profile or logo change; co-branded renditions are cached by it. */
  profileVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What eligibility rules read of a partner. */
export interface PartnerEligibilityFacts {
  id: string;
  tierId: string;
  region: Region;
}

/** A tier with how many of some given partners are in it (adoption by tier). */
export interface TierCount {
  id: string;
  name: string;
  rank: number;
  count: number;
}
