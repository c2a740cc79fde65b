import { useMemo, useState } from 'react';
import { api, call } from './api/client';
import type { AssetEligibility, AssetType, Schemas } from './api/types';
import { Field, loadAll, useLoad } from './ui';
import { REGIONS } from './vendor-ui';

export type Partner = Schemas['PartnerView'];

export type Tier = Schemas['TierView'];

/** Tiers and partners, for eligibility and names. */
export function useProgram() {
  return useLoad(async () => {
    const [tiers, partners] = await Promise.all([call(api.GET('/api/v1/tiers')), loadAll((cursor) => call(api.GET('/api/v1/partners', { params: { query: { limit: 100, cursor } } })))]);
    return { tiers: [...tiers].sort((a, b) => a.rank - b.rank), partners: [...partners].sort((a, b) => a.name.localeCompare(b.name)) };
  }, []);
}

/** Assets of one type that can stand in for another: not archived, not expired. */
export function useSuccessorCandidates(type: AssetType | '', excludeId?: string) {
  return useLoad(async () => {
    if (!type) return [];
    const all = await loadAll((cursor) => call(api.GET('/api/v1/assets', { params: { query: { type, limit: 100, cursor } } })));
    return all.filter((a) => a.id !== excludeId && a.status !== 'archived' && a.status !== 'expired').sort((a, b) => a.title.localeCompare(b.title));
  }, [type, excludeId]);
}

export function SuccessorSelect({
  id,
  type,
  candidates,
  value,
  onChange,
  error,
}: {
  id: string;
  type: AssetType | '';
  candidates: ReturnType<typeof useSuccessorCandidates>;
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const help = !type ? 'Choose a type first: a successor is an asset of the same type.' : candidates.loading ? 'Loading the assets of this type…' : candidates.error ? `The assets could not be loaded: ${candidates.error.summary}` : 'The asset that stands in once this one expires.';
  return (
    <Field id={id} label="Successor (optional)" help={help} error={error}>
      {(describedBy, invalid) => (
        <select id={id} value={value} disabled={!type || candidates.loading} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} data-testid="asset-successor">
          <option value="">No successor</option>
          {(candidates.data ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.title} ({a.status})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Which partners see the asset: tiers, regions, named partners; nothing chosen means every partner. */
export function EligibilityFields({
  tiers,
  partners,
  value,
  onChange,
  error,
}: {
  tiers: Tier[];
  partners: Partner[];
  value: Required<AssetEligibility>;
  onChange: (value: Required<AssetEligibility>) => void;
  error?: string;
}) {
  const [filter, setFilter] = useState('');
  const toggle = <K extends keyof AssetEligibility>(key: K, item: NonNullable<AssetEligibility[K]>[number]) => {
    const list = value[key] as string[];
    const next = list.includes(item) ? list.filter((i) => i !== item) : [...list, item];
    onChange({ ...value, [key]: next });
  };
  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return partners.filter((p) => value.partnerIds.includes(p.id) || words.every((w) => p.name.toLowerCase().includes(w))).slice(0, 200);
  }, [partners, filter, value.partnerIds]);
  const none = value.tierIds.length === 0 && value.regions.length === 0 && value.partnerIds.length === 0;
  return (
    <fieldset className={`fieldset${error ? ' has-error' : ''}`} aria-describedby={`eligibility-summary${error ? ' eligibility-error' : ''}`}>
      <legend>Who may see it</legend>
      <p id="eligibility-summary" className="help" aria-live="polite">
        {none
          ? 'Every partner (nothing chosen).'
          : `Partners in ${value.tierIds.length > 0 ? `${value.tierIds.length} tier(s)` : 'any tier'} and ${value.regions.length > 0 ? value.regions.join(', ') : 'any region'}${value.partnerIds.length > 0 ? `, plus ${value.partnerIds.length} named partner(s) whatever their tier or region` : ''}.`}
      </p>
      <div className="check-groups">
        <fieldset className="check-group">
          <legend>Tiers</legend>
          {tiers.length === 0 && <p className="muted">No tiers.</p>}
          {tiers.map((t) => (
            <label key={t.id} className="check">
              <input type="checkbox" checked={value.tierIds.includes(t.id)} onChange={() => toggle('tierIds', t.id)} /> {t.name}
            </label>
          ))}
        </fieldset>
        <fieldset className="check-group">
          <legend>Regions</legend>
          {REGIONS.map((r) => (
            <label key={r} className="check">
              <input type="checkbox" checked={value.regions.includes(r)} onChange={() => toggle('regions', r)} /> {r}
            </label>
          ))}
        </fieldset>
        <fieldset className="check-group partner-group">
          <legend>Named partners ({value.partnerIds.length} chosen)</legend>
          <label htmlFor="eligibility-partner-filter" className="visually-hidden">
            Find partners
          </label>
          <input id="eligibility-partner-filter" type="search" placeholder="Find partners" value={filter} onChange={(e) => setFilter(e.target.value)} />
          <div className="check-scroll">
            {shown.length === 0 && <p className="muted">No partner matches.</p>}
            {shown.map((p) => (
              <label key={p.id} className="check">
                <input type="checkbox" checked={value.partnerIds.includes(p.id)} onChange={() => toggle('partnerIds', p.id)} /> {p.name}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {error && (
        <p id="eligibility-error" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Tags as typed (comma-separated) → the list the API takes. */
export function splitTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
}

/** Only the criteria chosen: nothing chosen means every partner. */
export function compactEligibility(e: Required<AssetEligibility>): AssetEligibility {
  return { ...(e.tierIds.length ? { tierIds: e.tierIds } : {}), ...(e.regions.length ? { regions: e.regions } : {}), ...(e.partnerIds.length ? { partnerIds: e.partnerIds } : {}) };
}
