import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import type { Schemas, Template } from '../api/types';
import { EligibilityFields } from '../asset-fields';
import { TEMPLATE_KIND_LABELS } from '../pages/vendor-templates-common';
import { navigate } from '../router';
import { useToast } from '../toast';
import { Field, formatDateTime, StatusBadge, toApiError } from '../ui';
import { fromLocalInput, windowText } from '../vendor-ui';
import { Adoption } from './adoption';
import { AssetIssues, Destinations, KitAssets } from './kit-contents';
import { type Eligibility, formOf, type KitForm, type KitView, type LibraryAsset, type Partner, problemsUnder, type Tier } from './kit-form';

export function KitEditor({ kit, templates, assets, tiers, partners, author, onChanged }: { kit: KitView | undefined; templates: Template[]; assets: LibraryAsset[]; tiers: Tier[]; partners: Partner[]; author: boolean; onChanged: () => void }) {
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
