import { useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import type { AssetDetail, AssetEligibility, AssetType } from '../api/types';
import { compactEligibility, EligibilityFields, type Partner, splitTags, SuccessorSelect, type Tier, useProgram, useSuccessorCandidates } from '../asset-fields';
import { useUser } from '../auth';
import { Link, navigate } from '../router';
import { useToast } from '../toast';
import { Async, Field, toApiError } from '../ui';
import { ASSET_EDITORS, ASSET_TYPE_LABELS, ASSET_TYPES, fromLocalInput, problemsOf, ReadOnlyNote } from '../vendor-ui';
import { useTitle } from './title';

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
