import { ApiError } from '../api/client';
import type { Asset, Schemas } from '../api/types';
import { toLocalInput } from '../vendor-ui';

export type KitView = Schemas['KitView'];

export type Tier = Schemas['TierView'];

export type Partner = Schemas['PartnerView'];

export type Eligibility = { tierIds: string[]; regions: NonNullable<Schemas['KitEligibilityDto']['regions']>; partnerIds: string[] };

export type LibraryAsset = Pick<Asset, 'id' | 'title' | 'type' | 'status'>;

export interface DestinationRow {
  key: string;
  label: string;
  target: 'url' | 'asset';
  url: string;
  assetId: string;
}

export interface KitForm {
  slug: string;
  category: string;
  name: string;
  description: string;
  objective: string;
  templateIds: string[];
  destinations: DestinationRow[];
  assetIds: string[];
  eligibility: Eligibility;
  startsAt: string;
  endsAt: string;
}

export function formOf(kit: KitView | undefined): KitForm {
  const v = kit?.version;
  const eligibility = v?.eligibility ?? {};
  return {
    slug: kit?.slug ?? '',
    category: kit?.category ?? '',
    name: v?.name ?? '',
    description: v?.description ?? '',
    objective: v?.objective ?? '',
    templateIds: (v?.templates ?? []).map((t) => t.templateId),
    destinations: (v?.destinations ?? []).map((d) => ({ key: d.key, label: d.label, target: d.assetId ? 'asset' : 'url', url: d.url ?? '', assetId: d.assetId ?? '' })),
    assetIds: v?.assetIds ?? [],
    eligibility: { tierIds: eligibility.tierIds ?? [], regions: eligibility.regions ?? [], partnerIds: eligibility.partnerIds ?? [] },
    startsAt: toLocalInput(v?.startsAt),
    endsAt: toLocalInput(v?.endsAt),
  };
}

/** The problems the API named for `prefix` and anything below it (`destinations[1].url`, `templateIds.0`). */
export function problemsUnder(error: ApiError | null, prefix: string): string | undefined {
  if (!error) return undefined;
  const found = Object.entries(error.fields)
    .filter(([name]) => name === prefix || name.startsWith(`${prefix}.`) || name.startsWith(`${prefix}[`))
    .flatMap(([name, problems]) => problems.map((p) => (name === prefix ? p : `${name.slice(prefix.length).replace(/^\./, '')}: ${p}`)));
  return found.length ? found.join(' ') : undefined;
}
