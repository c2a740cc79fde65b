import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import type { Deal, Schemas } from '../api/types';
import { useUser } from '../auth';
import { MoneyInput, StatusAside, StatusFilter } from '../forms';
import { formatDay, type TimelineStep } from '../mdf';
import { Link } from '../router';
import { useToast } from '../toast';
import { Async, centsToDecimal, daysUntil, EmptyState, formatDate, formatDateTime, formatMoney, Pager, parseMoney, StatusBadge, toApiError, useCursorPager, useLoad, FieldNotes } from '../ui';
import { loadAll } from './catalog';
import { useTitle } from './title';

type DealDetail = Schemas['DealDetailView'];
type DealStatus = (typeof STATUSES)[number];
type RegisterBody = Schemas['RegisterDealDto'];

const PAGE_SIZE = 20;
const PROTECTION_WARNING_DAYS = 14;
const STATUSES = ['submitted', 'approved', 'rejected', 'won', 'lost', 'expired'] as const;
const STATUS_LABEL: Record<DealStatus, string> = {
  submitted: 'Waiting for approval',
  approved: 'Approved (protected)',
  rejected: 'Rejected',
  won: 'Won',
  lost: 'Lost',
  expired: 'Protection expired',
};
/** Two-decimal currencies (amounts are typed with cents). */
const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'BRL', 'MXN', 'SGD', 'INR', 'ZAR'];
/** Who may close a deal as won or lost: a deal still open. */
const CLOSABLE: readonly string[] = ['submitted', 'approved', 'expired'];

function statusLabel(status: string): string {
  return STATUS_LABEL[status as DealStatus] ?? status;
}

/** Whole days left of a protection window, and the words for it. */
function protectionText(deal: Pick<Deal, 'status' | 'protectedUntil'>): { text: string; soon: boolean } {
  if (!deal.protectedUntil) return { text: '—', soon: false };
  const days = daysUntil(deal.protectedUntil);
  if (deal.status !== 'approved') return { text: formatDate(deal.protectedUntil), soon: false };
  if (days < 0) return { text: `${formatDate(deal.protectedUntil)} (ended)`, soon: true };
  return { text: `${formatDate(deal.protectedUntil)} (${days === 0 ? 'today' : days === 1 ? 'in 1 day' : `in ${days} days`})`, soon: days <= PROTECTION_WARNING_DAYS };
}

/** The partner's registered deals, newest first, with their status and protection. */
export function DealsPage() {
  useTitle('Deals');
  const [status, setStatus] = useState<DealStatus | ''>('');
  const pager = useCursorPager();
  const { reset } = pager;
  useEffect(() => reset(), [status]);
  const state = useLoad(() => call(api.GET('/api/v1/deals', { params: { query: { limit: PAGE_SIZE, cursor: pager.cursor, ...(status ? { status } : {}) } } })), [pager.cursor, status]);
  return (
    <section className="page">
      <header className="page-header with-actions">
        <h1>Deals</h1>
        <Link to="/deals/new" className="button" data-testid="register-deal">
          Register a deal
        </Link>
      </header>
      <p className="lede">Register an opportunity early: an approved registration protects it from channel conflict for its window.</p>
      <div className="toolbar">
        <StatusFilter id="deal-status-filter" value={status} onChange={setStatus} statuses={STATUSES} labels={STATUS_LABEL} />
      </div>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>
              {status ? 'No deal has this status.' : 'You have not registered a deal yet.'} <Link to="/deals/new">Register one</Link>
            </EmptyState>
          ) : (
            <>
              <div className="table-wrap" aria-busy={state.loading}>
                <table>
                  <caption className="visually-hidden">Your deal registrations, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Customer</th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                      <th scope="col">Status</th>
                      <th scope="col">Protection ends</th>
                      <th scope="col">Registered</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((d) => {
                      const protection = protectionText(d);
                      return (
                        <tr key={d.id} data-testid={`deal-${d.id}`}>
                          <td>
                            <Link to={`/deals/${d.id}`}>{d.customerCompany}</Link>
                            <br />
                            <span className="muted">{d.customerDomain}</span>
                          </td>
                          <td className="num">{formatMoney(d.status === 'won' && d.finalAmountCents !== null ? d.finalAmountCents : d.amountCents, d.currency)}</td>
                          <td>
                            <StatusBadge status={d.status} testId={`deal-status-${d.id}`} />
                            {d.conflictFlagged && d.status === 'submitted' && <span className="tag">conflict flagged</span>}
                          </td>
                          <td className={protection.soon ? 'warning-text' : undefined}>{protection.text}</td>
                          <td>{formatDate(d.createdAt)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Deals" />
            </>
          )
        }
      </Async>
    </section>
  );
}

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

function ConflictNotice() {
  return (
    <div className="notice" role="note" data-testid="deal-conflict-notice">
      <p>
        <strong>A possible conflict was flagged.</strong> Another registration or an opportunity the vendor already works on may cover this customer.
      </p>
      <p>A channel manager reviews it before approving or rejecting; you will see the decision here. You do not need to do anything.</p>
    </div>
  );
}

function dealTimeline(deal: Deal): TimelineStep[] {
  const steps: TimelineStep[] = [{ key: 'submitted', label: 'Registered', at: deal.createdAt, detail: formatMoney(deal.amountCents, deal.currency), state: 'done' }];
  if (deal.conflictFlagged) steps.push({ key: 'conflict', label: 'Possible conflict flagged for review', at: deal.createdAt, state: 'done' });
  if (deal.approvedAt) {
    steps.push({ key: 'approved', label: 'Approved', at: deal.approvedAt, detail: deal.protectedUntil ? `Protected until ${formatDate(deal.protectedUntil)}` : undefined, state: 'done' });
  }
  switch (deal.status) {
    case 'submitted':
      steps.push({ key: 'review', label: 'Channel manager review', at: null, state: 'current' }, { key: 'close', label: 'Won or lost', at: null, state: 'upcoming' });
      break;
    case 'approved':
      steps.push({ key: 'close', label: 'Won or lost', at: null, detail: deal.protectedUntil ? `Protection ends ${formatDate(deal.protectedUntil)}` : undefined, state: 'current' });
      break;
    case 'rejected':
      steps.push({ key: 'rejected', label: 'Rejected', at: deal.updatedAt, detail: deal.rejectionReason ?? undefined, state: 'stopped' });
      break;
    case 'expired':
      steps.push(
        { key: 'expired', label: 'Protection expired', at: deal.protectedUntil, state: 'stopped' },
        { key: 'close', label: 'Won or lost', at: null, state: 'current' },
      );
      break;
    case 'won':
      steps.push({ key: 'won', label: 'Won', at: deal.closedAt, detail: deal.finalAmountCents !== null ? `${formatMoney(deal.finalAmountCents, deal.currency)} booked` : undefined, state: 'done' });
      break;
    case 'lost':
      steps.push({ key: 'lost', label: 'Lost', at: deal.closedAt, state: 'stopped' });
      break;
  }
  return steps;
}

/** One registration: where it stands, its details, and closing it won or lost. */
export function DealPage({ params }: { params: Record<string, string> }) {
  const dealId = params.id!;
  const state = useLoad(() => call(api.GET('/api/v1/deals/{id}', { params: { path: { id: dealId } } })), [dealId]);
  useTitle(state.data ? `Deal: ${state.data.customerCompany}` : 'Deal');
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/deals">Deals</Link>
      </p>
      <Async state={state}>
        {(deal) => {
          const protection = protectionText(deal);
          return (
            <>
              <header className="page-header">
                <h1>{deal.customerCompany}</h1>
                <p>
                  <StatusBadge status={deal.status} testId="deal-status" /> {statusLabel(deal.status)} · registered {formatDateTime(deal.createdAt)}
                  {deal.registrationMode === 'concierge' && <span className="muted"> by the vendor for you</span>}
                </p>
              </header>
              {deal.conflictFlagged && deal.status === 'submitted' && <ConflictNotice />}
              {deal.status === 'approved' && protection.soon && (
                <p className="notice" role="note">
                  Protection ends {protection.text}. Ask your channel manager to extend it if the deal needs longer.
                </p>
              )}
              {deal.status === 'rejected' && deal.rejectionReason && (
                <p className="notice" role="note">
                  Rejected: “{deal.rejectionReason}”
                </p>
              )}
              <div className="claim-layout">
                <div className="claim-main">
                  <section className="card" aria-labelledby="deal-facts">
                    <h2 id="deal-facts">Opportunity</h2>
                    <dl className="facts">
                      <dt>Customer</dt>
                      <dd>
                        {deal.customerCompany} <span className="muted">({deal.customerDomain})</span>
                      </dd>
                      <dt>Expected value</dt>
                      <dd>{formatMoney(deal.amountCents, deal.currency)}</dd>
                      {deal.finalAmountCents !== null && (
                        <>
                          <dt>Booked</dt>
                          <dd data-testid="deal-final-amount">{formatMoney(deal.finalAmountCents, deal.currency)}</dd>
                        </>
                      )}
                      <dt>Contact</dt>
                      <dd>{[deal.contactName, deal.contactEmail].filter(Boolean).join(', ') || '—'}</dd>
                      <dt>Products</dt>
                      <dd>{deal.products.length ? deal.products.join(', ') : '—'}</dd>
                      <dt>Expected close</dt>
                      <dd>{formatDay(deal.expectedCloseDate)}</dd>
                      <dt>Protection ends</dt>
                      <dd>{protection.text}</dd>
                      {deal.sourceLaunchId && (
                        <>
                          <dt>Came from</dt>
                          <dd>
                            <Link to={`/launches/${deal.sourceLaunchId}`}>Your launch</Link>
                          </dd>
                        </>
                      )}
                      {deal.notes && (
                        <>
                          <dt>Notes</dt>
                          <dd className="pre-line">{deal.notes}</dd>
                        </>
                      )}
                    </dl>
                    {deal.influence.length > 0 && (
                      <p className="help">
                        Your marketing touched this customer {deal.influence.length} {deal.influence.length === 1 ? 'time' : 'times'} before you registered it (leads, clicks and launches).
                      </p>
                    )}
                  </section>
                  {CLOSABLE.includes(deal.status) && <CloseDeal deal={deal} reload={state.reload} />}
                </div>
                <StatusAside headingId="deal-timeline" steps={dealTimeline(deal)} timelineLabel="Deal status timeline" />
              </div>
            </>
          );
        }}
      </Async>
    </section>
  );
}

function CloseDeal({ deal, reload }: { deal: Deal; reload: () => void }) {
  const user = useUser();
  const { notify } = useToast();
  const [amount, setAmount] = useState(() => centsToDecimal(deal.amountCents));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<'won' | 'lost' | null>(null);
  if (user.role !== 'partner_admin' && user.role !== 'partner_user') return null;

  const won = async (event: FormEvent) => {
    event.preventDefault();
    const cents = parseMoney(amount);
    if (cents === undefined) {
      setProblem('Enter the amount booked, such as 24000.00.');
      return;
    }
    setProblem(null);
    setBusy('won');
    try {
      await call(api.POST('/api/v1/deals/{id}/won', { params: { path: { id: deal.id } }, body: { finalAmountCents: cents } }));
      notify(`${deal.customerCompany} is won: ${formatMoney(cents, deal.currency)}. Congratulations!`);
      reload();
    } catch (e) {
      const err = toApiError(e);
      setProblem(err.fieldMessage('finalAmountCents') ?? null);
      notify(err.summary, 'error');
    } finally {
      setBusy(null);
    }
  };

  const lost = async () => {
    if (!window.confirm(`Record ${deal.customerCompany} as lost? This closes the registration.`)) return;
    setBusy('lost');
    try {
      await call(api.POST('/api/v1/deals/{id}/lost', { params: { path: { id: deal.id } } }));
      notify(`${deal.customerCompany} is recorded as lost.`);
      reload();
    } catch (e) {
      notify(toApiError(e).summary, 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby="close-deal">
      <h2 id="close-deal">Close the deal</h2>
      <form onSubmit={(e) => void won(e)} noValidate aria-label="Record the deal as won">
        <MoneyInput
          id="deal-final-amount-input"
          label={`Amount booked (${deal.currency})`}
          currency={deal.currency}
          value={amount}
          onChange={(text) => setAmount(text)}
          help="What the customer actually bought; it counts towards MDF returns and your tier."
          error={problem}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy !== null} aria-busy={busy === 'won'} data-testid="deal-won">
            {busy === 'won' ? 'Saving…' : 'Record as won'}
          </button>
          <button type="button" className="button danger" disabled={busy !== null} aria-busy={busy === 'lost'} onClick={() => void lost()} data-testid="deal-lost">
            {busy === 'lost' ? 'Saving…' : 'Record as lost'}
          </button>
        </div>
      </form>
    </section>
  );
}
