import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import type { Schemas } from '../api/types';
import { useUser } from '../auth';
import { can, fieldProblems, personName, Tabs, WhoCan } from '../partner-ui';
import { navigate, useLocation } from '../router';
import { useToast } from '../toast';
import { fileSize as formatBytes, sendFile as uploadFile, type UploadProgress } from '../partner-upload';
import { Async, EmptyState, ErrorState, FieldNotes, formatDate, formatDateTime, Loading, Pager, StatusBadge, toApiError, useCursorPager, useDebouncedValue, useLoad } from '../ui';
import { useTitle } from './title';

type Contact = Schemas['ContactView'];
type ImportCreated = Schemas['ImportCreatedView'];
type ImportReport = Schemas['ImportReportView'];
type ImportRow = Schemas['ImportRowView'];
type AudienceView = Schemas['AudienceView'];
type AudienceFilter = Schemas['AudienceFilterDto'];
type Consent = Contact['consentStatus'];

const PAGE_SIZE = 25;
const REPORT_PAGE_SIZE = 50;
const AUDIENCE_PAGE_SIZE = 10;
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
const IMPORT_MAX_ROWS = 50_000;
const IMPORT_POLL_MS = 1500;
const CONSENTS: Consent[] = ['granted', 'pending', 'denied', 'unknown'];
const TABS = [
  { key: 'contacts', label: 'Contacts' },
  { key: 'import', label: 'Import a CSV' },
  { key: 'audiences', label: 'Audiences' },
];

/** The partner's own contacts: the list, one added by hand, CSV imports with their report, and audiences. */
export function ContactsPage() {
  useTitle('Contacts');
  const { search } = useLocation();
  const tab = TABS.some((t) => t.key === search.get('tab')) ? search.get('tab')! : 'contacts';
  return (
    <section className="page">
      <h1>Contacts</h1>
      <p className="lede">Your own audience: only your organisation sees it. The vendor sees a contact only once you share a lead or register a deal.</p>
      <Tabs path="/contacts" current={tab} tabs={TABS} label="Contacts sections" />
      {tab === 'contacts' && <ContactList />}
      {tab === 'import' && <ImportSection importId={search.get('import')} />}
      {tab === 'audiences' && <Audiences />}
    </section>
  );
}

function ContactList() {
  const user = useUser();
  const [query, setQuery] = useState('');
  const [added, setAdded] = useState(0);
  const q = useDebouncedValue(query.trim());
  const pager = useCursorPager();
  const { reset } = pager;
  useEffect(() => reset(), [q]);
  const state = useLoad(() => call(api.GET('/api/v1/contacts', { params: { query: { limit: PAGE_SIZE, cursor: pager.cursor, ...(q ? { q } : {}) } } })), [pager.cursor, q, added]);
  return (
    <>
      {can(user, 'manage-contacts') && <AddContact onAdded={() => setAdded((n) => n + 1)} />}
      <section aria-labelledby="contact-list" className="section">
        <h2 id="contact-list">Your contacts</h2>
        <div className="toolbar">
          <label htmlFor="contact-search">Search contacts</label>
          <input id="contact-search" type="search" value={query} placeholder="Email, name or company" onChange={(e) => setQuery(e.target.value)} data-testid="contact-search" />
        </div>
        <Async state={state}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState>{q ? `No contact matches “${q}”.` : 'You have no contacts yet. Add one above or import a CSV from your CRM.'}</EmptyState>
            ) : (
              <>
                <div className="table-wrap" aria-busy={state.loading}>
                  <table>
                    <caption className="visually-hidden">Your contacts{q ? ` matching ${q}` : ''}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Contact</th>
                        <th scope="col">Company</th>
                        <th scope="col">Country</th>
                        <th scope="col">Consent</th>
                        <th scope="col">Added</th>
                      </tr>
                    </thead>
                    <tbody>
                      {page.items.map((c) => (
                        <tr key={c.id} data-testid={`contact-${c.id}`}>
                          <td>
                            <strong>{personName(c)}</strong>
                            {personName(c) !== c.email && (
                              <>
                                <br />
                                <span className="email">{c.email}</span>
                              </>
                            )}
                            {c.title && (
                              <>
                                <br />
                                <span className="muted">{c.title}</span>
                              </>
                            )}
                          </td>
                          <td>{c.company ?? '—'}</td>
                          <td>{c.country ?? '—'}</td>
                          <td>
                            <StatusBadge status={c.consentStatus} />
                          </td>
                          <td>{formatDate(c.createdAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Contacts" />
              </>
            )
          }
        </Async>
      </section>
    </>
  );
}

interface ContactDraft {
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  country: string;
  timeZone: string;
  consentStatus: Consent;
  consentSource: string;
}

const EMPTY_CONTACT: ContactDraft = { email: '', firstName: '', lastName: '', company: '', title: '', country: '', timeZone: '', consentStatus: 'unknown', consentSource: '' };

const CONTACT_FIELDS: { key: Exclude<keyof ContactDraft, 'consentStatus'>; label: string; type?: string; autoComplete?: string; help?: string }[] = [
  { key: 'email', label: 'Email', type: 'email', autoComplete: 'off' },
  { key: 'firstName', label: 'First name', autoComplete: 'off' },
  { key: 'lastName', label: 'Last name', autoComplete: 'off' },
  { key: 'company', label: 'Company', autoComplete: 'off' },
  { key: 'title', label: 'Job title', autoComplete: 'off' },
  { key: 'country', label: 'Country', autoComplete: 'off', help: 'A code such as DE or a name such as Germany.' },
  { key: 'timeZone', label: 'Time zone', autoComplete: 'off', help: 'Such as Europe/Berlin; emails wait for the contact’s local time.' },
  { key: 'consentSource', label: 'Where the consent comes from', autoComplete: 'off', help: 'Such as “trade show form, May 2026”.' },
];

/** A one-line CSV cell: always quoted, quotes doubled. */
function csvCell(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * Adds (or updates) one contact. The API takes contacts through imports only, so this sends a
 * one-row CSV: the same validation and dedupe by email as a file from the CRM, and its row report
 * says what was wrong with each field.
 */
function AddContact({ onAdded }: { onAdded: () => void }) {
  const { notify } = useToast();
  const [draft, setDraft] = useState<ContactDraft>(EMPTY_CONTACT);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const set = (key: keyof ContactDraft, value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.email.trim()) {
      setProblems({ email: 'Enter the contact’s email address.' });
      return;
    }
    setProblems({});
    setFormError(null);
    setBusy(true);
    const entries = (Object.entries(draft) as [keyof ContactDraft, string][]).filter(([, v]) => v.trim() !== '');
    const csv = `${entries.map(([k]) => k).join(',')}\r\n${entries.map(([, v]) => csvCell(v.trim())).join(',')}\r\n`;
    try {
      const result = await uploadFile<ImportCreated>('POST', '/api/v1/contacts/imports', new File([csv], 'contact.csv', { type: 'text/csv' }));
      const row = result.firstRejected[0];
      if (result.rejected > 0 && row) {
        setProblems(Object.fromEntries(row.errors.map((e) => [e.field ?? 'email', e.message])));
        const general = row.errors.filter((e) => !e.field).map((e) => e.message);
        if (general.length > 0) setFormError(general.join(' '));
        notify('The contact was not added: fix the fields marked below.', 'error');
      } else {
        notify(result.updated > 0 ? `${draft.email.trim()} was already a contact; the details are updated.` : `${draft.email.trim()} is added to your contacts.`);
        setDraft(EMPTY_CONTACT);
        onAdded();
      }
    } catch (e) {
      const error = toApiError(e);
      setFormError(error.summary);
      notify(error.summary, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="card" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Add a contact</summary>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Add a contact" data-testid="contact-form">
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <div className="form-grid">
          {CONTACT_FIELDS.map((f) => {
            const id = `contact-${f.key}`;
            const problem = problems[f.key];
            return (
              <div key={f.key} className={`field${problem ? ' has-error' : ''}`}>
                <label htmlFor={id}>
                  {f.label}
                  {f.key === 'email' && <span className="muted"> (required)</span>}
                </label>
                <input
                  id={id}
                  type={f.type ?? 'text'}
                  value={draft[f.key]}
                  autoComplete={f.autoComplete}
                  required={f.key === 'email'}
                  onChange={(e) => set(f.key, e.target.value)}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={[f.help ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
                />
                <FieldNotes id={id} help={f.help} error={problem} />
              </div>
            );
          })}
          <div className={`field${problems.consentStatus ? ' has-error' : ''}`}>
            <label htmlFor="contact-consentStatus">Marketing consent</label>
            <select id="contact-consentStatus" value={draft.consentStatus} onChange={(e) => set('consentStatus', e.target.value)} aria-describedby="contact-consentStatus-help">
              {CONSENTS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <p id="contact-consentStatus-help" className="help">
              Only contacts with consent granted receive campaign email.
            </p>
            {problems.consentStatus && <p className="field-error">{problems.consentStatus}</p>}
          </div>
        </div>
        <button type="submit" className="button" disabled={busy} aria-busy={busy} data-testid="contact-add">
          {busy ? 'Adding…' : 'Add contact'}
        </button>
      </form>
    </details>
  );
}

type ImportPhase = { kind: 'idle' } | { kind: 'uploading'; progress: UploadProgress } | { kind: 'processing' } | { kind: 'refused'; error: ApiError };

function ImportSection({ importId }: { importId: string | null }) {
  const user = useUser();
  const { notify } = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<ImportPhase>({ kind: 'idle' });
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setPhase({ kind: 'idle' });
    setFileProblem(chosen && chosen.size > IMPORT_MAX_BYTES ? `The file is ${formatBytes(chosen.size)}; the limit is ${formatBytes(IMPORT_MAX_BYTES)}. Split it into smaller files.` : null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileProblem('Choose a CSV file first.');
      input.current?.focus();
      return;
    }
    if (fileProblem) return;
    setPhase({ kind: 'uploading', progress: { loaded: 0, total: file.size } });
    setAnnouncement(`Uploading ${file.name}.`);
    try {
      const created = await uploadFile<ImportCreated>('POST', '/api/v1/contacts/imports', file, (progress) => {
        setPhase(progress.loaded >= progress.total ? { kind: 'processing' } : { kind: 'uploading', progress });
      });
      setPhase({ kind: 'idle' });
      setFile(null);
      if (input.current) input.current.value = '';
      navigate(`/contacts?tab=import&import=${created.id}`, { replace: true });
      notify(created.status === 'processing' ? 'The file is uploaded; its rows are being imported.' : importSummary(created));
    } catch (e) {
      const error = toApiError(e);
      setPhase({ kind: 'refused', error });
      setAnnouncement('');
      notify(`The file was not imported: ${error.fieldMessage('file') ?? error.summary}`, 'error');
    }
  };

  const busy = phase.kind === 'uploading' || phase.kind === 'processing';
  const problem = fileProblem ?? (phase.kind === 'refused' ? (phase.error.fieldMessage('file') ?? phase.error.summary) : null);
  return (
    <>
      {can(user, 'manage-contacts') ? (
        <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="import-title" aria-busy={busy}>
          <h2 id="import-title">Import contacts from a CSV file</h2>
          <p>
            A UTF-8 CSV with a header row (“CSV UTF-8” in Excel), at most {formatBytes(IMPORT_MAX_BYTES)} and {IMPORT_MAX_ROWS.toLocaleString()} rows. The columns it
            understands: <code>email</code> (required), <code>first name</code>, <code>last name</code>, <code>company</code>, <code>title</code>, <code>country</code>,{' '}
            <code>time zone</code>, <code>consent</code> (granted, pending, denied or unknown) and <code>consent source</code>. Other columns are ignored.
          </p>
          <p className="help">A contact that is already there (same email) is updated; a bad row is reported and does not stop the file.</p>
          <div className={`field${problem ? ' has-error' : ''}`}>
            <label htmlFor="contact-import-file">CSV file</label>
            <input
              ref={input}
              id="contact-import-file"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => choose(e.target.files?.[0] ?? null)}
              disabled={busy}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? 'contact-import-error' : undefined}
              data-testid="contact-import-input"
            />
            {file && !problem && <p className="help">{`${file.name}, ${formatBytes(file.size)}`}</p>}
            {problem && (
              <p id="contact-import-error" className="field-error">
                {problem}
              </p>
            )}
          </div>
          {phase.kind === 'uploading' && (
            <div className="progress-block">
              <label htmlFor="import-upload-progress">
                Uploading: {formatBytes(phase.progress.loaded)} of {formatBytes(phase.progress.total)}
              </label>
              <progress id="import-upload-progress" max={phase.progress.total} value={phase.progress.loaded} />
            </div>
          )}
          {phase.kind === 'processing' && (
            <div className="progress-block">
              <label htmlFor="import-processing-progress">Checking and importing the rows…</label>
              <progress id="import-processing-progress" />
            </div>
          )}
          <button type="submit" className="button" disabled={busy} aria-busy={busy} data-testid="contact-import-submit">
            {busy ? 'Importing…' : 'Import'}
          </button>
        </form>
      ) : (
        <WhoCan actions={['manage-contacts']}>You can read the reports of earlier imports from their links.</WhoCan>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {importId && <ImportReportView importId={importId} onSettled={(text) => setAnnouncement(text)} />}
    </>
  );
}

function importSummary(s: Pick<ImportReport, 'imported' | 'updated' | 'rejected' | 'totalRows'>): string {
  return `Import finished: ${s.imported} added, ${s.updated} updated, ${s.rejected} refused of ${s.totalRows} rows.`;
}

const OUTCOME_LABEL: Record<ImportRow['outcome'], string> = { imported: 'added', updated: 'updated', rejected: 'refused' };

/** One import: its progress while it runs (polled), then the summary and every row's outcome. */
function ImportReportView({ importId, onSettled }: { importId: string; onSettled: (text: string) => void }) {
  const [onlyRefused, setOnlyRefused] = useState(false);
  const pager = useCursorPager();
  const { reset } = pager;
  useEffect(() => reset(), [importId, onlyRefused]);
  const state = useLoad(
    () =>
      call(
        api.GET('/api/v1/contacts/imports/{id}', {
          params: { path: { id: importId }, query: { limit: REPORT_PAGE_SIZE, cursor: pager.cursor, ...(onlyRefused ? { outcome: 'rejected' as const } : {}) } },
        }),
      ),
    [importId, pager.cursor, onlyRefused],
  );
  const processing = state.data?.status === 'processing';
  const { reload } = state;
  useEffect(() => {
    if (!processing) return;
    const timer = window.setInterval(reload, IMPORT_POLL_MS);
    return () => window.clearInterval(timer);
  }, [processing, reload]);
  const status = state.data?.status;
  useEffect(() => {
    if (status === 'completed' && state.data) onSettled(importSummary(state.data));
    if (status === 'failed') onSettled('The import stopped with an error.');
    // Announce once per status change, not on every page of rows.
  }, [status]);

  if (state.error) return <ErrorState error={state.error} retry={state.reload} />;
  if (!state.data) return <Loading label="Loading the import report…" />;
  const report = state.data;
  const done = report.imported + report.updated + report.rejected;
  return (
    <section className="card" aria-labelledby="import-report-title" data-testid="import-report" aria-busy={state.loading}>
      <h2 id="import-report-title">
        Import of {formatDateTime(report.createdAt)} <StatusBadge status={report.status} testId="import-status" />
      </h2>
      {report.status === 'processing' && (
        <div className="progress-block">
          <label htmlFor="import-row-progress">
            {done} of {report.totalRows} rows done
          </label>
          <progress id="import-row-progress" max={Math.max(report.totalRows, 1)} value={done} />
        </div>
      )}
      {report.status === 'failed' && (
        <p className="form-error" role="alert">
          The import stopped with an error after {done} rows. The rows below were written; import the file again to finish (rows already there are updated, not duplicated).
        </p>
      )}
      <dl className="stats small">
        <div>
          <dt>Rows</dt>
          <dd>{report.totalRows}</dd>
        </div>
        <div>
          <dt>Added</dt>
          <dd data-testid="import-imported">{report.imported}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd data-testid="import-updated">{report.updated}</dd>
        </div>
        <div>
          <dt>Refused</dt>
          <dd data-testid="import-rejected">{report.rejected}</dd>
        </div>
      </dl>
      {report.ignoredColumns.length > 0 && <p className="help">Ignored columns (not recognised): {report.ignoredColumns.join(', ')}.</p>}
      <div className="toolbar report-toolbar">
        <label className="checkbox">
          <input type="checkbox" checked={onlyRefused} onChange={(e) => setOnlyRefused(e.target.checked)} /> Only refused rows
        </label>
      </div>
      {report.rows.length === 0 ? (
        <EmptyState>{onlyRefused ? 'No row was refused.' : report.status === 'processing' ? 'The first rows appear here as they are written.' : 'The file had no data rows.'}</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Outcome of each row; the header is row 1</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Row
                  </th>
                  <th scope="col">Email</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.row} data-testid={`import-row-${r.row}`}>
                    <td className="num">{r.row}</td>
                    <td className="wrap">{r.email ?? '—'}</td>
                    <td>
                      <span className={`badge badge-outcome-${r.outcome}`}>{OUTCOME_LABEL[r.outcome]}</span>
                    </td>
                    <td>
                      {r.errors.length === 0 ? (
                        '—'
                      ) : (
                        <ul className="plain compact-list">
                          {r.errors.map((e, i) => (
                            <li key={i}>
                              {e.field && <strong>{e.field}: </strong>}
                              {e.message}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={pager.page} hasNext={!!report.nextCursor} onNext={() => report.nextCursor && pager.next(report.nextCursor)} onPrevious={pager.previous} label="Import report" />
        </>
      )}
    </section>
  );
}

function Audiences() {
  const user = useUser();
  const pager = useCursorPager();
  const [created, setCreated] = useState<AudienceView | null>(null);
  const state = useLoad(() => call(api.GET('/api/v1/audiences', { params: { query: { limit: AUDIENCE_PAGE_SIZE, cursor: pager.cursor } } })), [pager.cursor, created?.id]);
  return (
    <>
      {can(user, 'manage-audiences') && <CreateAudience onCreated={setCreated} />}
      {created && (
        <p className="notice success-notice" role="status" data-testid="audience-created">
          “{created.name}” is saved: {created.counts ? `${created.counts.matching} ${created.counts.matching === 1 ? 'contact matches' : 'contacts match'}, ${created.counts.sendable} of them can receive campaign email.` : 'its count is below.'}
        </p>
      )}
      <section aria-labelledby="audience-list" className="section">
        <h2 id="audience-list">Audiences</h2>
        <p className="help">An audience is a saved filter: it always counts your contacts as they are now. Pick one when you launch a kit with an email.</p>
        <Async state={state}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState>You have no audiences yet.</EmptyState>
            ) : (
              <>
                <ul className="claim-list">
                  {page.items.map((a) => (
                    <AudienceItem key={a.id} audience={a} />
                  ))}
                </ul>
                <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Audiences" />
              </>
            )
          }
        </Async>
      </section>
    </>
  );
}

function describeFilter(f: AudienceFilter): string {
  const parts: string[] = [];
  if (f.countries?.length) parts.push(`in ${f.countries.join(', ')}`);
  if (f.timeZones?.length) parts.push(`time zone ${f.timeZones.join(', ')}`);
  if (f.companyContains) parts.push(`company contains “${f.companyContains}”`);
  if (f.titleContains) parts.push(`title contains “${f.titleContains}”`);
  if (f.consentStatuses?.length) parts.push(`consent ${f.consentStatuses.join(' or ')}`);
  if (f.createdSince) parts.push(`added since ${formatDate(f.createdSince)}`);
  return parts.length ? parts.join(' · ') : 'All contacts';
}

/** The list leaves counts out (a query each); every audience shown asks for its own. */
function AudienceItem({ audience }: { audience: AudienceView }) {
  const counts = useLoad(() => call(api.GET('/api/v1/audiences/{id}', { params: { path: { id: audience.id } } })).then((a) => a.counts), [audience.id, audience.updatedAt]);
  return (
    <li className="card" data-testid={`audience-${audience.id}`}>
      <h3 className="card-title">{audience.name}</h3>
      <p className="muted">{describeFilter(audience.filter)}</p>
      <p aria-live="polite">
        {counts.error ? (
          <span className="field-error">The count could not be loaded. </span>
        ) : counts.data === undefined ? (
          <span className="muted">Counting…</span>
        ) : counts.data ? (
          <>
            <strong data-testid={`audience-count-${audience.id}`}>{counts.data.matching}</strong> {counts.data.matching === 1 ? 'contact matches' : 'contacts match'};{' '}
            <strong>{counts.data.sendable}</strong> can receive campaign email (consent granted, not unsubscribed).
          </>
        ) : (
          <span className="muted">No count.</span>
        )}{' '}
        <button type="button" className="link-button" onClick={counts.reload} disabled={counts.loading}>
          Count again
        </button>
      </p>
    </li>
  );
}

function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function CreateAudience({ onCreated }: { onCreated: (a: AudienceView) => void }) {
  const { notify } = useToast();
  const [name, setName] = useState('');
  const [countries, setCountries] = useState('');
  const [timeZones, setTimeZones] = useState('');
  const [company, setCompany] = useState('');
  const [title, setTitle] = useState('');
  const [consents, setConsents] = useState<Consent[]>([]);
  const [since, setSince] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameProblem('Give the audience a name.');
      return;
    }
    setNameProblem(null);
    setError(null);
    setBusy(true);
    const filter: AudienceFilter = {
      ...(splitList(countries).length ? { countries: splitList(countries).map((c) => c.toUpperCase()) } : {}),
      ...(splitList(timeZones).length ? { timeZones: splitList(timeZones) } : {}),
      ...(company.trim() ? { companyContains: company.trim() } : {}),
      ...(title.trim() ? { titleContains: title.trim() } : {}),
      ...(consents.length ? { consentStatuses: consents } : {}),
      ...(since ? { createdSince: `${since}T00:00:00Z` } : {}),
    };
    try {
      const audience = await call(api.POST('/api/v1/audiences', { body: { name: name.trim(), filter } }));
      notify(`The audience “${audience.name}” is saved${audience.counts ? `: ${audience.counts.matching} ${audience.counts.matching === 1 ? 'contact matches' : 'contacts match'}` : ''}.`);
      setName('');
      onCreated(audience);
    } catch (e) {
      const err = toApiError(e);
      setError(err);
      setNameProblem(err.fieldMessage('name') ?? null);
      notify(err.status === 400 ? 'The audience was not saved: fix the fields marked below.' : err.summary, 'error');
    } finally {
      setBusy(false);
    }
  };

  const problem = (field: string) => (error ? fieldProblems(error.fields, `filter.${field}`) : undefined);
  const textField = (id: string, label: string, value: string, set: (v: string) => void, field: string, help?: string) => {
    const p = problem(field);
    return (
      <div className={`field${p ? ' has-error' : ''}`}>
        <label htmlFor={id}>{label}</label>
        <input id={id} value={value} onChange={(e) => set(e.target.value)} aria-invalid={p ? true : undefined} aria-describedby={[help ? `${id}-help` : '', p ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined} />
        <FieldNotes id={id} help={help} error={p} />
      </div>
    );
  };

  return (
    <details className="card">
      <summary>Create an audience</summary>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Create an audience" data-testid="audience-form">
        {error && error.status !== 400 && (
          <p className="form-error" role="alert">
            {error.summary}
          </p>
        )}
        <div className={`field${nameProblem ? ' has-error' : ''}`}>
          <label htmlFor="audience-name">
            Name <span className="muted">(required)</span>
          </label>
          <input id="audience-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required aria-invalid={nameProblem ? true : undefined} aria-describedby={nameProblem ? 'audience-name-error' : undefined} />
          {nameProblem && (
            <p id="audience-name-error" className="field-error">
              {nameProblem}
            </p>
          )}
        </div>
        <p className="help">Every condition you fill in must hold; leave them all empty for every contact.</p>
        <div className="form-grid">
          {textField('audience-countries', 'Countries', countries, setCountries, 'countries', 'Codes separated by commas, such as DE, AT, CH.')}
          {textField('audience-timezones', 'Time zones', timeZones, setTimeZones, 'timeZones', 'Such as Europe/Berlin, separated by commas.')}
          {textField('audience-company', 'Company contains', company, setCompany, 'companyContains')}
          {textField('audience-title', 'Job title contains', title, setTitle, 'titleContains')}
          <div className={`field${problem('createdSince') ? ' has-error' : ''}`}>
            <label htmlFor="audience-since">Added on or after</label>
            <input id="audience-since" type="date" value={since} onChange={(e) => setSince(e.target.value)} />
            {problem('createdSince') && <p className="field-error">{problem('createdSince')}</p>}
          </div>
        </div>
        <fieldset className="field checkbox-group">
          <legend>Consent</legend>
          {CONSENTS.map((c) => (
            <label key={c} className="checkbox">
              <input type="checkbox" checked={consents.includes(c)} onChange={(e) => setConsents((all) => (e.target.checked ? [...all, c] : all.filter((x) => x !== c)))} /> {c}
            </label>
          ))}
          <p className="help">Campaign email only ever goes to contacts with consent granted, whatever you pick here.</p>
          {problem('consentStatuses') && <p className="field-error">{problem('consentStatuses')}</p>}
        </fieldset>
        <button type="submit" className="button" disabled={busy} aria-busy={busy} data-testid="audience-create">
          {busy ? 'Saving…' : 'Save audience'}
        </button>
      </form>
    </details>
  );
}
