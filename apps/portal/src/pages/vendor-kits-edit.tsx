import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import type { Asset, Schemas, Template } from '../api/types';
import { useUser } from '../auth';
import { Link, navigate } from '../router';
import { useToast } from '../toast';
import { Async, EmptyState, ErrorState, Field, formatDateTime, Loading, StatusBadge, toApiError, useLoad } from '../ui';
import { fromLocalInput, ReadOnlyNote, toLocalInput } from '../vendor-ui';
import { loadAll } from './catalog';
import { useTitle } from './title';
import { EligibilityFields, useProgram } from './vendor-asset-new';
import { windowText } from './vendor-kits';
import { AUTHOR_ROLES, TEMPLATE_KIND_LABELS } from './vendor-templates-common';

type KitView = Schemas['KitView'];
type Tier = Schemas['TierView'];
type Partner = Schemas['PartnerView'];
type Eligibility = { tierIds: string[]; regions: NonNullable<Schemas['KitEligibilityDto']['regions']>; partnerIds: string[] };

type LibraryAsset = Pick<Asset, 'id' | 'title' | 'type' | 'status'>;

interface DestinationRow {
  key: string;
  label: string;
  target: 'url' | 'asset';
  url: string;
  assetId: string;
}

interface KitForm {
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

const AUTO_LAUNCH_POLL_MS = 4000;
const AUTO_LAUNCH_POLL_LIMIT = 60;

function formOf(kit: KitView | undefined): KitForm {
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
function problemsUnder(error: ApiError | null, prefix: string): string | undefined {
  if (!error) return undefined;
  const found = Object.entries(error.fields)
    .filter(([name]) => name === prefix || name.startsWith(`${prefix}.`) || name.startsWith(`${prefix}[`))
    .flatMap(([name, problems]) => problems.map((p) => (name === prefix ? p : `${name.slice(prefix.length).replace(/^\./, '')}: ${p}`)));
  return found.length ? found.join(' ') : undefined;
}

export function VendorKitNewPage() {
  useTitle('New kit');
  return <KitPageFrame kitId={undefined} />;
}

export function VendorKitPage({ params }: { params: Record<string, string> }) {
  return <KitPageFrame kitId={params.id} />;
}

function KitPageFrame({ kitId }: { kitId: string | undefined }) {
  const user = useUser();
  const author = AUTHOR_ROLES.includes(user.role);
  const state = useLoad(async () => {
    const [kit, templates, assets] = await Promise.all([
      kitId ? call(api.GET('/api/v1/kits/{id}', { params: { path: { id: kitId } } })) : Promise.resolve(undefined),
      // Each template in the list says whether (and which version) is published: no request per template.
      loadAll((cursor) => call(api.GET('/api/v1/templates', { params: { query: { limit: 100, cursor } } }))),
      loadAll((cursor) => call(api.GET('/api/v1/assets', { params: { query: { limit: 100, cursor } } }))),
    ]);
    return { kit, templates, assets };
  }, [kitId]);
  const program = useProgram();
  useTitle(kitId ? (state.data?.kit?.version.name ?? 'Kit') : 'New kit');
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/vendor/kits">Kits</Link>
      </p>
      {!kitId && <h1>New kit</h1>}
      {!author && <ReadOnlyNote user={user} who="vendor admins and marketers" />}
      {state.error ? (
        <ErrorState error={state.error} retry={state.reload} />
      ) : program.error ? (
        <ErrorState error={program.error} retry={program.reload} />
      ) : !state.data || !program.data ? (
        <Loading />
      ) : (
        <KitEditor key={kitId ?? 'new'} kit={state.data.kit} templates={state.data.templates} assets={state.data.assets} tiers={program.data.tiers} partners={program.data.partners} author={author} onChanged={state.reload} />
      )}
    </section>
  );
}

function KitEditor({ kit, templates, assets, tiers, partners, author, onChanged }: { kit: KitView | undefined; templates: Template[]; assets: LibraryAsset[]; tiers: Tier[]; partners: Partner[]; author: boolean; onChanged: () => void }) {
  const { notify } = useToast();
  const [form, setForm] = useState<KitForm>(() => formOf(kit));
  const [saved, setSaved] = useState(() => JSON.stringify(formOf(kit)));
  const [busy, setBusy] = useState<'save' | 'publish' | 'retire' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [publishError, setPublishError] = useState<ApiError | null>(null);
  const [confirmRetire, setConfirmRetire] = useState(false);
  const retired = kit?.status === 'retired';
  const editable = author && !retired;
  const dirty = JSON.stringify(form) !== saved;

  // A reloaded kit (after save or publish) is the new starting point.
  useEffect(() => {
    const next = formOf(kit);
    setForm(next);
    setSaved(JSON.stringify(next));
  }, [kit]);

  const set = <K extends keyof KitForm>(key: K, value: KitForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const fieldError = (name: string) => problemsUnder(error, name) ?? problemsUnder(publishError, name);

  const body = () => {
    const destinations = form.destinations.map((d) => ({ key: d.key.trim(), label: d.label.trim(), ...(d.target === 'url' ? { url: d.url.trim() } : { assetId: d.assetId }) }));
    const e = form.eligibility;
    return {
      name: form.name.trim(),
      description: form.description,
      objective: form.objective,
      templateIds: form.templateIds,
      destinations,
      assetIds: form.assetIds,
      eligibility: { ...(e.tierIds.length ? { tierIds: e.tierIds } : {}), ...(e.regions.length ? { regions: e.regions } : {}), ...(e.partnerIds.length ? { partnerIds: e.partnerIds } : {}) },
      // The API takes an ISO instant or null; the generated type of nullable dates varies between client generations.
      startsAt: (fromLocalInput(form.startsAt) ?? null) as unknown as Schemas['UpdateKitDto']['startsAt'],
      endsAt: (fromLocalInput(form.endsAt) ?? null) as unknown as Schemas['UpdateKitDto']['endsAt'],
    };
  };

  const save = async (): Promise<string | null> => {
    setError(null);
    try {
      if (!kit) {
        const created = await call(api.POST('/api/v1/kits', { body: { ...body(), slug: form.slug.trim(), category: form.category.trim() } }));
        return created.id;
      }
      await call(api.PATCH('/api/v1/kits/{id}', { params: { path: { id: kit.id } }, body: body() }));
      return kit.id;
    } catch (e) {
      const err = toApiError(e);
      setError(err);
      notify(Object.keys(err.fields).length ? 'Some fields need fixing (marked below).' : err.summary, 'error');
      return null;
    }
  };

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    setBusy('save');
    const id = await save();
    setBusy(null);
    if (!id) return;
    setPublishError(null);
    if (!kit) {
      notify('The kit is created as a draft.');
      navigate(`/vendor/kits/${id}`);
      return;
    }
    notify(kit.version.status === 'published' ? `Saved as draft version ${kit.version.version + 1}; running launches keep theirs.` : 'The draft is saved.');
    onChanged();
  };

  const onPublish = async () => {
    if (!kit) return;
    setBusy('publish');
    setPublishError(null);
    if (dirty && !(await save())) {
      setBusy(null);
      return;
    }
    try {
      const published = await call(api.POST('/api/v1/kits/{id}/publish', { params: { path: { id: kit.id } } }));
      const auto = published.autoLaunch;
      notify(`Version ${published.version.version} is published${auto?.total ? `; auto-launching for ${auto.total} opted-in partner${auto.total === 1 ? '' : 's'}` : ''}.`);
    } catch (e) {
      const err = toApiError(e);
      setPublishError(err);
      notify(Object.keys(err.fields).length ? 'Not published: fix the problems listed by the Publish button.' : err.summary, 'error');
    }
    setBusy(null);
    onChanged();
  };

  const onRetire = async () => {
    if (!kit) return;
    setBusy('retire');
    try {
      await call(api.POST('/api/v1/kits/{id}/retire', { params: { path: { id: kit.id } } }));
      notify('The kit is retired: no new launches, and its live launches have ended.');
      setConfirmRetire(false);
      onChanged();
    } catch (e) {
      notify(toApiError(e).summary, 'error');
    }
    setBusy(null);
  };

  const published = templates.filter((t) => t.publishedVersion !== null);
  const hasDraft = kit ? kit.version.status === 'draft' : false;

  return (
    <>
      {kit && (
        <>
          <header className="page-header with-actions">
            <h1>{kit.version.name}</h1>
            <p className="muted">
              <StatusBadge status={kit.status} /> <code>{kit.slug}</code> · {kit.category} · version {kit.version.version} ({kit.version.status}) · available {windowText(kit.version.startsAt, kit.version.endsAt)}
            </p>
          </header>
          {kit.version.publishedAt && <p className="muted">Published {formatDateTime(kit.version.publishedAt)}.</p>}
          <AssetIssues kit={kit} />
        </>
      )}
      <form onSubmit={(e) => void onSave(e)} aria-label="Kit" noValidate>
        <fieldset disabled={!editable || busy !== null} className="plain-fieldset">
          <div className="form-grid">
            <TextField id="kit-slug" label="Slug" value={form.slug} onChange={(v) => set('slug', v)} help={kit ? 'Fixed once created.' : 'Lower-case letters and digits with hyphens; part of the landing page address.'} error={fieldError('slug')} disabled={!!kit} required />
            <TextField id="kit-category" label="Category" value={form.category} onChange={(v) => set('category', v)} help={kit ? 'Fixed once created.' : 'Partners opt in to auto-launch by category, e.g. product-launch.'} error={fieldError('category')} disabled={!!kit} required />
            <TextField id="kit-name" label="Name" value={form.name} onChange={(v) => set('name', v)} error={fieldError('name')} required />
          </div>
          <TextArea id="kit-objective" label="Objective" value={form.objective} onChange={(v) => set('objective', v)} help="What the campaign is for, as partners see it in the catalog." error={fieldError('objective')} rows={2} />
          <TextArea id="kit-description" label="Description" value={form.description} onChange={(v) => set('description', v)} error={fieldError('description')} rows={4} />

          <fieldset className={`fieldset${fieldError('templateIds') ? ' has-error' : ''}`} aria-describedby="kit-templates-help">
            <legend>Templates ({form.templateIds.length} chosen)</legend>
            <p id="kit-templates-help" className="help">
              Only published templates can go in a kit; publishing the kit freezes each one’s published version. The first email is what an email blast sends by default.
            </p>
            {published.length === 0 && <p className="empty">No published template yet.</p>}
            <div>
              {published.map((t) => (
                <label key={t.id} className="check">
                  <input type="checkbox" checked={form.templateIds.includes(t.id)} onChange={() => set('templateIds', form.templateIds.includes(t.id) ? form.templateIds.filter((x) => x !== t.id) : [...form.templateIds, t.id])} data-testid={`kit-template-${t.key}`} />
                  {t.name} <span className="muted">({TEMPLATE_KIND_LABELS[t.kind]}, v{t.publishedVersion})</span>
                </label>
              ))}
            </div>
            {form.templateIds
              .filter((id) => !published.some((t) => t.id === id))
              .map((id) => (
                <p key={id} className="warning-text">
                  {templates.find((t) => t.id === id)?.name ?? id} has no published version: publish it first, or remove it.{' '}
                  <button type="button" className="link-button" onClick={() => set('templateIds', form.templateIds.filter((x) => x !== id))}>
                    Remove
                  </button>
                </p>
              ))}
            {fieldError('templateIds') && <p className="field-error">{fieldError('templateIds')}</p>}
          </fieldset>

          <Destinations rows={form.destinations} onChange={(rows) => set('destinations', rows)} assets={assets} error={fieldError('destinations')} />
          <KitAssets chosen={form.assetIds} onChange={(ids) => set('assetIds', ids)} assets={assets} error={fieldError('assetIds')} />
          <EligibilityFields tiers={tiers} partners={partners} value={form.eligibility} onChange={(e) => set('eligibility', e as Eligibility)} error={fieldError('eligibility')} />

          <fieldset className="fieldset">
            <legend>Availability window</legend>
            <p className="help">In your time zone. Leave both empty to make it available as soon as it is published, with no end.</p>
            <div className="form-grid">
              <TextField id="kit-starts" label="Opens" type="datetime-local" value={form.startsAt} onChange={(v) => set('startsAt', v)} error={fieldError('startsAt')} />
              <TextField id="kit-ends" label="Closes" type="datetime-local" value={form.endsAt} onChange={(v) => set('endsAt', v)} error={fieldError('endsAt')} />
            </div>
          </fieldset>

          {error && Object.keys(error.fields).length === 0 && <p className="form-error">{error.summary}</p>}
          {publishError && (
            <div className="form-error" role="alert" data-testid="kit-publish-problems">
              <p>
                <strong>Not published.</strong> {Object.keys(publishError.fields).length === 0 && publishError.summary}
              </p>
              {Object.keys(publishError.fields).length > 0 && (
                <ul>
                  {Object.entries(publishError.fields).map(([field, problems]) => (
                    <li key={field}>
                      <code>{field}</code> {problems.join(' ')}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="actions sticky-actions">
            <button type="submit" className="button" disabled={kit ? !dirty : false} aria-busy={busy === 'save'} data-testid="save-kit">
              {busy === 'save' ? 'Saving…' : kit ? 'Save draft' : 'Create draft'}
            </button>
            {kit && (
              <button type="button" className="button primary" onClick={() => void onPublish()} disabled={!hasDraft && !dirty} aria-busy={busy === 'publish'} data-testid="publish-kit">
                {busy === 'publish' ? 'Publishing…' : dirty ? 'Save and publish' : 'Publish'}
              </button>
            )}
            {kit && !hasDraft && !dirty && <span className="muted">The published version is current.</span>}
            {dirty && <span className="muted">Unsaved changes.</span>}
          </div>
        </fieldset>
      </form>
      {kit && author && !retired && (
        <section className="card" aria-labelledby="retire-title">
          <h2 id="retire-title">Retire</h2>
          <p className="help">Stops new launches and ends every live launch of this kit; their links then go to each partner’s website. It cannot be undone.</p>
          {confirmRetire ? (
            <div className="actions" role="group" aria-label="Confirm retirement">
              <button type="button" className="button danger" onClick={() => void onRetire()} disabled={busy !== null} aria-busy={busy === 'retire'} data-testid="confirm-retire-kit">
                {busy === 'retire' ? 'Retiring…' : 'Yes, retire the kit'}
              </button>
              <button type="button" className="button secondary" onClick={() => setConfirmRetire(false)}>
                Keep it
              </button>
            </div>
          ) : (
            <button type="button" className="button danger" onClick={() => setConfirmRetire(true)} data-testid="retire-kit">
              Retire…
            </button>
          )}
        </section>
      )}
      {retired && <p className="notice">This kit is retired: it cannot be changed or launched.</p>}
      {kit && kit.status !== 'draft' && <Adoption kit={kit} onProgress={onChanged} />}
    </>
  );
}

function TextField({ id, label, value, onChange, help, error, type = 'text', disabled, required }: { id: string; label: string; value: string; onChange: (v: string) => void; help?: string; error?: string; type?: string; disabled?: boolean; required?: boolean }) {
  return (
    <Field id={id} label={label} help={help} error={error}>
      {(describedBy, invalid) => <input id={id} type={type} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} disabled={disabled} required={required} data-testid={id} />}
    </Field>
  );
}

function TextArea({ id, label, value, onChange, help, error, rows }: { id: string; label: string; value: string; onChange: (v: string) => void; help?: string; error?: string; rows: number }) {
  return (
    <Field id={id} label={label} help={help} error={error}>
      {(describedBy, invalid) => <textarea id={id} value={value} rows={rows} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
    </Field>
  );
}

function usable(assets: LibraryAsset[], keep: string[]): LibraryAsset[] {
  return assets.filter((a) => keep.includes(a.id) || (a.status !== 'archived' && a.status !== 'expired')).sort((a, b) => a.title.localeCompare(b.title));
}

/** Where the kit's calls to action may point: an approved URL or a library asset (served as its current file). */
function Destinations({ rows, onChange, assets, error }: { rows: DestinationRow[]; onChange: (rows: DestinationRow[]) => void; assets: LibraryAsset[]; error?: string }) {
  const update = (i: number, patch: Partial<DestinationRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const options = usable(
    assets,
    rows.map((r) => r.assetId),
  );
  return (
    <fieldset className={`fieldset${error ? ' has-error' : ''}`}>
      <legend>Destinations ({rows.length})</legend>
      <p className="help">Each destination becomes one trackable link per partner and template. Keys are lower-case, e.g. trial.</p>
      {rows.length === 0 && <p className="empty">No destination: links will only go to the partner’s landing page.</p>}
      {rows.map((r, i) => {
        const n = i + 1;
        return (
          <div key={i} className="destination-row" role="group" aria-label={`Destination ${n}`}>
            <div className="field">
              <label htmlFor={`dest-${i}-key`}>Key</label>
              <input id={`dest-${i}-key`} value={r.key} onChange={(e) => update(i, { key: e.target.value })} className="mono" maxLength={40} />
            </div>
            <div className="field">
              <label htmlFor={`dest-${i}-label`}>Label</label>
              <input id={`dest-${i}-label`} value={r.label} onChange={(e) => update(i, { label: e.target.value })} maxLength={100} />
            </div>
            <div className="field">
              <label htmlFor={`dest-${i}-target`}>Goes to</label>
              <select id={`dest-${i}-target`} value={r.target} onChange={(e) => update(i, { target: e.target.value as 'url' | 'asset' })}>
                <option value="url">A web address</option>
                <option value="asset">A library asset</option>
              </select>
            </div>
            {r.target === 'url' ? (
              <div className="field grow">
                <label htmlFor={`dest-${i}-url`}>Address</label>
                <input id={`dest-${i}-url`} type="url" inputMode="url" value={r.url} onChange={(e) => update(i, { url: e.target.value })} placeholder="https://" maxLength={2000} />
              </div>
            ) : (
              <div className="field grow">
                <label htmlFor={`dest-${i}-asset`}>Asset</label>
                <select id={`dest-${i}-asset`} value={r.assetId} onChange={(e) => update(i, { assetId: e.target.value })}>
                  <option value="">Choose an asset…</option>
                  {options.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.title} ({a.type}, {a.status})
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="field">
              <button type="button" className="button small danger" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`Remove destination ${n}${r.key ? ` (${r.key})` : ''}`}>
                Remove
              </button>
            </div>
          </div>
        );
      })}
      {error && <p className="field-error">{error}</p>}
      <button type="button" className="button secondary" onClick={() => onChange([...rows, { key: '', label: '', target: 'url', url: '', assetId: '' }])} data-testid="add-destination">
        Add destination
      </button>
    </fieldset>
  );
}

/** The kit's own content from the library (datasheets, decks), frozen at publish. */
function KitAssets({ chosen, onChange, assets, error }: { chosen: string[]; onChange: (ids: string[]) => void; assets: LibraryAsset[]; error?: string }) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return usable(assets, chosen).filter((a) => chosen.includes(a.id) || words.every((w) => `${a.title} ${a.type}`.toLowerCase().includes(w)));
  }, [assets, chosen, filter]);
  return (
    <fieldset className={`fieldset${error ? ' has-error' : ''}`}>
      <legend>Library assets ({chosen.length} chosen)</legend>
      <label htmlFor="kit-asset-filter" className="visually-hidden">
        Find assets
      </label>
      <input id="kit-asset-filter" type="search" placeholder="Find assets" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <div className="check-scroll">
        {shown.length === 0 && <p className="muted">No asset matches.</p>}
        {shown.map((a) => (
          <label key={a.id} className="check">
            <input type="checkbox" checked={chosen.includes(a.id)} onChange={() => onChange(chosen.includes(a.id) ? chosen.filter((x) => x !== a.id) : [...chosen, a.id])} /> {a.title}{' '}
            <span className="muted">
              ({a.type}, {a.status})
            </span>
          </label>
        ))}
      </div>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

function AssetIssues({ kit }: { kit: KitView }) {
  const issues = kit.assetIssues ?? [];
  if (issues.length === 0) return null;
  return (
    <div className="notice" role="note" data-testid="kit-asset-issues">
      <p>
        <strong>Library assets need attention.</strong>
      </p>
      <ul>
        {issues.map((i) => (
          <li key={i.assetId}>
            <Link to={`/vendor/assets/${i.assetId}`}>{i.title ?? i.assetId}</Link> is {i.state}
            {i.blocking ? ': launches are blocked until it is replaced' : i.successor ? `; ${i.successor.title} stands in for it` : ''} (used in {i.fields.join(', ')}).
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Adoption: launched of eligible partners per tier, auto-launch progress, and what the launches produced. */
function Adoption({ kit, onProgress }: { kit: KitView; onProgress: () => void }) {
  const results = useLoad(() => call(api.GET('/api/v1/kits/{id}/results', { params: { path: { id: kit.id } } })), [kit.id]);
  const auto = kit.autoLaunch;
  const running = !!auto && auto.total > 0 && auto.launched < auto.total && kit.status === 'published';
  const [polls, setPolls] = useState(0);
  // Auto-launch runs in the background: follow it until every opted-in partner has launched.
  useEffect(() => {
    if (!running || polls >= AUTO_LAUNCH_POLL_LIMIT) return;
    const timer = window.setTimeout(() => {
      setPolls((p) => p + 1);
      onProgress();
      results.reload();
    }, AUTO_LAUNCH_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [running, polls, auto?.launched]);
  return (
    <section className="card" aria-labelledby="adoption-title">
      <div className="page-header with-actions">
        <h2 id="adoption-title">Adoption and results</h2>
        <button type="button" className="button small secondary" onClick={() => results.reload()} aria-busy={results.loading}>
          Refresh
        </button>
      </div>
      {auto && auto.total > 0 && (
        <div className="progress-block" data-testid="auto-launch-progress">
          <label htmlFor="auto-launch-progress">
            Auto-launch: {auto.launched} of {auto.total} opted-in partners launched{running ? ' (in progress)' : ''}
          </label>
          <progress id="auto-launch-progress" max={auto.total} value={auto.launched} />
        </div>
      )}
      <Async state={results}>
        {(r) => (
          <>
            <h3>Launched by tier</h3>
            {r.adoption.length === 0 ? (
              <EmptyState>No tier yet.</EmptyState>
            ) : (
              <div className="table-wrap">
                <table className="adoption-table">
                  <caption className="visually-hidden">Partners that launched the kit, of those eligible, per tier</caption>
                  <thead>
                    <tr>
                      <th scope="col">Tier</th>
                      <th scope="col" className="num">
                        Launched
                      </th>
                      <th scope="col" className="num">
                        Eligible
                      </th>
                      <th scope="col" className="num">
                        Rate
                      </th>
                      <th scope="col">
                        <span className="visually-hidden">Bar</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.adoption.map((t) => {
                      const pct = t.eligible > 0 ? Math.min(100, Math.round((t.launched / t.eligible) * 100)) : 0;
                      return (
                        <tr key={t.tierId} data-testid={`adoption-${t.tierName}`}>
                          <th scope="row">{t.tierName}</th>
                          <td className="num">{t.launched}</td>
                          <td className="num">{t.eligible}</td>
                          <td className="num">{t.rate === null ? '—' : `${Math.round(t.rate * 100)} %`}</td>
                          <td className="bar-cell" aria-hidden="true">
                            <span className="bar">
                              <span className="bar-fill" style={{ width: `${pct}%` }} />
                            </span>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            <h3>Across all launches</h3>
            <dl className="stats small">
              <div>
                <dt>Launches</dt>
                <dd>{r.totals.launches}</dd>
              </div>
              <div>
                <dt>Clicks (filtered)</dt>
                <dd>{r.totals.clicksFiltered}</dd>
              </div>
              <div>
                <dt>Clicks (raw)</dt>
                <dd>{r.totals.clicksRaw}</dd>
              </div>
              <div>
                <dt>Unique clicks</dt>
                <dd>{r.totals.clicksUnique}</dd>
              </div>
              <div>
                <dt>Opens (approx.)</dt>
                <dd>{r.totals.opensFiltered}</dd>
              </div>
              <div>
                <dt>Leads</dt>
                <dd>{r.totals.leads}</dd>
              </div>
              <div>
                <dt>Click to lead</dt>
                <dd>{r.totals.clickToLeadRate === null ? '—' : `${(r.totals.clickToLeadRate * 100).toFixed(1)} %`}</dd>
              </div>
              <div>
                <dt>Emails sent</dt>
                <dd>{r.totals.sends.sent + r.totals.sends.delivered}</dd>
              </div>
            </dl>
            <p className="help">Filtered clicks leave out bots and mail security scanners.</p>
            <p>
              <Link to={`/vendor?kitId=${kit.id}`}>This kit on the dashboard</Link>
            </p>
          </>
        )}
      </Async>
    </section>
  );
}
