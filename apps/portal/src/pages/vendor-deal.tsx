import { useState, type FormEvent } from 'react';
import { api, call } from '../api/client';
import type { Schemas } from '../api/types';
import { useUser } from '../auth';
import { ConflictCompare, DealDecision, DEFAULT_PROTECTION_DAYS, MAX_PROTECTION_DAYS } from '../deal-review';
import { formatDay } from '../mdf';
import { Link } from '../router';
import { useToast } from '../toast';
import { Async, EmptyState, Field, formatDate, formatDateTime, formatMoney, StatusBadge, toApiError, useLoad } from '../ui';
import { DEAL_DECIDERS, ReadOnlyNote } from '../vendor-ui';
import { useTitle } from './title';

type DealDetail = Schemas['DealDetailView'];

const INFLUENCE_LABELS: Record<string, string> = { lead: 'Lead captured', click: 'Link clicked', launch: 'Launch' };

/** One registration: what was registered, what it conflicts with side by side, the marketing that touched it, the decision. */
export function VendorDealPage({ params }: { params: Record<string, string> }) {
  const dealId = params.id!;
  const deal = useLoad(() => call(api.GET('/api/v1/deals/{id}', { params: { path: { id: dealId } } })), [dealId]);
  useTitle(deal.data ? `${deal.data.customerCompany} (${deal.data.partnerName})` : 'Deal registration');
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/vendor/deals">Deal registrations</Link>
      </p>
      <Async state={deal}>{(data) => <DealView deal={data} reload={deal.reload} />}</Async>
    </section>
  );
}

function DealView({ deal, reload }: { deal: DealDetail; reload: () => void }) {
  const user = useUser();
  const decider = DEAL_DECIDERS.includes(user.role);
  const conflicts = deal.conflicts ?? [];
  return (
    <>
      <header className="page-header">
        <h1>
          {deal.customerCompany} <span className="muted">by {deal.partnerName}</span>
        </h1>
        <p>
          <StatusBadge status={deal.status} testId="deal-status" /> registered {formatDateTime(deal.createdAt)}
          {deal.registrationMode === 'concierge' && ' by a channel manager for the partner'}
          {deal.registrationMode === 'import' && ' by import'}
        </p>
      </header>
      {!decider && <ReadOnlyNote user={user} who="channel managers and vendor admins" />}
      <div className="claim-layout">
        <div className="claim-main">
          {deal.conflictFlagged && (
            <section className="card" aria-labelledby="deal-conflicts" data-testid={`conflict-${deal.id}`}>
              <h2 id="deal-conflicts">Conflicts</h2>
              {conflicts.length === 0 ? <EmptyState>Flagged on submission; what it collided with has since been resolved.</EmptyState> : conflicts.map((c) => <ConflictCompare key={c.id} deal={deal} conflict={c} />)}
            </section>
          )}
          <section className="card" aria-labelledby="deal-registration">
            <h2 id="deal-registration">Registration</h2>
            <dl className="facts">
              <dt>Customer</dt>
              <dd>{deal.customerCompany}</dd>
              <dt>Domain</dt>
              <dd>{deal.customerDomain}</dd>
              <dt>Contact</dt>
              <dd>{[deal.contactName, deal.contactEmail].filter(Boolean).join(', ') || <span className="muted">None given</span>}</dd>
              <dt>Products</dt>
              <dd>{deal.products.length > 0 ? deal.products.join(', ') : <span className="muted">None given</span>}</dd>
              <dt>Amount</dt>
              <dd className="money">
                {formatMoney(deal.amountCents, deal.currency)}
                {deal.finalAmountCents !== null && <span className="muted"> (won: {formatMoney(deal.finalAmountCents, deal.currency)})</span>}
              </dd>
              <dt>Expected close</dt>
              <dd>{formatDay(deal.expectedCloseDate)}</dd>
              <dt>Notes</dt>
              <dd>{deal.notes || <span className="muted">None</span>}</dd>
              <dt>Source</dt>
              <dd>{deal.sourceLaunchId ? <Link to={`/launches/${deal.sourceLaunchId}`}>The partner’s launch</Link> : <span className="muted">Not given</span>}</dd>
            </dl>
          </section>
          <section className="card" aria-labelledby="deal-influence">
            <h2 id="deal-influence">Marketing that touched it</h2>
            {deal.influence.length === 0 ? (
              <EmptyState>No lead, click or launch of the partner touched this customer before registration.</EmptyState>
            ) : (
              <ul className="plain">
                {deal.influence.map((i) => (
                  <li key={`${i.kind}:${i.id}`}>
                    {INFLUENCE_LABELS[i.kind] ?? i.kind} <span className="muted">{formatDateTime(i.touchedAt)}</span>
                    {i.launchId && (
                      <>
                        {' '}
                        · <Link to={`/launches/${i.launchId}`}>launch</Link>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <aside className="claim-side" aria-label="Decision">
          <section className="card" aria-labelledby="deal-decision">
            <h2 id="deal-decision">Decision</h2>
            {deal.status === 'submitted' ? (
              decider ? (
                <DealDecision deal={deal} onDecided={reload} idPrefix="deal" />
              ) : (
                <p className="muted">Waiting for a channel manager.</p>
              )
            ) : (
              <Outcome deal={deal} reload={reload} decider={decider} />
            )}
          </section>
        </aside>
      </div>
    </>
  );
}

function Outcome({ deal, reload, decider }: { deal: DealDetail; reload: () => void; decider: boolean }) {
  return (
    <>
      <p>
        <StatusBadge status={deal.status} />
        {deal.approvedAt && <span className="muted"> approved {formatDate(deal.approvedAt)}</span>}
      </p>
      {deal.protectedUntil && deal.status === 'approved' && <p>Protected from conflict until {formatDateTime(deal.protectedUntil)}.</p>}
      {deal.rejectionReason && <p>Reason given: “{deal.rejectionReason}”</p>}
      {deal.closedAt && <p>Closed {formatDate(deal.closedAt)}.</p>}
      {deal.status === 'approved' && decider && <ExtendProtection deal={deal} reload={reload} />}
    </>
  );
}

function ExtendProtection({ deal, reload }: { deal: DealDetail; reload: () => void }) {
  const { notify } = useToast();
  const [days, setDays] = useState(String(DEFAULT_PROTECTION_DAYS));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const n = /^\d+$/.test(days.trim()) ? Number(days.trim()) : NaN;
    if (!(n >= 1 && n <= MAX_PROTECTION_DAYS)) return setError(`Enter whole days from 1 to ${MAX_PROTECTION_DAYS}.`);
    setBusy(true);
    setError(undefined);
    try {
      const updated = await call(api.POST('/api/v1/deals/{id}/extend', { params: { path: { id: deal.id } }, body: { days: n } }));
      notify(`Protection extended until ${formatDate(updated.protectedUntil)}.`);
      reload();
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.fieldMessage('days') ?? apiError.summary);
      notify(apiError.summary, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="decision-more">
      <Field id="extend-days" label="Extend protection by (days)" error={error}>
        {(describedBy, invalid) => <input id="extend-days" className="narrow" type="number" min={1} max={MAX_PROTECTION_DAYS} value={days} onChange={(e) => setDays(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <button type="submit" className="button secondary" disabled={busy} aria-busy={busy}>
        {busy ? 'Extending…' : 'Extend protection'}
      </button>
    </form>
  );
}
