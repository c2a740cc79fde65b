import { useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import type { TemplateInvalidError, TemplatePublishProblem } from '../api/types';
import { useUser } from '../auth';
import { AUTHOR_ROLES, TEMPLATE_KIND_LABELS, versionsOf, type TemplateDetail } from '../pages/vendor-templates-common';
import { useToast } from '../toast';
import { formatDateTime, StatusBadge, toApiError } from '../ui';
import { ReadOnlyNote } from '../vendor-ui';
import { cleanField, fieldIndexOf, type FieldRow, fieldsOf, lineRange } from './manifest-fields';
import { ManifestTable, PathProblems, SpecEditor } from './manifest-table';
import { PreviewPanel } from './preview-panel';

export function TemplateEditor({ template, onSaved }: { template: TemplateDetail; onSaved: () => void }) {
  const user = useUser();
  const { notify } = useToast();
  const author = AUTHOR_ROLES.includes(user.role);
  const { draft, published, latest } = versionsOf(template);
  const base = draft ?? latest;
  const [name, setName] = useState(template.name);
  const [subject, setSubject] = useState(base?.subject ?? '');
  const [preheader, setPreheader] = useState(base?.preheader ?? '');
  const [body, setBody] = useState(base?.body ?? '');
  const [fields, setFields] = useState<FieldRow[]>(() => fieldsOf(base?.manifest));
  const [mode, setMode] = useState<'table' | 'json'>('table');
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [bannerJson, setBannerJson] = useState(base?.banner ? JSON.stringify(base.banner, null, 2) : '');
  const [socialJson, setSocialJson] = useState(base?.social ? JSON.stringify(base.social, null, 2) : '');
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [problems, setProblems] = useState<TemplatePublishProblem[] | null>(null);
  const [cursor, setCursor] = useState({ line: 1, column: 1 });
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const isEmailLike = template.kind === 'email' || template.kind === 'landing_page';

  const initial = useMemo(
    () => JSON.stringify([template.name, base?.subject ?? '', base?.preheader ?? '', base?.body ?? '', fieldsOf(base?.manifest), base?.banner ? JSON.stringify(base.banner, null, 2) : '', base?.social ? JSON.stringify(base.social, null, 2) : '']),
    [template, base],
  );
  const current = JSON.stringify([name, subject, preheader, body, fields, bannerJson, socialJson]);
  const dirty = current !== initial || mode === 'json';

  /** The manifest as it stands in the editor; throws a readable message when the JSON does not parse. */
  const manifestNow = (): { fields: FieldRow[] } => {
    if (mode === 'table') return { fields: fields.map(cleanField) };
    const parsed = JSON.parse(json) as unknown;
    if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { fields?: unknown }).fields)) throw new Error('The manifest must be an object with a "fields" list.');
    return parsed as { fields: FieldRow[] };
  };

  const switchMode = (next: 'table' | 'json') => {
    if (next === mode) return;
    if (next === 'json') {
      setJson(JSON.stringify({ fields: fields.map(cleanField) }, null, 2));
      setJsonError(null);
      setMode('json');
      return;
    }
    try {
      setFields(manifestNow().fields.map((f) => ({ ...f })));
      setJsonError(null);
      setMode('table');
    } catch (e) {
      setJsonError(e instanceof Error ? e.message : 'The manifest JSON does not parse.');
    }
  };

  const parseSpec = (text: string, label: string): Record<string, never> | undefined => {
    if (!text.trim()) return undefined;
    try {
      return JSON.parse(text) as Record<string, never>;
    } catch {
      throw new Error(`The ${label} spec is not valid JSON.`);
    }
  };

  const save = async (): Promise<boolean> => {
    setSaveError(null);
    let manifest: { fields: FieldRow[] };
    let banner: Record<string, never> | undefined;
    let social: Record<string, never> | undefined;
    try {
      manifest = manifestNow();
      banner = template.kind === 'banner' ? parseSpec(bannerJson, 'banner') : undefined;
      social = template.kind === 'social_post' ? parseSpec(socialJson, 'social post') : undefined;
    } catch (e) {
      const message = e instanceof Error ? e.message : 'The manifest JSON does not parse.';
      setJsonError(message);
      notify(message, 'error');
      return false;
    }
    try {
      await call(
        api.PATCH('/api/v1/templates/{id}', {
          params: { path: { id: template.id } },
          body: {
            ...(name.trim() !== template.name ? { name: name.trim() } : {}),
            ...(template.kind === 'email' ? { subject, preheader } : {}),
            body,
            manifest: manifest as unknown as Record<string, never>,
            ...(banner ? { banner } : {}),
            ...(social ? { social } : {}),
          },
        }),
      );
      return true;
    } catch (e) {
      const error = toApiError(e);
      setSaveError(error);
      notify(error.code === 'MANIFEST_INVALID' ? 'The manifest has problems (marked on its fields).' : error.summary, 'error');
      return false;
    }
  };

  const onSave = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy('save');
    const ok = await save();
    setBusy(null);
    if (ok) {
      notify(published && !draft ? `Saved as draft version ${(latest?.version ?? 0) + 1}; the published version is unchanged.` : 'The draft is saved.');
      onSaved();
    }
  };

  const onPublish = async () => {
    setBusy('publish');
    setProblems(null);
    if (dirty && !(await save())) {
      setBusy(null);
      return;
    }
    try {
      const version = await call(api.POST('/api/v1/templates/{id}/publish', { params: { path: { id: template.id } } }));
      notify(`Version ${version.version} is published.`);
      setBusy(null);
      onSaved();
    } catch (e) {
      const error = toApiError(e);
      setBusy(null);
      const list = (error.details as Partial<TemplateInvalidError['details']>).problems;
      if (error.code === 'TEMPLATE_INVALID' && Array.isArray(list)) {
        setProblems(list);
        notify(`Not published: ${list.length === 1 ? 'one problem' : `${list.length} problems`} to fix (listed beside the body).`, 'error');
      } else {
        setSaveError(error);
        notify(error.summary, 'error');
      }
      if (dirty) onSaved();
    }
  };

  const jumpToLine = (line: number) => {
    const area = bodyRef.current;
    if (!area) return;
    const [start, end] = lineRange(area.value, line);
    area.focus();
    area.setSelectionRange(start, end);
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (line - 3) * lineHeight);
    setCursor({ line, column: 1 });
  };

  const trackCursor = () => {
    const area = bodyRef.current;
    if (!area) return;
    const before = area.value.slice(0, area.selectionStart);
    const line = before.split('\n').length;
    setCursor({ line, column: before.length - before.lastIndexOf('\n') });
  };

  const rowProblems = (i: number): string[] => {
    const fromSave = Object.entries(saveError?.fields ?? {})
      .filter(([path]) => fieldIndexOf(path) === i)
      .flatMap(([path, p]) => p.map((m) => `${path.replace(/^manifest\.fields\[\d+\]\.?/, '') || 'field'} ${m}`));
    const fromPublish = (problems ?? []).filter((p) => fieldIndexOf(p.path) === i).map((p) => `${(p.path ?? '').replace(/^manifest\.fields\[\d+\]\.?/, '') || 'field'} ${p.message}`);
    return [...fromSave, ...fromPublish];
  };

  const lineProblems = (problems ?? []).filter((p) => (p.line ?? 0) > 0).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const otherProblems = (problems ?? []).filter((p) => !((p.line ?? 0) > 0));
  const focusField = (i: number) => {
    if (mode === 'json') switchMode('table');
    window.setTimeout(() => document.getElementById(`mf-${i}-key`)?.focus(), 0);
  };

  return (
    <>
      <header className="page-header with-actions">
        <h1>{template.name}</h1>
        <p className="muted">
          {TEMPLATE_KIND_LABELS[template.kind]} · <code>{template.key}</code>
        </p>
      </header>
      <p className="muted" data-testid="template-version-state">
        {draft ? (
          <>
            <StatusBadge status="draft" /> Editing draft version {draft.version}
            {published ? `; version ${published.version} is published (${formatDateTime(published.publishedAt)}).` : '; nothing is published yet.'}
          </>
        ) : published ? (
          <>
            <StatusBadge status="published" /> Version {published.version} is published. Saving starts draft version {published.version + 1}; launches keep the published one.
          </>
        ) : (
          'No version yet.'
        )}
      </p>
      {!author && <ReadOnlyNote user={user} who="vendor admins and marketers" />}

      <form onSubmit={(e) => void onSave(e)} aria-label="Template draft" className="template-editor">
        <fieldset disabled={!author || busy !== null} className="plain-fieldset">
          <div className="form-grid">
            <div className="field">
              <label htmlFor="template-name">Name</label>
              <input id="template-name" value={name} onChange={(e) => setName(e.target.value)} minLength={2} maxLength={120} required />
              {saveError?.fieldMessage('name') && <p className="field-error">{saveError.fieldMessage('name')}</p>}
            </div>
            {template.kind === 'email' && (
              <>
                <div className="field">
                  <label htmlFor="template-subject">Subject</label>
                  <input id="template-subject" value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={300} aria-describedby="template-subject-help" data-testid="template-subject" />
                  <p id="template-subject-help" className="help">
                    Handlebars text, e.g. <code>{'{{headline}}'}</code>.
                  </p>
                  <PathProblems problems={otherProblems} path="subject" />
                </div>
                <div className="field">
                  <label htmlFor="template-preheader">Preheader</label>
                  <input id="template-preheader" value={preheader} onChange={(e) => setPreheader(e.target.value)} maxLength={300} aria-describedby="template-preheader-help" />
                  <p id="template-preheader-help" className="help">
                    The inbox preview line.
                  </p>
                  <PathProblems problems={otherProblems} path="preheader" />
                </div>
              </>
            )}
          </div>

          {template.kind !== 'banner' && (
            <div className="body-layout">
              <div className="field body-field">
                <label htmlFor="template-body">{isEmailLike ? 'Body (MJML)' : 'Post text'}</label>
                <textarea
                  id="template-body"
                  ref={bodyRef}
                  className="code-editor"
                  value={body}
                  onChange={(e) => setBody(e.target.value)}
                  onSelect={trackCursor}
                  onKeyUp={trackCursor}
                  onClick={trackCursor}
                  rows={isEmailLike ? 24 : 6}
                  spellCheck={false}
                  aria-describedby="template-body-help template-body-position"
                  data-testid="template-body"
                />
                <p id="template-body-help" className="help">
                  {isEmailLike ? 'MJML with Handlebars variables; every variable must be declared in the manifest below.' : 'Text with Handlebars variables, checked against each network’s length.'}
                </p>
                <p id="template-body-position" className="help">
                  Line {cursor.line}, column {cursor.column}
                </p>
              </div>
              {problems && (
                <aside className="card publish-problems" aria-labelledby="publish-problems-title" data-testid="publish-problems">
                  <h2 id="publish-problems-title">Why it was not published</h2>
                  {lineProblems.length > 0 && (
                    <ol className="plain" aria-label="Problems by line">
                      {lineProblems.map((p, i) => (
                        <li key={`${p.line}-${i}`}>
                          <button type="button" className="link-button problem-line" onClick={() => jumpToLine(p.line!)} data-testid={`publish-error-line-${p.line}`}>
                            Line {p.line}
                          </button>{' '}
                          {p.message}
                        </li>
                      ))}
                    </ol>
                  )}
                  {otherProblems.length > 0 && (
                    <ul className="plain" aria-label="Other problems">
                      {otherProblems.map((p, i) => {
                        const row = fieldIndexOf(p.path);
                        return (
                          <li key={`${p.path}-${i}`}>
                            {row !== undefined ? (
                              <button type="button" className="link-button" onClick={() => focusField(row)}>
                                Field {row + 1}
                                {typeof fields[row]?.key === 'string' ? ` (${fields[row].key})` : ''}
                              </button>
                            ) : (
                              p.path && <code>{p.path}</code>
                            )}{' '}
                            {p.path && row !== undefined ? `${p.path.replace(/^manifest\.fields\[\d+\]\.?/, '')} ` : ''}
                            {p.message}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                  {problems.length === 0 && <p>No details were given.</p>}
                </aside>
              )}
            </div>
          )}

          {template.kind === 'banner' && (
            <SpecEditor id="template-banner" label="Banner spec (JSON)" help="width, height, background, format and zones (logo and text)." value={bannerJson} onChange={setBannerJson} problems={(problems ?? []).filter((p) => p.path?.startsWith('banner'))} />
          )}
          {template.kind === 'social_post' && (
            <SpecEditor id="template-social" label="Networks (JSON)" help='For example {"networks": ["linkedin", "x"], "bannerTemplate": "social-banner-1200x628"}.' value={socialJson} onChange={setSocialJson} problems={(problems ?? []).filter((p) => p.path?.startsWith('social'))} />
          )}
          {template.kind === 'banner' && problems && otherProblems.length > 0 && (
            <div className="card publish-problems" role="alert">
              <h2>Why it was not published</h2>
              <ul className="plain">
                {otherProblems.map((p, i) => (
                  <li key={i}>
                    {p.path && <code>{p.path}</code>} {p.message}
                  </li>
                ))}
              </ul>
            </div>
          )}

          <section className="section" aria-labelledby="manifest-title">
            <div className="page-header with-actions">
              <h2 id="manifest-title">Field manifest</h2>
              <div className="tabs" role="group" aria-label="Manifest editor">
                <button type="button" className={`button small ${mode === 'table' ? '' : 'secondary'}`} aria-pressed={mode === 'table'} onClick={() => switchMode('table')}>
                  Table
                </button>
                <button type="button" className={`button small ${mode === 'json' ? '' : 'secondary'}`} aria-pressed={mode === 'json'} onClick={() => switchMode('json')}>
                  JSON
                </button>
              </div>
            </div>
            <p className="help">
              <strong>Locked</strong>: your value, no partner can change it (use <code>asset:&lt;id&gt;</code> for a library image or file). <strong>Partner</strong>: filled from the partner’s profile.{' '}
              <strong>Editable</strong>: the partner may change it within its rules.
            </p>
            {saveError?.code === 'MANIFEST_INVALID' && <p className="form-error">{saveError.summary}</p>}
            {mode === 'table' ? (
              <ManifestTable fields={fields} setFields={setFields} rowProblems={rowProblems} />
            ) : (
              <div className="field">
                <label htmlFor="manifest-json">Manifest (JSON)</label>
                <textarea id="manifest-json" className="code-editor" rows={18} value={json} spellCheck={false} onChange={(e) => setJson(e.target.value)} aria-invalid={jsonError ? true : undefined} aria-describedby={jsonError ? 'manifest-json-error' : undefined} />
                {jsonError && (
                  <p id="manifest-json-error" className="field-error">
                    {jsonError}
                  </p>
                )}
              </div>
            )}
          </section>

          {saveError && saveError.code !== 'MANIFEST_INVALID' && <p className="form-error">{saveError.summary}</p>}
          <div className="actions sticky-actions">
            <button type="submit" className="button" disabled={!dirty} aria-busy={busy === 'save'} data-testid="save-template">
              {busy === 'save' ? 'Saving…' : 'Save draft'}
            </button>
            <button type="button" className="button primary" onClick={() => void onPublish()} disabled={!draft && !dirty} aria-busy={busy === 'publish'} data-testid="publish-template">
              {busy === 'publish' ? 'Publishing…' : dirty ? 'Save and publish' : 'Publish'}
            </button>
            {!draft && !dirty && <span className="muted">Nothing to publish: the published version is current.</span>}
            {dirty && <span className="muted">Unsaved changes.</span>}
          </div>
        </fieldset>
      </form>

      <PreviewPanel template={template} hasDraft={!!draft} hasPublished={!!published} />
    </>
  );
}
