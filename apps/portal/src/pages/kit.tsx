import { useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, call, newIdempotencyKey } from '../api/client';
import type { EditableField, Kit, Preview, Template, Validation } from '../api/types';
import { navigate, Link } from '../router';
import { useToast } from '../toast';
import { Async, ErrorState, formatDate, Loading, toApiError, useDebouncedValue, useLoad } from '../ui';
import { EditableInput, editsOf } from '../editable-field';
import { useTitle } from './title';
import { PreviewBody } from '../preview';

type Values = Record<string, Record<string, string>>;
interface KitTemplate {
  template: Template;
  fields: EditableField[];
}

const PREVIEW_DELAY_MS = 400;

export function KitPage({ params }: { params: Record<string, string> }) {
  const kitId = params.kitId!;
  const state = useLoad(async () => {
    const kit = await call(api.GET('/api/v1/kits/{id}', { params: { path: { id: kitId } } }));
    const templates = await Promise.all(
      kit.version.templates.map(async (ref): Promise<KitTemplate> => {
        const template = await call(api.GET('/api/v1/templates/{id}', { params: { path: { id: ref.templateId } } }));
        const versions = template.versions ?? [];
        const version = versions.find((v) => v.id === ref.templateVersionId) ?? versions.find((v) => v.status === 'published') ?? versions[0];
        const fields = version?.manifest.fields ?? [];
        return { template, fields: fields.filter((f): f is EditableField => f.source === 'editable') };
      }),
    );
    return { kit, templates };
  }, [kitId]);
  useTitle(state.data?.kit.version.name ?? 'Kit');
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/catalog">Catalog</Link>
      </p>
      <Async state={state}>{({ kit, templates }) => <KitEditor kit={kit} templates={templates} />}</Async>
    </section>
  );
}

function KitEditor({ kit, templates }: { kit: Kit; templates: KitTemplate[] }) {
  const { notify } = useToast();
  const [values, setValues] = useState<Values>(() => Object.fromEntries(templates.map((t) => [t.template.id, Object.fromEntries(t.fields.map((f) => [f.key, f.default ?? '']))])));
  const [audienceId, setAudienceId] = useState('');
  const [sendAt, setSendAt] = useState('');
  const [launching, setLaunching] = useState(false);
  const [launchError, setLaunchError] = useState<ApiError | null>(null);
  const [checks, setChecks] = useState<Record<string, Validation>>({});
  const idempotencyKey = useRef(newIdempotencyKey());
  const audiences = useLoad(() => call(api.GET('/api/v1/audiences', { params: { query: { limit: 100 } } })).catch(() => ({ items: [], nextCursor: null })), []);

  const edits = useMemo(() => Object.fromEntries(templates.map((t) => [t.template.id, editsOf(t.fields, values[t.template.id])])), [templates, values]);
  const payload = useMemo(() => JSON.stringify({ edits, audienceId, sendAt }), [edits, audienceId, sendAt]);
  // A changed launch is a new request; the same one (a double click, a retry) keeps its key.
  useEffect(() => {
    idempotencyKey.current = newIdempotencyKey();
  }, [payload]);

  const setValue = (templateId: string, key: string, value: string) => {
    setValues((v) => ({ ...v, [templateId]: { ...v[templateId], [key]: value } }));
    setLaunchError(null);
  };

  const blockers = Object.values(checks).flatMap((c) => [...c.problems, ...c.launchBlockers]);
  const assetBlocked = (kit.assetIssues ?? []).some((i) => i.blocking);

  const launch = async () => {
    setLaunching(true);
    setLaunchError(null);
    try {
      const launched = await call(
        api.POST('/api/v1/kits/{id}/launches', {
          params: { path: { id: kit.id }, header: { 'Idempotency-Key': idempotencyKey.current } },
          body: {
            edits: Object.fromEntries(Object.entries(edits).filter(([, e]) => Object.keys(e).length > 0)),
            ...(audienceId ? { audienceId } : {}),
            ...(audienceId && sendAt ? { sendAt } : {}),
          },
        }),
      );
      notify(`${kit.version.name} is launched.`);
      navigate(`/launches/${launched.id}`);
    } catch (e) {
      const error = toApiError(e);
      setLaunchError(error);
      setLaunching(false);
      const existing = error.details.launchId;
      if (error.code === 'KIT_ALREADY_LAUNCHED' && typeof existing === 'string') {
        notify('You already have a live launch of this kit; here it is.', 'info');
        navigate(`/launches/${existing}`);
        return;
      }
      notify(error.code === 'LAUNCH_BLOCKED' ? 'The launch needs a few fields fixed first (marked below).' : error.summary, 'error');
    }
  };

  return (
    <>
      <h1>{kit.version.name}</h1>
      <p className="lede">{kit.version.objective || kit.version.description}</p>
      <p className="muted">
        {kit.category} · version {kit.version.version}
        {kit.version.endsAt && ` · available until ${formatDate(kit.version.endsAt)}`}
      </p>
      {assetIssues(kit)}
      {templates.length === 0 && <p>This kit has no templates.</p>}
      {templates.map((t) => (
        <TemplateSection
          key={t.template.id}
          item={t}
          values={values[t.template.id] ?? {}}
          edits={edits[t.template.id] ?? {}}
          onChange={(key, value) => setValue(t.template.id, key, value)}
          launchError={launchError}
          onChecked={(v) => setChecks((c) => ({ ...c, [t.template.id]: v }))}
        />
      ))}
      <section className="card launch-panel" aria-labelledby="launch-heading">
        <h2 id="launch-heading">Launch</h2>
        <details>
          <summary>Audience and send time (optional)</summary>
          <div className="field">
            <label htmlFor="launch-audience">Email this audience</label>
            <select id="launch-audience" value={audienceId} onChange={(e) => setAudienceId(e.target.value)} aria-describedby="launch-audience-help" data-testid="launch-audience">
              <option value="">No email now (links and landing page only)</option>
              {(audiences.data?.items ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            <p id="launch-audience-help" className="help">
              Only contacts who agreed to hear from you and have not unsubscribed are emailed.
            </p>
            {launchError?.fieldMessage('audienceId') && <p className="field-error">{launchError.fieldMessage('audienceId')}</p>}
          </div>
          <div className="field">
            <label htmlFor="launch-send-at">Send at</label>
            <input id="launch-send-at" type="datetime-local" value={sendAt} onChange={(e) => setSendAt(e.target.value)} disabled={!audienceId} aria-describedby="launch-send-at-help" data-testid="launch-send-at" />
            <p id="launch-send-at-help" className="help">
              In your time zone. Leave empty to send right away.
            </p>
            {launchError?.fieldMessage('sendAt') && <p className="field-error">{launchError.fieldMessage('sendAt')}</p>}
          </div>
        </details>
        {blockers.length > 0 && (
          <p className="help" role="status">
            {blockers.length === 1 ? 'One field needs attention' : `${blockers.length} fields need attention`} before this kit can launch.
          </p>
        )}
        {launchError && !['LAUNCH_BLOCKED', 'VALIDATION_FAILED'].includes(launchError.code) && <p className="form-error">{launchError.summary}</p>}
        <button type="button" className="button primary" onClick={() => void launch()} disabled={launching || assetBlocked} aria-busy={launching} data-testid="launch-button">
          {launching ? 'Launching…' : 'Launch'}
        </button>
      </section>
    </>
  );
}

function assetIssues(kit: Kit) {
  const issues = kit.assetIssues ?? [];
  if (issues.length === 0) return null;
  return (
    <div className="notice" role="note">
      {issues.map((i) => (
        <p key={i.assetId}>
          {i.title ?? 'An asset'} {i.state === 'withdrawn' ? 'has been withdrawn' : 'has been replaced'}
          {i.blocking ? ': this kit cannot be launched until the vendor replaces it.' : '.'}
        </p>
      ))}
    </div>
  );
}

function TemplateSection({
  item,
  values,
  edits,
  onChange,
  launchError,
  onChecked,
}: {
  item: KitTemplate;
  values: Record<string, string>;
  edits: Record<string, string>;
  onChange: (key: string, value: string) => void;
  launchError: ApiError | null;
  onChecked: (v: Validation) => void;
}) {
  const { template, fields } = item;
  const settled = useDebouncedValue(JSON.stringify(edits), PREVIEW_DELAY_MS);
  const [validation, setValidation] = useState<Validation | null>(null);

  useEffect(() => {
    let live = true;
    call(api.POST('/api/v1/templates/{id}/validate', { params: { path: { id: template.id } }, body: { edits: JSON.parse(settled) as Record<string, string> } })).then(
      (v) => {
        if (!live) return;
        setValidation(v);
        onChecked(v);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // onChecked is a new function each render: the settled edits decide when to check again.
  }, [settled, template.id]);

  const problemOf = (key: string): string | undefined => {
    const fromLaunch = launchError?.fieldMessage(`edits.${template.id}.${key}`);
    if (fromLaunch) return fromLaunch;
    const found = [...(validation?.problems ?? []), ...(validation?.launchBlockers ?? [])].filter((p) => p.field === key);
    return found.length ? found.map((p) => p.message).join(' ') : undefined;
  };

  return (
    <section className="card template" aria-labelledby={`t-${template.id}`} data-testid={`template-${template.key}`}>
      <h2 id={`t-${template.id}`}>
        {template.name} <span className="muted kind">{KIND_LABELS[template.kind]}</span>
      </h2>
      <div className="template-body">
        <div className="template-fields">
          {fields.length === 0 ? (
            <p className="muted">Nothing to edit: this template is filled from your profile.</p>
          ) : (
            fields.map((f) => (
              <EditableInput key={f.key} id={`f-${template.id}-${f.key}`} testId={`field-${template.key}-${f.key}`} field={f} value={values[f.key] ?? ''} problem={problemOf(f.key)} onChange={(v) => onChange(f.key, v)} />
            ))
          )}
        </div>
        <div className="template-preview">
          <TemplatePreview template={template} editsJson={settled} />
        </div>
      </div>
    </section>
  );
}

const KIND_LABELS: Record<Template['kind'], string> = { email: 'Email', landing_page: 'Landing page', banner: 'Banner', social_post: 'Social post' };

/** The co-branded preview, as the recipient or visitor will see it, with the partner's own logo and profile. */
function TemplatePreview({ template, editsJson }: { template: Template; editsJson: string }) {
  const [state, setState] = useState<{ preview?: Preview; imageUrl?: string; error?: ApiError; loading: boolean }>({ loading: true });

  useEffect(() => {
    let live = true;
    let objectUrl: string | undefined;
    setState((s) => ({ ...s, loading: true }));
    const body = { edits: JSON.parse(editsJson) as Record<string, string> };
    const request =
      template.kind === 'banner'
        ? call(api.POST('/api/v1/templates/{id}/preview', { params: { path: { id: template.id } }, body, parseAs: 'blob' })).then((blob) => {
            objectUrl = URL.createObjectURL(blob);
            return { imageUrl: objectUrl };
          })
        : call(api.POST('/api/v1/templates/{id}/preview', { params: { path: { id: template.id } }, body })).then((preview) => ({ preview }));
    request.then(
      (result) => live && setState({ ...result, loading: false }),
      // A rejected edit keeps the last good preview; the field shows why.
      (e: unknown) => live && setState((s) => ({ ...s, error: toApiError(e), loading: false })),
    );
    return () => {
      live = false;
      if (objectUrl) {
        const url = objectUrl;
        window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }
    };
  }, [template.id, template.kind, editsJson]);

  const { preview, imageUrl, error, loading } = state;
  if (!preview && !imageUrl) return error ? <ErrorState error={error} /> : <Loading label="Rendering the preview…" />;
  return (
    <div className="preview" aria-busy={loading}>
      {error && error.status !== 422 && <p className="field-error">The preview could not be refreshed: {error.summary}</p>}
      <PreviewBody name={template.name} preview={preview} imageUrl={imageUrl} />
    </div>
  );
}
