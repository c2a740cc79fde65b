import { useMemo, useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import type { AssetDetail, AssetEligibility, AssetType, Schemas } from '../api/types';
import { useUser } from '../auth';
import { Link, navigate } from '../router';
import { useToast } from '../toast';
import { Async, Field, toApiError, useLoad } from '../ui';
import { ASSET_EDITORS, ASSET_TYPE_LABELS, ASSET_TYPES, fromLocalInput, problemsOf, REGIONS, ReadOnlyNote } from '../vendor-ui';
import { loadAll } from './catalog';
import { useTitle } from './title';

type Partner = Schemas['PartnerView'];
type Tier = Schemas['TierView'];

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

/** Creates an asset's metadata; its file is uploaded on the asset's page. */
export function VendorAssetNewPage() {
  useTitle('New asset');
  const user = useUser();
  const program = useProgram();
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/vendor/assets">Assets</Link>
      </p>
      <h1>New asset</h1>
      {ASSET_EDITORS.includes(user.role) ? (
        <>
          <p className="lede">Describe the asset and who may see it. You upload its file on the next page.</p>
          <Async state={program}>{({ tiers, partners }) => <CreateForm tiers={tiers} partners={partners} />}</Async>
        </>
      ) : (
        <ReadOnlyNote user={user} who="vendor admins, marketers and channel managers" />
      )}
    </section>
  );
}

function CreateForm({ tiers, partners }: { tiers: Tier[]; partners: Partner[] }) {
  const { notify } = useToast();
  const [title, setTitle] = useState('');
  const [type, setType] = useState<AssetType | ''>('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [locale, setLocale] = useState('en');
  const [eligibility, setEligibility] = useState<Required<AssetEligibility>>({ tierIds: [], regions: [], partnerIds: [] });
  const [publishAt, setPublishAt] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [successorId, setSuccessorId] = useState('');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const candidates = useSuccessorCandidates(type);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string[]> = {};
    if (title.trim().length < 2) local.title = ['Enter a title of at least 2 characters.'];
    if (!type) local.type = ['Choose a type.'];
    const publishIso = fromLocalInput(publishAt);
    const expiresIso = fromLocalInput(expiresAt);
    if (expiresIso && expiresIso <= (publishIso ?? new Date().toISOString())) local.expiresAt = ['The expiry must be after the publish date and in the future.'];
    setProblems(local);
    setFormError(null);
    if (Object.keys(local).length > 0 || !type) {
      notify('Check the highlighted fields.', 'error');
      return;
    }
    setBusy(true);
    try {
      const created: AssetDetail = await call(
        api.POST('/api/v1/assets', {
          body: {
            title: title.trim(),
            type,
            description: description.trim(),
            tags: splitTags(tags),
            locale: locale.trim() || 'en',
            eligibility: compactEligibility(eligibility),
            ...(publishIso ? { publishAt: publishIso } : {}),
            ...(expiresIso ? { expiresAt: expiresIso } : {}),
            ...(successorId ? { successorId } : {}),
          },
        }),
      );
      notify(`“${created.title}” is created. Upload its file now.`);
      navigate(`/vendor/assets/${created.id}`);
    } catch (e) {
      const error = toApiError(e);
      setProblems(error.fields);
      setFormError(Object.keys(error.fields).length > 0 ? 'The asset was not created: check the highlighted fields.' : error.summary);
      notify(error instanceof ApiError && Object.keys(error.fields).length > 0 ? 'The asset was not created: check the highlighted fields.' : error.summary, 'error');
    } finally {
      setBusy(false);
    }
  };

  const p = (field: string) => problemsOf(problems, field);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="card asset-form" aria-describedby={formError ? 'create-error' : undefined}>
      {formError && (
        <p id="create-error" className="form-error" role="alert">
          {formError}
        </p>
      )}
      <Field id="asset-title" label="Title" error={p('title')}>
        {(describedBy, invalid) => <input id="asset-title" value={title} maxLength={200} required onChange={(e) => setTitle(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} data-testid="asset-title" />}
      </Field>
      <Field id="asset-new-type" label="Type" help="Decides which files it accepts and which assets can succeed it." error={p('type')}>
        {(describedBy, invalid) => (
          <select
            id="asset-new-type"
            value={type}
            required
            onChange={(e) => {
              setType(e.target.value as AssetType | '');
              setSuccessorId('');
            }}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            data-testid="asset-type"
          >
            <option value="">Choose a type</option>
            {ASSET_TYPES.map((t) => (
              <option key={t} value={t}>
                {ASSET_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="asset-description" label="Description (optional)" error={p('description')}>
        {(describedBy, invalid) => <textarea id="asset-description" rows={3} maxLength={4000} value={description} onChange={(e) => setDescription(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <Field id="asset-tags" label="Tags (optional)" help="Separated by commas, e.g. backup, datasheet. Up to 20." error={p('tags')}>
        {(describedBy, invalid) => <input id="asset-tags" value={tags} onChange={(e) => setTags(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <Field id="asset-locale" label="Language" help="A language tag such as en or pt-BR." error={p('locale')}>
        {(describedBy, invalid) => <input id="asset-locale" className="narrow" value={locale} maxLength={20} onChange={(e) => setLocale(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>

      <EligibilityFields tiers={tiers} partners={partners} value={eligibility} onChange={setEligibility} error={p('eligibility')} />

      <fieldset className="fieldset">
        <legend>Dates and successor</legend>
        <Field id="asset-publish" label="Publish (optional)" help="Partners see it from then; now when left empty. Your local time." error={p('publishAt')}>
          {(describedBy, invalid) => <input id="asset-publish" type="datetime-local" value={publishAt} onChange={(e) => setPublishAt(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} data-testid="asset-publish" />}
        </Field>
        <Field id="asset-expires" label="Expires (optional)" help="It leaves the library then, and what uses it moves to the successor or is held. Never when left empty." error={p('expiresAt')}>
          {(describedBy, invalid) => <input id="asset-expires" type="datetime-local" value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} data-testid="asset-expires" />}
        </Field>
        <SuccessorSelect id="asset-successor" type={type} candidates={candidates} value={successorId} onChange={setSuccessorId} error={p('successorId')} />
      </fieldset>

      <div className="actions">
        <button type="submit" className="button" disabled={busy} aria-busy={busy} data-testid="create-asset">
          {busy ? 'Creating…' : 'Create asset'}
        </button>
        <Link to="/vendor/assets" className="button secondary">
          Cancel
        </Link>
      </div>
    </form>
  );
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
