import type { Eligibility } from '@app/partners';

export const ASSET_TYPES = ['datasheet', 'deck', 'video', 'image', 'legal', 'document'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

/**
 * `scheduled`: before `publishAt` (invisible to partners); `live`; `expiring`: inside the largest
 * warning window; `expired`: past `expiresAt` (kept for audit and reports); `archived`: withdrawn by hand.
 */
export const ASSET_STATUSES = ['scheduled', 'live', 'expiring', 'expired', 'archived'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

export type AssetEligibility = Eligibility;

/** What refers to an asset. Rows of a launch (launch, rendition, landing page, email, link) carry its launch and partner. */
export const USAGE_KINDS = ['template', 'kit', 'launch', 'rendition', 'landing_page', 'email', 'nurture_step', 'link'] as const;
export type UsageKind = (typeof USAGE_KINDS)[number];

export interface UsageRef {
  assetId: string;
  assetVersionId?: string | null;
  kind: UsageKind;
  /** The referring thing: a template version, kit version, launch, `<launch>:<template>`, `<sequence version>:<step>`, link. */
  refId: string;
  kitId?: string | null;
  launchId?: string | null;
  partnerId?: string | null;
  templateVersionId?: string | null;
}

/** The file an asset reference stands for right now. */
export interface AssetTarget {
  assetId: string;
  versionId: string;
  title: string;
  type: AssetType;
  storageKey: string;
  fileName: string;
  contentType: string;
}

/**
 * What a reference to an asset resolves to now: `live` (itself), `replaced` (it expired and its
 * successor, or the successor's successor, stands in), `withdrawn` (nothing usable: hold, or show as withdrawn),
 * `unknown` (no such asset).
 */
export interface AssetResolution {
  assetId: string;
  state: 'live' | 'replaced' | 'withdrawn' | 'unknown';
  target: AssetTarget | null;
}
