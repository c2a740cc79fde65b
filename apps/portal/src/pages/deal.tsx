import { useState, type FormEvent } from 'react';
import { api, call } from '../api/client';
import type { Deal } from '../api/types';
import { useUser } from '../auth';
import { ConflictNotice } from '../deals/conflict-notice';
import { CLOSABLE, protectionText, statusLabel } from '../deals/deal-status';
import { MoneyInput, StatusAside } from '../forms';
import { formatDay, type TimelineStep } from '../mdf';
import { Link } from '../router';
import { useToast } from '../toast';
import { Async, centsToDecimal, formatDate, formatDateTime, formatMoney, parseMoney, StatusBadge, toApiError, useLoad } from '../ui';
import { useTitle } from './title';

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
