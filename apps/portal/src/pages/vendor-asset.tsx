import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import type { AssetDetail, AssetEligibility, AssetVersion, Schemas, WhoUses } from '../api/types';
import { formatBytes, uploadFile, type Upload, type UploadProgress } from '../asset-upload';
import { useUser } from '../auth';
import { Link } from '../router';
import { useToast } from '../toast';
import { Async, EmptyState, ErrorState, Field, formatDate, formatDateTime, Loading, Pager, StatusBadge, toApiError, type Loaded, useLoad } from '../ui';
import { ASSET_EDITORS, ASSET_TYPE_ACCEPT, ASSET_TYPE_FILES, ASSET_TYPE_LABELS, fromLocalInput, problemsOf, toLocalInput, USAGE_KIND_LABELS } from '../vendor-ui';
import { compactEligibility, EligibilityFields, splitTags, SuccessorSelect, useProgram, useSuccessorCandidates } from './vendor-asset-new';
import { useTitle } from './title';

const USAGE_PAGE_SIZE = 25;

/** One asset: its details and who may see it, dates and successor, files, and everything that uses it. */
export function VendorAssetPage({ params }: { params: Record<string, string> }) {
  const assetId = params.id!;
  const asset = useLoad(() => call(api.GET('/api/v1/assets/{id}', { params: { path: { id: assetId } } })), [assetId]);
  const usage = useLoad(() => call(api.GET('/api/v1/assets/{id}/usage', { params: { path: { id: assetId } } })), [assetId]);
  useTitle(asset.data ? asset.data.title : 'Asset');
  const reloadAll = () => {
    asset.reload();
    usage.reload();
  };
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/vendor/assets">Assets</Link>
      </p>
      <Async state={asset}>{(data) => <AssetView asset={data} usage={usage} reload={reloadAll} />}</Async>
    </section>
  );
}

function AssetView({ asset, usage, reload }: { asset: AssetDetail; usage: Loaded<WhoUses>; reload: () => void }) {
  const user = useUser();
  const canEdit = ASSET_EDITORS.includes(user.role) && asset.status !== 'archived';
  return (
    <>
      <header className="page-header asset-header">
        {asset.thumbnailUrl && <img className="thumb large" src={asset.thumbnailUrl} alt="" />}
        <div>
          <h1>{asset.title}</h1>
          <p>
            <StatusBadge status={asset.status} testId="asset-status" /> {ASSET_TYPE_LABELS[asset.type]}
            {asset.expiresAt && <span className="muted"> · expires {formatDateTime(asset.expiresAt)}</span>}
          </p>
        </div>
      </header>
      {asset.status === 'archived' && <p className="notice">Archived {formatDate(asset.archivedAt)}: it is out of the library for good and cannot be changed.</p>}
      {asset.status === 'expired' && <p className="notice">Expired: partners no longer see it{asset.successor ? `; “${asset.successor.title}” stands in for it` : ''}. Set a later expiry to bring it back.</p>}
      {!asset.currentVersionId && asset.status !== 'archived' && <p className="notice">No file yet: upload one below so partners can use it.</p>}
      <div className="claim-layout">
        <div className="claim-main">
          <Details asset={asset} canEdit={canEdit} reload={reload} />
          <Versions asset={asset} canEdit={canEdit} reload={reload} />
          <Usage state={usage} />
        </div>
        <aside className="claim-side" aria-label="Dates, successor and archive">
          {canEdit ? (
            <>
              <DatesForm asset={asset} reload={reload} />
              <Archive asset={asset} liveLaunches={usage.data?.liveLaunches} reload={reload} />
            </>
          ) : (
            <section className="card">
              <h2>Dates and successor</h2>
              <p className="muted">{asset.status === 'archived' ? 'An archived asset cannot be changed.' : 'Vendor admins, marketers and channel managers change these.'}</p>
            </section>
          )}
        </aside>
      </div>
    </>
  );
}

type AssetOwner = Schemas['AssetOwnerDto'];
type Program = ReturnType<typeof useProgram>;
type EligibilityForm = Required<AssetEligibility>;
type Impact = Schemas['EligibilityImpactDto'];

/** What the asset says about itself and who may find it; editors change them in place. */
function Details({ asset, canEdit, reload }: { asset: AssetDetail; canEdit: boolean; reload: () => void }) {
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

function DatesForm({ asset, reload }: { asset: AssetDetail; reload: () => void }) {
  const { notify } = useToast();
  const [publishAt, setPublishAt] = useState(() => toLocalInput(asset.publishAt));
  const [expiresAt, setExpiresAt] = useState(() => toLocalInput(asset.expiresAt));
  const [never, setNever] = useState(asset.expiresAt === null);
  const [successorId, setSuccessorId] = useState(asset.successor?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState('');
  const candidates = useSuccessorCandidates(asset.type, asset.id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const body: Schemas['UpdateAssetDto'] = {};
    const local: Record<string, string[]> = {};
    if (publishAt !== toLocalInput(asset.publishAt)) {
      const iso = fromLocalInput(publishAt);
      if (!iso) local.publishAt = ['Enter a date and time.'];
      else body.publishAt = iso;
    }
    if (never) {
      if (asset.expiresAt !== null) body.expiresAt = null;
    } else if (expiresAt !== toLocalInput(asset.expiresAt)) {
      const iso = fromLocalInput(expiresAt);
      if (!iso) local.expiresAt = ['Enter a date and time, or choose “Never expires”.'];
      else body.expiresAt = iso;
    }
    if (successorId !== (asset.successor?.id ?? '')) body.successorId = successorId || null;
    setProblems(local);
    if (Object.keys(local).length > 0) return notify('Check the highlighted fields.', 'error');
    if (Object.keys(body).length === 0) return notify('Nothing changed.', 'info');
    setBusy(true);
    try {
      await call(api.PATCH('/api/v1/assets/{id}', { params: { path: { id: asset.id } }, body }));
      const text = 'Dates and successor saved. Kits, launches and links follow at once.';
      setOutcome(text);
      notify(text);
      reload();
    } catch (e) {
      const error = toApiError(e);
      setProblems(error.fields);
      const text = Object.keys(error.fields).length > 0 ? 'Not saved: check the highlighted fields.' : error.summary;
      setFormError(text);
      notify(text, 'error');
    } finally {
      setBusy(false);
    }
  };

  const p = (field: string) => problemsOf(problems, field);
  return (
    <section className="card" aria-labelledby="asset-dates">
      <h2 id="asset-dates">Dates and successor</h2>
      <p className="visually-hidden" role="status" aria-live="polite">
        {outcome}
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="edit-publish" label="Publish" help="Your local time. Partners see it from then." error={p('publishAt')}>
          {(describedBy, invalid) => <input id="edit-publish" type="datetime-local" value={publishAt} onChange={(e) => setPublishAt(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field id="edit-expires" label="Expires" help="Extending it releases what was held." error={p('expiresAt')}>
          {(describedBy, invalid) => (
            <input id="edit-expires" type="datetime-local" value={expiresAt} disabled={never} onChange={(e) => setExpiresAt(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} data-testid="edit-expires" />
          )}
        </Field>
        <div className="field">
          <label className="check">
            <input type="checkbox" checked={never} onChange={(e) => setNever(e.target.checked)} data-testid="edit-never-expires" /> Never expires
          </label>
        </div>
        <SuccessorSelect id="edit-successor" type={asset.type} candidates={candidates} value={successorId} onChange={setSuccessorId} error={p('successorId')} />
        {formError && <p className="form-error">{formError}</p>}
        <button type="submit" className="button" disabled={busy} aria-busy={busy} data-testid="save-asset-dates">
          {busy ? 'Saving…' : 'Save'}
        </button>
      </form>
    </section>
  );
}

function Archive({ asset, liveLaunches, reload }: { asset: AssetDetail; liveLaunches: number | undefined; reload: () => void }) {
  const { notify } = useToast();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const archive = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/v1/assets/{id}/archive', { params: { path: { id: asset.id } } }));
      notify(`“${asset.title}” is archived.`);
      reload();
    } catch (e) {
      const text = toApiError(e).summary;
      setError(text);
      notify(text, 'error');
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <section className="card" aria-labelledby="asset-archive">
      <h2 id="asset-archive">Archive</h2>
      <p className="help">
        Withdraws it for good: it leaves the library at once, and everything that uses it
        {liveLaunches ? ` (${liveLaunches} live ${liveLaunches === 1 ? 'launch' : 'launches'})` : ''} moves to {asset.successor ? `“${asset.successor.title}”` : 'its successor, or is held (it has none)'}.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {confirming ? (
        <div className="actions" role="group" aria-label="Confirm archiving">
          <button type="button" className="button danger" onClick={() => void archive()} disabled={busy} aria-busy={busy} data-testid="confirm-archive" autoFocus>
            {busy ? 'Archiving…' : 'Yes, archive it'}
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)} disabled={busy}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" className="button danger" onClick={() => setConfirming(true)} data-testid="archive-asset">
          Archive…
        </button>
      )}
    </section>
  );
}

function Versions({ asset, canEdit, reload }: { asset: AssetDetail; canEdit: boolean; reload: () => void }) {
  return (
    <section className="card" aria-labelledby="asset-versions">
      <h2 id="asset-versions">Files</h2>
      {canEdit && <UploadForm asset={asset} reload={reload} />}
      {asset.versions.length === 0 ? (
        <EmptyState>No file has been uploaded yet.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Versions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Thumbnail</span>
                </th>
                <th scope="col">Version</th>
                <th scope="col">File</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">Uploaded</th>
              </tr>
            </thead>
            <tbody>
              {asset.versions.map((v) => (
                <VersionRow key={v.id} version={v} current={v.id === asset.currentVersionId} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function VersionRow({ version: v, current }: { version: AssetVersion; current: boolean }) {
  return (
    <tr data-testid={`asset-version-${v.version}`}>
      <td className="thumb-cell">{v.thumbnailUrl ? <img className="thumb" src={v.thumbnailUrl} alt={`Thumbnail of version ${v.version}`} loading="lazy" /> : <span className="thumb thumb-empty" aria-hidden="true" />}</td>
      <td>
        {v.version} {current && <span className="badge badge-live">current</span>}
      </td>
      <td className="wrap">
        {v.fileName}
        <span className="block muted">
          {v.contentType}
          {v.width && v.height ? `, ${v.width} × ${v.height} px` : ''} · SHA-256 <code title={v.sha256}>{v.sha256.slice(0, 12)}…</code>
        </span>
      </td>
      <td className="num">{formatBytes(v.bytes)}</td>
      <td>{formatDateTime(v.createdAt)}</td>
    </tr>
  );
}

function UploadForm({ asset, reload }: { asset: AssetDetail; reload: () => void }) {
  const { notify } = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [upload, setUpload] = useState<Upload<AssetVersion> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const lastAnnounced = useRef(-1);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError('Choose a file first.');
      input.current?.focus();
      return;
    }
    setError(null);
    setProgress({ loaded: 0, total: file.size });
    lastAnnounced.current = -1;
    const job = uploadFile<AssetVersion>(`/api/v1/assets/${encodeURIComponent(asset.id)}/versions`, file, (p) => {
      setProgress(p);
      // Screen readers hear every quarter, not every event.
      const quarter = p.total > 0 ? Math.floor((p.loaded / p.total) * 4) : 0;
      if (quarter !== lastAnnounced.current && quarter < 4) {
        lastAnnounced.current = quarter;
        setAnnounce(`Uploading: ${quarter * 25} %`);
      }
    });
    setUpload(job);
    try {
      const version = await job.done;
      const text = `Version ${version.version} (${version.fileName}) is uploaded and now current.`;
      setAnnounce(text);
      notify(text);
      setFile(null);
      if (input.current) input.current.value = '';
      reload();
    } catch (e) {
      const apiError = toApiError(e);
      const text = uploadProblem(apiError, asset);
      setError(text);
      setAnnounce('');
      notify(apiError.code === 'ABORTED' ? 'The upload was cancelled.' : text, apiError.code === 'ABORTED' ? 'info' : 'error');
      input.current?.focus();
    } finally {
      setUpload(null);
      setProgress(null);
    }
  };

  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : 0;
  return (
    <form className="upload-form" onSubmit={(e) => void start(e)} noValidate>
      <Field
        id="asset-upload"
        label={asset.versions.length > 0 ? 'Upload a new version' : 'Upload the file'}
        help={`${ASSET_TYPE_FILES[asset.type]}, checked by content; the file name’s extension must agree. The new file becomes the current one everywhere it is used.`}
        error={error ?? undefined}
      >
        {(describedBy, invalid) => (
          <input
            ref={input}
            id="asset-upload"
            type="file"
            accept={ASSET_TYPE_ACCEPT[asset.type]}
            disabled={upload !== null}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setError(null);
            }}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            data-testid="asset-upload-input"
          />
        )}
      </Field>
      {progress && (
        <div className="upload-progress">
          <label htmlFor="asset-upload-progress">
            Uploading {file?.name}: {percent} % of {formatBytes(progress.total)}
          </label>
          <progress id="asset-upload-progress" max={100} value={percent} data-testid="asset-upload-progress" />
        </div>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      <div className="actions">
        <button type="submit" className="button" disabled={upload !== null || !file} aria-busy={upload !== null} data-testid="asset-upload-submit">
          {upload ? 'Uploading…' : 'Upload'}
        </button>
        {upload && (
          <button type="button" className="button secondary" onClick={() => upload.abort()} data-testid="asset-upload-cancel">
            Cancel upload
          </button>
        )}
      </div>
    </form>
  );
}

/** The message shown next to the file input: a refused file says why, in the reader's words. */
function uploadProblem(error: ApiError, asset: AssetDetail): string {
  if (error.status === 413) {
    const limit = /(\d+) bytes/.exec(error.message)?.[1];
    return `This file is too large: ${ASSET_TYPE_LABELS[asset.type].toLowerCase()} files may be at most ${limit ? formatBytes(Number(limit)) : 'the configured limit'}.`;
  }
  if (error.status === 415) {
    const why = error.fieldMessage('file');
    const kind = ASSET_TYPE_LABELS[asset.type].toLowerCase();
    return `This file is not accepted for ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}: ${why ?? error.message}. Allowed: ${ASSET_TYPE_FILES[asset.type]}.`;
  }
  return error.fieldMessage('file') ?? error.summary;
}

function Usage({ state }: { state: Loaded<WhoUses> }) {
  return (
    <section className="card" aria-labelledby="who-uses-title" data-testid="who-uses">
      <h2 id="who-uses-title">Who uses this?</h2>
      {state.error ? <ErrorState error={state.error} retry={state.reload} /> : !state.data ? <Loading /> : <UsageView usage={state.data} />}
    </section>
  );
}

function UsageView({ usage }: { usage: WhoUses }) {
  const [showInactive, setShowInactive] = useState(false);
  const [page, setPage] = useState(1);
  const rows = useMemo(() => usage.usages.filter((u) => showInactive || u.active), [usage, showInactive]);
  const active = usage.usages.filter((u) => u.active).length;
  const kinds = Object.entries(usage.byKind).filter(([, n]) => n && n > 0) as [keyof typeof USAGE_KIND_LABELS, number][];
  if (usage.usages.length === 0) return <EmptyState>Nothing uses this asset: no template, kit, launch, nurture step or link refers to it.</EmptyState>;
  const shown = rows.slice((page - 1) * USAGE_PAGE_SIZE, page * USAGE_PAGE_SIZE);
  return (
    <>
      <dl className="stats small">
        <div>
          <dt>Live launches</dt>
          <dd data-testid="who-uses-live-launches">{usage.liveLaunches}</dd>
        </div>
        <div>
          <dt>Partners</dt>
          <dd>{usage.partners.length}</dd>
        </div>
        <div>
          <dt>References in use</dt>
          <dd>{active}</dd>
        </div>
      </dl>
      {kinds.length > 0 && (
        <p>
          {kinds.map(([kind, n]) => (
            <span key={kind} className="tag">
              {USAGE_KIND_LABELS[kind]}: {n}
            </span>
          ))}
        </p>
      )}
      <h3>Partners with live launches</h3>
      {usage.partners.length === 0 ? (
        <EmptyState>No partner has a live launch that uses it.</EmptyState>
      ) : (
        <ul className="plain">
          {usage.partners.map((p) => (
            <li key={p.id}>
              {p.name} <span className="muted">· {p.liveLaunches === 1 ? '1 live launch' : `${p.liveLaunches} live launches`}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>Every reference</h3>
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={showInactive}
            onChange={(e) => {
              setShowInactive(e.target.checked);
              setPage(1);
            }}
          />{' '}
          Include ended launches and replaced references ({usage.usages.length - active})
        </label>
      </div>
      {rows.length === 0 ? (
        <EmptyState>Nothing uses it now.</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">References to this asset</caption>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Where</th>
                  <th scope="col">Partner</th>
                  <th scope="col">State</th>
                  <th scope="col">Since</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((u) => (
                  <tr key={`${u.kind}:${u.refId}`}>
                    <td>{USAGE_KIND_LABELS[u.kind].replace(/s$/, '')}</td>
                    <td>
                      {u.kitName && <span className="block">Kit: {u.kitName}</span>}
                      {u.launchId ? <Link to={`/launches/${u.launchId}`}>Open the launch</Link> : !u.kitName && <code className="wrap">{u.refId}</code>}
                    </td>
                    <td>{u.partnerName ?? <span className="muted">—</span>}</td>
                    <td>
                      {u.active ? <span className="badge badge-live">in use</span> : <span className="badge">not in use</span>}
                      {u.launchStatus && <span className="muted"> launch {u.launchStatus}</span>}
                    </td>
                    <td>{formatDate(u.since)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} hasNext={page * USAGE_PAGE_SIZE < rows.length} onNext={() => setPage(page + 1)} onPrevious={() => setPage(page - 1)} label="References" />
        </>
      )}
    </>
  );
}
