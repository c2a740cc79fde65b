import { useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import { useUser } from '../auth';
import { can, fieldProblems } from '../partner-ui';
import { useToast } from '../toast';
import { Async, EmptyState, FieldNotes, formatDate, Pager, toApiError, useCursorPager, useLoad } from '../ui';
import { type AudienceFilter, type AudienceView, type Consent, CONSENTS } from './contact-types';

const AUDIENCE_PAGE_SIZE = 10;

export function Audiences() {
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
