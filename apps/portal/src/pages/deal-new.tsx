import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import type { Deal, Schemas } from '../api/types';
import { ConflictNotice } from '../deals/conflict-notice';
import { CURRENCIES, type DealDetail, statusLabel } from '../deals/deal-status';
import { Link } from '../router';
import { useToast } from '../toast';
import { FieldNotes, formatDate, formatMoney, loadAll, parseMoney, StatusBadge, toApiError, useLoad } from '../ui';
import { useTitle } from './title';

type RegisterBody = Schemas['RegisterDealDto'];

interface DealDraft {
  customerCompany: string;
  customerDomain: string;
  amount: string;
  currency: string;
  contactName: string;
  contactEmail: string;
  products: string;
  expectedCloseDate: string;
  notes: string;
  sourceLaunchId: string;
}

const EMPTY_DEAL: DealDraft = { customerCompany: '', customerDomain: '', amount: '', currency: 'USD', contactName: '', contactEmail: '', products: '', expectedCloseDate: '', notes: '', sourceLaunchId: '' };

/** The fast registration: the four things that identify an opportunity first, the rest when known. */
export function DealNewPage() {
  useTitle('Register a deal');
  const { notify } = useToast();
  const [draft, setDraft] = useState<DealDraft>(EMPTY_DEAL);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [registered, setRegistered] = useState<DealDetail | null>(null);
  const result = useRef<HTMLDivElement>(null);
  const touchedCurrency = useRef(false);
  const context = useLoad(async () => {
    const [recent, launches] = await Promise.all([
      call(api.GET('/api/v1/deals', { params: { query: { limit: 1 } } })).catch(() => ({ items: [] as Deal[], nextCursor: null })),
      loadAll((cursor) => call(api.GET('/api/v1/launches', { params: { query: { limit: 100, cursor } } }))).catch(() => []),
    ]);
    // Kit names make the launch choice readable.
    const kits = await loadAll((cursor) => call(api.GET('/api/v1/kits', { params: { query: { limit: 100, cursor } } }))).catch(() => []);
    const names = new Map(kits.map((k) => [k.id, k.version.name]));
    return { currency: recent.items[0]?.currency, launches: launches.map((l) => ({ id: l.id, label: `${names.get(l.kitId) ?? 'Launch'} (${formatDate(l.createdAt)})` })) };
  }, []);
  // Default the currency to the one the partner last used, unless it was picked already.
  const lastCurrency = context.data?.currency;
  useEffect(() => {
    if (lastCurrency && !touchedCurrency.current) setDraft((d) => ({ ...d, currency: lastCurrency }));
  }, [lastCurrency]);

  useEffect(() => {
    if (registered) result.current?.focus();
  }, [registered]);

  const set = (key: keyof DealDraft, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setProblems((p) => {
      const { [key]: _gone, ...rest } = p;
      return rest;
    });
  };

  const validate = (): { body?: RegisterBody; problems: Record<string, string> } => {
    const found: Record<string, string> = {};
    if (!draft.customerCompany.trim()) found.customerCompany = 'Enter the customer’s company name.';
    if (draft.customerDomain.trim().length < 3) found.customerDomain = 'Enter the customer’s website or email domain, such as globex.example.';
    const cents = parseMoney(draft.amount);
    if (cents === undefined) found.amountCents = 'Enter the expected value such as 25000 or 25000.00.';
    if (Object.keys(found).length > 0 || cents === undefined) return { problems: found };
    const products = draft.products
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    return {
      problems: {},
      body: {
        customerCompany: draft.customerCompany.trim(),
        customerDomain: draft.customerDomain.trim(),
        amountCents: cents,
        currency: draft.currency,
        ...(draft.contactName.trim() ? { contactName: draft.contactName.trim() } : {}),
        ...(draft.contactEmail.trim() ? { contactEmail: draft.contactEmail.trim() } : {}),
        ...(products.length ? { products } : {}),
        ...(draft.expectedCloseDate ? { expectedCloseDate: draft.expectedCloseDate } : {}),
        ...(draft.notes.trim() ? { notes: draft.notes.trim() } : {}),
        ...(draft.sourceLaunchId ? { sourceLaunchId: draft.sourceLaunchId } : {}),
      },
    };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { body, problems: found } = validate();
    setProblems(found);
    setError(null);
    if (!body) {
      notify('The deal is not registered yet: fix the fields marked.', 'error');
      document.getElementById(`deal-${Object.keys(found)[0] === 'amountCents' ? 'amount' : Object.keys(found)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const deal = await call(api.POST('/api/v1/deals', { body }));
      setRegistered(deal);
      notify(deal.conflictFlagged ? `${deal.customerCompany} is registered; a possible conflict was flagged for review.` : `${deal.customerCompany} is registered and waits for approval.`, deal.conflictFlagged ? 'info' : 'success');
    } catch (e) {
      const err = toApiError(e);
      setError(err);
      const byField: Record<string, string> = {};
      for (const key of Object.keys(err.fields)) byField[key] = err.fieldMessage(key) ?? '';
      setProblems(byField);
      notify(err.status === 400 ? 'The deal is not registered yet: fix the fields marked.' : err.summary, 'error');
    } finally {
      setBusy(false);
    }
  };

  if (registered) {
    return (
      <section className="page">
        <p className="breadcrumb">
          <Link to="/deals">Deals</Link>
        </p>
        <div ref={result} tabIndex={-1} className="card" data-testid="deal-registered">
          <h1>{registered.customerCompany} is registered</h1>
          <p>
            Status: <StatusBadge status={registered.status} testId="deal-registered-status" /> {statusLabel(registered.status)}
          </p>
          {registered.conflictFlagged ? (
            <ConflictNotice />
          ) : (
            <p>No conflict was found. A channel manager approves the registration; you are told by email and see it here.</p>
          )}
          <div className="actions">
            <Link to={`/deals/${registered.id}`} className="button">
              Open the deal
            </Link>
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setRegistered(null);
                setDraft((d) => ({ ...EMPTY_DEAL, currency: d.currency }));
              }}
            >
              Register another
            </button>
          </div>
        </div>
      </section>
    );
  }

  const field = (key: keyof DealDraft, label: string, opts: { required?: boolean; type?: string; help?: string; problemKey?: string; autoComplete?: string; inputMode?: 'decimal' } = {}) => {
    const id = `deal-${key}`;
    const problem = problems[opts.problemKey ?? key];
    return (
      <div className={`field${problem ? ' has-error' : ''}`}>
        <label htmlFor={id}>
          {label}
          {opts.required && <span className="muted"> (required)</span>}
        </label>
        <input
          id={id}
          type={opts.type ?? 'text'}
          value={draft[key]}
          required={opts.required}
          autoComplete={opts.autoComplete ?? 'off'}
          inputMode={opts.inputMode}
          onChange={(e) => set(key, e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={[opts.help ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
        />
        <FieldNotes id={id} help={opts.help} error={problem} />
      </div>
    );
  };

  const amountProblem = problems.amountCents ?? problems.currency;
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/deals">Deals</Link>
      </p>
      <h1>Register a deal</h1>
      <p className="lede">Four fields are enough to register the opportunity; the other details are optional.</p>
      <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-label="Register a deal" data-testid="deal-form">
        {error && error.status !== 400 && (
          <p className="form-error" role="alert">
            {error.summary}
          </p>
        )}
        <div className="form-grid">
          {field('customerCompany', 'Customer company', { required: true, autoComplete: 'organization' })}
          {field('customerDomain', 'Customer website or domain', { required: true, help: 'Such as globex.example: it is how conflicts are found.' })}
        </div>
        <div className={`field${amountProblem ? ' has-error' : ''}`}>
          <span className="label" id="deal-amount-label">
            Expected value <span className="muted">(required)</span>
          </span>
          <div className="money-row">
            <label htmlFor="deal-currency" className="visually-hidden">
              Currency
            </label>
            <select
              id="deal-currency"
              value={draft.currency}
              onChange={(e) => {
                touchedCurrency.current = true;
                set('currency', e.target.value);
              }}
              className="currency-select"
            >
              {[...new Set([draft.currency, ...CURRENCIES])].map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <input
              id="deal-amount"
              inputMode="decimal"
              autoComplete="off"
              value={draft.amount}
              placeholder="25000.00"
              onChange={(e) => {
                set('amount', e.target.value);
                setProblems((p) => {
                  const { amountCents: _a, ...rest } = p;
                  return rest;
                });
              }}
              aria-labelledby="deal-amount-label"
              aria-invalid={amountProblem ? true : undefined}
              aria-describedby={`deal-amount-help${amountProblem ? ' deal-amount-error' : ''}`}
            />
          </div>
          <p id="deal-amount-help" className="help">
            {parseMoney(draft.amount) !== undefined ? `${formatMoney(parseMoney(draft.amount)!, draft.currency)}` : 'In the currency chosen, with up to two decimals.'}
          </p>
          {amountProblem && (
            <p id="deal-amount-error" className="field-error">
              {amountProblem}
            </p>
          )}
        </div>
        <details className="optional-fields">
          <summary>More details (optional)</summary>
          <div className="form-grid">
            {field('contactName', 'Customer contact name')}
            {field('contactEmail', 'Customer contact email', { type: 'email' })}
            {field('products', 'Products', { help: 'Separated by commas.' })}
            {field('expectedCloseDate', 'Expected close date', { type: 'date' })}
          </div>
          {context.data && context.data.launches.length > 0 && (
            <div className={`field${problems.sourceLaunchId ? ' has-error' : ''}`}>
              <label htmlFor="deal-sourceLaunchId">The launch it came from</label>
              <select id="deal-sourceLaunchId" value={draft.sourceLaunchId} onChange={(e) => set('sourceLaunchId', e.target.value)}>
                <option value="">None or not sure</option>
                {context.data.launches.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.label}
                  </option>
                ))}
              </select>
              {problems.sourceLaunchId && <p className="field-error">{problems.sourceLaunchId}</p>}
            </div>
          )}
          <div className={`field${problems.notes ? ' has-error' : ''}`}>
            <label htmlFor="deal-notes">Notes</label>
            <textarea id="deal-notes" rows={3} value={draft.notes} maxLength={5000} onChange={(e) => set('notes', e.target.value)} />
            {problems.notes && <p className="field-error">{problems.notes}</p>}
          </div>
        </details>
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy} data-testid="deal-submit">
          {busy ? 'Registering…' : 'Register deal'}
        </button>
      </form>
    </section>
  );
}
