import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, call } from '../api/client';
import type { AssetDetail, AssetEligibility, Schemas } from '../api/types';
import { compactEligibility, EligibilityFields, splitTags, useProgram } from '../asset-fields';
import { useUser } from '../auth';
import { Link } from '../router';
import { useToast } from '../toast';
import { Async, Field, formatDateTime, StatusBadge, toApiError, type Loaded, useLoad } from '../ui';
import { problemsOf } from '../vendor-ui';

type AssetOwner = Schemas['AssetOwnerDto'];

type Program = ReturnType<typeof useProgram>;

type EligibilityForm = Required<AssetEligibility>;

type Impact = Schemas['EligibilityImpactDto'];

/** What the asset says about itself and who may find it; editors change them in place. */
export function Details({ asset, canEdit, reload }: { asset: AssetDetail; canEdit: boolean; reload: () => void }) {
  const program = useProgram();
  const owners = useLoad(() => call(api.GET('/api/v1/assets/owners')), []);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    setEditing(false);
    // Back to where the reader was: the button that opened the form.
    window.setTimeout(() => editButton.current?.focus(), 0);
  };
  return (
    <section className="card" aria-labelledby="asset-details">
      <h2 id="asset-details">Details</h2>
      {editing ? (
        <Async state={program}>{(p) => <DetailsForm asset={asset} program={p} owners={owners} onDone={close} reload={reload} />}</Async>
      ) : (
        <>
          <DetailsView asset={asset} program={program} owners={owners.data} />
          {canEdit && (
            <button ref={editButton} type="button" className="button secondary" onClick={() => setEditing(true)} data-testid="edit-asset-details">
              Edit details
            </button>
          )}
        </>
      )}
    </section>
  );
}

function DetailsView({ asset, program, owners }: { asset: AssetDetail; program: Program; owners: AssetOwner[] | undefined }) {
  const user = useUser();
  const { tierIds = [], regions = [], partnerIds = [] } = asset.eligibility;
  const names = (ids: string[], list: { id: string; name: string }[] | undefined) => ids.map((id) => list?.find((x) => x.id === id)?.name ?? 'unknown').join(', ');
  const everyone = tierIds.length === 0 && regions.length === 0 && partnerIds.length === 0;
  const owner = owners?.find((o) => o.id === asset.ownerUserId);
  return (
    <dl className="facts" data-testid="asset-details">
      <dt>Description</dt>
      <dd>{asset.description || <span className="muted">None</span>}</dd>
      <dt>Tags</dt>
      <dd data-testid="asset-tags">{asset.tags.length > 0 ? asset.tags.join(', ') : <span className="muted">None</span>}</dd>
      <dt>Language</dt>
      <dd>{asset.locale}</dd>
      <dt>Who may see it</dt>
      <dd>
        {everyone ? (
          'Every partner'
        ) : (
          <>
            {tierIds.length > 0 && <span className="block">Tiers: {names(tierIds, program.data?.tiers)}</span>}
            {regions.length > 0 && <span className="block">Regions: {regions.join(', ')}</span>}
            {partnerIds.length > 0 && <span className="block">Also named partners: {names(partnerIds, program.data?.partners)}</span>}
          </>
        )}
      </dd>
      <dt>Published</dt>
      <dd>{formatDateTime(asset.publishAt)}</dd>
      <dt>Expires</dt>
      <dd>{asset.expiresAt ? formatDateTime(asset.expiresAt) : 'Never'}</dd>
      <dt>Successor</dt>
      <dd>
        {asset.successor ? (
          <>
            <Link to={`/vendor/assets/${asset.successor.id}`}>{asset.successor.title}</Link> <StatusBadge status={asset.successor.status} />
          </>
        ) : (
          <span className="muted">None{asset.expiresAt ? ': on expiry, what uses it is held' : ''}</span>
        )}
      </dd>
      <dt>Owner</dt>
      <dd>{asset.ownerUserId === user.id ? 'You' : owner ? `${owner.name} (${owner.email})` : 'Another member of the vendor team'}</dd>
      <dt>Created</dt>
      <dd>{formatDateTime(asset.createdAt)}</dd>
      <dt>Changed</dt>
      <dd>{formatDateTime(asset.updatedAt)}</dd>
    </dl>
  );
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

const eligibilityForm = (e: AssetEligibility): EligibilityForm => ({ tierIds: e.tierIds ?? [], regions: e.regions ?? [], partnerIds: e.partnerIds ?? [] });

/**
 * Title, description, tags, language, owner and who may see it, saved in one change. Narrowing who
 * may see it is checked first: partners whose live launches use the asset keep their launches, but
 * lose it from their library, and the editor confirms that before it is saved.
 */
function DetailsForm({ asset, program, owners, onDone, reload }: { asset: AssetDetail; program: NonNullable<Program['data']>; owners: Loaded<AssetOwner[]>; onDone: () => void; reload: () => void }) {
  const { notify } = useToast();
  const [title, setTitle] = useState(asset.title);
  const [description, setDescription] = useState(asset.description);
  const [tags, setTags] = useState(asset.tags.join(', '));
  const [locale, setLocale] = useState(asset.locale);
  const [ownerUserId, setOwnerUserId] = useState(asset.ownerUserId);
  const [eligibility, setEligibility] = useState<EligibilityForm>(() => eligibilityForm(asset.eligibility));
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  // The change waiting for confirmation, with what it would do.
  const [pending, setPending] = useState<{ body: Schemas['UpdateAssetDto']; impact: Impact } | null>(null);
  const impact = pending?.impact ?? null;
  const titleInput = useRef<HTMLInputElement>(null);
  useEffect(() => titleInput.current?.focus(), []);

  const changes = (): { body: Schemas['UpdateAssetDto']; local: Record<string, string[]> } => {
    const body: Schemas['UpdateAssetDto'] = {};
    const local: Record<string, string[]> = {};
    if (title.trim().length < 2) local.title = ['Enter a title of at least 2 characters.'];
    else if (title.trim() !== asset.title) body.title = title.trim();
    if (description.trim() !== asset.description) body.description = description.trim();
    const tagList = splitTags(tags);
    if (tagList.length > 20) local.tags = ['Use at most 20 tags.'];
    else if (tagList.join('\n') !== asset.tags.join('\n')) body.tags = tagList;
    if (!locale.trim()) local.locale = ['Enter a language tag such as en or pt-BR.'];
    else if (locale.trim() !== asset.locale) body.locale = locale.trim();
    if (ownerUserId !== asset.ownerUserId) body.ownerUserId = ownerUserId;
    const before = eligibilityForm(asset.eligibility);
    if (!sameSet(eligibility.tierIds, before.tierIds) || !sameSet(eligibility.regions, before.regions) || !sameSet(eligibility.partnerIds, before.partnerIds)) {
      body.eligibility = compactEligibility(eligibility);
    }
    return { body, local };
  };

  const failed = (e: unknown) => {
    const error = toApiError(e);
    setProblems(error.fields);
    const text = Object.keys(error.fields).length > 0 ? 'Not saved: check the highlighted fields.' : error.summary;
    setFormError(text);
    notify(text, 'error');
  };

  const save = async (body: Schemas['UpdateAssetDto'], losing: number) => {
    setBusy(true);
    try {
      await call(api.PATCH('/api/v1/assets/{id}', { params: { path: { id: asset.id } }, body }));
      const who = losing > 0 ? ` ${losing === 1 ? '1 partner no longer finds' : `${losing} partners no longer find`} it in the library.` : '';
      notify(`Details saved.${who}`);
      setPending(null);
      reload();
      onDone();
    } catch (e) {
      setPending(null);
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    setPending(null);
    const { body, local } = changes();
    setProblems(local);
    if (Object.keys(local).length > 0) return notify('Check the highlighted fields.', 'error');
    if (Object.keys(body).length === 0) {
      notify('Nothing changed.', 'info');
      return onDone();
    }
    if (!body.eligibility) return save(body, 0);
    setBusy(true);
    let answer: Impact;
    try {
      answer = await call(api.POST('/api/v1/assets/{id}/eligibility-impact', { params: { path: { id: asset.id } }, body: { eligibility: body.eligibility } }));
    } catch (e) {
      setBusy(false);
      return failed(e);
    }
    setBusy(false);
    // Live launches keep the asset; their partners lose it from the library. Say so before saving.
    if (answer.liveLaunches > 0) return setPending({ body, impact: answer });
    return save(body, answer.partnersLosingAccess);
  };

  const p = (field: string) => problemsOf(problems, field);
  const ownerList = owners.data ?? [];
  const ownerHelp = owners.error ? `The vendor team could not be loaded: ${owners.error.summary}` : owners.loading && !owners.data ? 'Loading the vendor team…' : 'Gets the expiry warnings.';
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-describedby={formError ? 'details-error' : undefined} data-testid="asset-details-form">
      {formError && (
        <p id="details-error" className="form-error" role="alert">
          {formError}
        </p>
      )}
      <Field id="edit-title" label="Title" error={p('title')}>
        {(describedBy, invalid) => (
          <input ref={titleInput} id="edit-title" value={title} maxLength={200} required onChange={(e) => setTitle(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} data-testid="edit-asset-title" />
        )}
      </Field>
      <Field id="edit-description" label="Description (optional)" error={p('description')}>
        {(describedBy, invalid) => <textarea id="edit-description" rows={3} maxLength={4000} value={description} onChange={(e) => setDescription(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <Field id="edit-tags" label="Tags (optional)" help="Separated by commas, e.g. backup, datasheet. Up to 20." error={p('tags')}>
        {(describedBy, invalid) => <input id="edit-tags" value={tags} onChange={(e) => setTags(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} data-testid="edit-asset-tags" />}
      </Field>
      <Field id="edit-locale" label="Language" help="A language tag such as en or pt-BR." error={p('locale')}>
        {(describedBy, invalid) => <input id="edit-locale" className="narrow" value={locale} maxLength={20} onChange={(e) => setLocale(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <Field id="edit-owner" label="Owner" help={ownerHelp} error={p('ownerUserId')}>
        {(describedBy, invalid) => (
          <select id="edit-owner" value={ownerUserId} disabled={ownerList.length === 0} onChange={(e) => setOwnerUserId(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid}>
            {!ownerList.some((o) => o.id === asset.ownerUserId) && <option value={asset.ownerUserId}>The current owner</option>}
            {ownerList.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.email})
              </option>
            ))}
          </select>
        )}
      </Field>
      <EligibilityFields
        tiers={program.tiers}
        partners={program.partners}
        value={eligibility}
        onChange={(next) => {
          // What was checked no longer holds.
          setPending(null);
          setEligibility(next);
        }}
        error={p('eligibility')}
      />
      {impact ? (
        <div className="notice" role="alert" data-testid="eligibility-impact">
          <p>
            <strong>
              {impact.partners.length === 1 ? '1 partner' : `${impact.partners.length} partners`} with {impact.liveLaunches === 1 ? 'a live launch' : `${impact.liveLaunches} live launches`} using this asset would no longer find it in
              the library
            </strong>
            : {impact.partners.map((x) => `${x.name} (${x.liveLaunches === 1 ? '1 live launch' : `${x.liveLaunches} live launches`})`).join(', ')}. Their launches keep running with it: emails,
            pages and links go on showing it.
            {impact.partnersLosingAccess > impact.partners.length && ` In all, ${impact.partnersLosingAccess} partners lose it from their library.`}
          </p>
          <div className="actions" role="group" aria-label="Confirm who may see it">
            <button type="button" className="button" onClick={() => void save(pending!.body, impact.partnersLosingAccess)} disabled={busy} aria-busy={busy} data-testid="confirm-eligibility">
              {busy ? 'Saving…' : 'Save anyway'}
            </button>
            <button type="button" className="button secondary" onClick={() => setPending(null)} disabled={busy}>
              Keep editing
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="submit" className="button" disabled={busy} aria-busy={busy} data-testid="save-asset-details">
            {busy ? 'Saving…' : 'Save details'}
          </button>
          <button type="button" className="button secondary" onClick={onDone} disabled={busy}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}
