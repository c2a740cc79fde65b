import { useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import type { TemplateStatus } from '../api/types';
import { useUser } from '../auth';
import { Link, navigate } from '../router';
import { useToast } from '../toast';
import { Async, EmptyState, Field, formatDate, Pager, StatusBadge, toApiError, useCursorPager, useDebouncedValue, useLoad } from '../ui';
import { ReadOnlyNote } from '../vendor-ui';
import { useTitle } from './title';
import { AUTHOR_ROLES, TEMPLATE_KIND_LABELS, TEMPLATE_KINDS, type TemplateKind } from './vendor-templates-common';

const PAGE_SIZE = 20;

/** Starting points for a new template: every variable declared, so the first publish can pass. */
const STARTERS: Partial<Record<TemplateKind, { subject?: string; preheader?: string; body: string }>> = {
  email: {
    subject: '{{headline}}',
    preheader: '{{headline}}',
    body: `<mjml>
  <mj-body background-color="{{brand.background}}">
    <mj-section>
      <mj-column>
        <mj-image src="{{partnerLogo}}" alt="{{partnerName}}" width="160px" />
        <mj-text font-size="24px" color="{{brand.text}}">{{headline}}</mj-text>
        <mj-text><a href="{{links.unsubscribe}}">Unsubscribe</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`,
  },
  landing_page: {
    body: `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-image src="{{partnerLogo}}" alt="{{partnerName}}" width="160px" />
        <mj-text font-size="28px">{{headline}}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`,
  },
  social_post: { body: '{{headline}} with {{partnerName}}' },
};

const STARTER_FIELDS = [
  { key: 'partnerLogo', source: 'partner', profile: 'logo' },
  { key: 'partnerName', source: 'partner', profile: 'name' },
  { key: 'headline', label: 'Headline', source: 'editable', type: 'text', maxLength: 80, required: true, default: 'Your headline here', mustChange: true },
];

/** The vendor's templates: kind, where each stands (draft or published) and its version, searched and filtered by the API. */
export function VendorTemplatesPage() {
  useTitle('Templates');
  const user = useUser();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<TemplateKind | ''>('');
  const [status, setStatus] = useState<TemplateStatus | ''>('');
  const search = useDebouncedValue(query.trim());
  const author = AUTHOR_ROLES.includes(user.role);
  return (
    <section className="page">
      <header className="page-header with-actions">
        <h1>Templates</h1>
      </header>
      <p className="lede">Emails, landing pages, banners and social posts with their field manifests: what partners may change, and what stays locked.</p>
      {!author && <ReadOnlyNote user={user} who="vendor admins and marketers" />}
      {author && <NewTemplate />}
      <form className="toolbar" role="search" aria-label="Templates" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="template-search">Search</label>
        <input id="template-search" type="search" value={query} placeholder="Name or key" maxLength={100} onChange={(e) => setQuery(e.target.value)} data-testid="template-search" />
        <label htmlFor="template-kind">Kind</label>
        <select id="template-kind" value={kind} onChange={(e) => setKind(e.target.value as TemplateKind | '')} data-testid="template-kind-filter">
          <option value="">All kinds</option>
          {TEMPLATE_KINDS.map((k) => (
            <option key={k} value={k}>
              {TEMPLATE_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <label htmlFor="template-status">Status</label>
        <select id="template-status" value={status} onChange={(e) => setStatus(e.target.value as TemplateStatus | '')} data-testid="template-status-filter">
          <option value="">All statuses</option>
          <option value="published">Published</option>
          <option value="draft">Draft (never published)</option>
        </select>
      </form>
      <TemplateTable key={`${search}|${kind}|${status}`} search={search} kind={kind} status={status} />
    </section>
  );
}

/** One page of templates as the API answers it, each with its status and versions (no request per row). */
function TemplateTable({ search, kind, status }: { search: string; kind: TemplateKind | ''; status: TemplateStatus | '' }) {
  const pager = useCursorPager();
  const templates = useLoad(
    () => call(api.GET('/api/v1/templates', { params: { query: { limit: PAGE_SIZE, cursor: pager.cursor, ...(search ? { q: search } : {}), ...(kind ? { kind } : {}), ...(status ? { status } : {}) } } })),
    [pager.cursor],
  );
  const filtered = Boolean(search || kind || status);
  return (
    <Async state={templates}>
      {(page) =>
        page.items.length === 0 ? (
          <EmptyState>{!filtered ? 'No template yet.' : search ? `No template matches “${search}” with these filters.` : 'No template matches these filters.'}</EmptyState>
        ) : (
          <>
            <p className="muted" role="status" data-testid="template-count">
              {pager.page === 1 && !page.nextCursor ? `${page.items.length} ${page.items.length === 1 ? 'template' : 'templates'}` : `Page ${pager.page}: ${page.items.length} templates`}
            </p>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Templates by key</caption>
                <thead>
                  <tr>
                    <th scope="col">Template</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Version
                    </th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((t) => (
                    <tr key={t.id} data-testid={`template-row-${t.id}`}>
                      <td>
                        <Link to={`/vendor/templates/${t.id}`}>{t.name}</Link>
                        <span className="muted"> {t.key}</span>
                      </td>
                      <td>{TEMPLATE_KIND_LABELS[t.kind]}</td>
                      <td>
                        <StatusBadge status={t.status} /> {t.hasDraft && t.status === 'published' && <span className="tag">draft changes</span>}
                      </td>
                      <td className="num">
                        {t.currentVersion === null ? (
                          <span className="muted">—</span>
                        ) : (
                          <>
                            v{t.currentVersion}
                            {t.publishedVersion !== null && t.publishedVersion !== t.currentVersion && <span className="muted"> (v{t.publishedVersion} live)</span>}
                          </>
                        )}
                      </td>
                      <td>{formatDate(t.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Templates" />
          </>
        )
      }
    </Async>
  );
}

/** Creates a draft from a starter (banners come with their base image, so they start from the template folder). */
function NewTemplate() {
  const { notify } = useToast();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<TemplateKind>('email');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const starter = STARTERS[kind];
    try {
      const created = await call(
        api.POST('/api/v1/templates', {
          body: {
            key: key.trim(),
            name: name.trim(),
            kind,
            ...(starter ?? { body: '' }),
            manifest: { fields: STARTER_FIELDS } as unknown as Record<string, never>,
            ...(kind === 'social_post' ? { social: { networks: ['linkedin', 'x'] } as unknown as Record<string, never> } : {}),
          },
        }),
      );
      notify(`${created.name} is created as a draft.`);
      navigate(`/vendor/templates/${created.id}`);
    } catch (e) {
      const err = toApiError(e);
      setError(err);
      notify(err.summary, 'error');
      setBusy(false);
    }
  };
  return (
    <details className="card">
      <summary>New template</summary>
      <form onSubmit={(e) => void submit(e)} className="form-grid" aria-label="New template">
        <Field id="new-template-key" label="Key" help="Lower-case letters and digits with hyphens, e.g. spring-promo." error={error?.fieldMessage('key')}>
          {(d, invalid) => <input id="new-template-key" value={key} onChange={(e) => setKey(e.target.value)} required maxLength={60} aria-describedby={d} aria-invalid={invalid} />}
        </Field>
        <Field id="new-template-name" label="Name" error={error?.fieldMessage('name')}>
          {(d, invalid) => <input id="new-template-name" value={name} onChange={(e) => setName(e.target.value)} required minLength={2} maxLength={120} aria-describedby={d} aria-invalid={invalid} />}
        </Field>
        <Field id="new-template-kind" label="Kind" help="Banners need a base image and zones: add them from the templates folder.">
          {(d) => (
            <select id="new-template-kind" value={kind} onChange={(e) => setKind(e.target.value as TemplateKind)} aria-describedby={d}>
              {TEMPLATE_KINDS.filter((k) => k !== 'banner').map((k) => (
                <option key={k} value={k}>
                  {TEMPLATE_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field">
          {error && !error.fieldMessage('key') && !error.fieldMessage('name') && <p className="form-error">{error.summary}</p>}
          <button type="submit" className="button primary" disabled={busy} aria-busy={busy} data-testid="create-template">
            {busy ? 'Creating…' : 'Create draft'}
          </button>
        </div>
      </form>
    </details>
  );
}
