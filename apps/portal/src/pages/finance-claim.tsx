import { useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import type { AuditRecord, Claim, ClaimDetail, FundAccountLedger, LedgerEntry, LedgerKind } from '../api/types';
import { useUser } from '../auth';
import { MoneyInput, StatusAside } from '../forms';
import { activityLabel, AmountsBlock, AmountStats, claimTimeline, fileLabel, formatDay, formatDayRange, ProofPackButton } from '../mdf';
import { fileSize } from '../partner-upload';
import { Link } from '../router';
import { useToast } from '../toast';
import { Async, centsToDecimal, EmptyState, Field, formatDate, formatDateTime, formatMoney, parseMoney, StatusBadge, toApiError, useLoad } from '../ui';
import { useTitle } from './title';

const LEDGER_ROWS = 12;
const LEDGER_KIND_LABELS: Record<LedgerKind, string> = { allocate: 'Allocated', reserve: 'Reserved', release: 'Released', settle: 'Settled', expire: 'Expired', adjust: 'Adjusted' };

interface Loaded {
  detail: ClaimDetail;
  ledger: FundAccountLedger | null;
  events: AuditRecord[] | null;
}

/** One claim on one screen: what finance needs to decide it, the decision, and the payment. */
export function FinanceClaimPage({ params }: { params: Record<string, string> }) {
  const claimId = params.claimId!;
  const state = useLoad(async (): Promise<Loaded> => {
    const detail = await call(api.GET('/api/v1/mdf/claims/{id}', { params: { path: { id: claimId } } }));
    // The ledger and the history add to the decision; the claim stays reviewable without them.
    const [ledger, events] = await Promise.all([
      call(api.GET('/api/v1/mdf/accounts/{id}', { params: { path: { id: detail.request.accountId } } })).catch(() => null),
      call(api.GET('/api/v1/audit', { params: { query: { entityType: 'mdf_claim', entityId: claimId, limit: 200 } } }))
        .then((page) => page.items)
        .catch(() => null),
    ]);
    return { detail, ledger, events };
  }, [claimId]);
  useTitle(state.data ? `Claim of ${state.data.detail.partnerName}` : 'MDF claim');
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/finance">MDF claims</Link>
      </p>
      <Async state={state}>{(data) => <ClaimReview data={data} reload={state.reload} />}</Async>
    </section>
  );
}

function ClaimReview({ data, reload }: { data: Loaded; reload: () => void }) {
  const { detail, ledger, events } = data;
  const { claim, request, returns } = detail;
  const steps = claimTimeline(claim, events, 'finance');
  return (
    <>
      <header className="page-header">
        <h1>
          {detail.partnerName}: {activityLabel(request.activityType).toLowerCase()}
        </h1>
        <p>
          <StatusBadge status={claim.status} testId="claim-status" /> submitted {formatDateTime(claim.submittedAt)}
        </p>
      </header>
      <div className="claim-layout">
        <div className="claim-main">
          <AmountsBlock
            currency={claim.currency}
            items={[
              { label: 'Approved request', cents: request.approvedCents ?? 0 },
              { label: 'Actual spend', cents: claim.actualSpendCents },
              { label: 'Reimbursable up to', cents: detail.capCents },
              claim.approvedCents !== null && { label: 'Approved', cents: claim.approvedCents },
            ]}
            note={`The cap is the lower of the approved request and ${detail.reimbursementPct} % (the partner’s tier) of the actual spend.`}
          />

          <section className="card" aria-labelledby="claim-request">
            <h2 id="claim-request">Request</h2>
            <dl className="facts">
              <dt>Activity</dt>
              <dd>{activityLabel(request.activityType)}</dd>
              <dt>Description</dt>
              <dd>{request.description}</dd>
              <dt>Dates</dt>
              <dd>{formatDayRange(request)}</dd>
              <dt>Planned cost</dt>
              <dd>{formatMoney(request.plannedCostCents, request.currency)}</dd>
              <dt>Requested</dt>
              <dd>{formatMoney(request.requestedCents, request.currency)}</dd>
              <dt>Approved</dt>
              <dd>
                {request.approvedCents === null ? '—' : formatMoney(request.approvedCents, request.currency)} {request.decidedAt && <span className="muted">on {formatDate(request.decidedAt)}</span>}
              </dd>
              <dt>Expected pipeline</dt>
              <dd>{formatMoney(request.expectedPipelineCents, request.currency)}</dd>
            </dl>
          </section>

          <section className="card" aria-labelledby="claim-files">
            <h2 id="claim-files">Invoices and proof</h2>
            {detail.files.length === 0 ? (
              <EmptyState>No file is attached.</EmptyState>
            ) : (
              <ul className="plain">
                {detail.files.map((f) => (
                  <li key={f.id}>
                    <a href={f.url} download>
                      {fileLabel(detail.files, f)}
                    </a>{' '}
                    <span className="muted">
                      {fileType(f.contentType)}, {fileSize(f.bytes)}, uploaded {formatDate(f.createdAt)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <p>
              <ProofPackButton claimId={claim.id} />
            </p>
            <p className="help">Download links are valid for a few minutes; reload the page for fresh ones.</p>
          </section>

          <section className="card" aria-labelledby="claim-deals">
            <h2 id="claim-deals">Linked deals and return</h2>
            {detail.deals.length === 0 ? (
              <EmptyState>The partner linked no registered deal to this claim.</EmptyState>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Customer</th>
                      <th scope="col">Status</th>
                      <th scope="col">Registered</th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {detail.deals.map((d) => (
                      <tr key={d.id}>
                        <td>{d.customerCompany}</td>
                        <td>
                          <StatusBadge status={d.status} />
                        </td>
                        <td>{formatDate(d.createdAt)}</td>
                        <td className="num">
                          {formatMoney(d.status === 'won' ? (d.finalAmountCents ?? d.amountCents) : d.amountCents, d.currency)}
                          {d.status === 'won' && d.finalAmountCents !== null && d.finalAmountCents !== d.amountCents && <span className="muted"> (registered {formatMoney(d.amountCents, d.currency)})</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <AmountStats
              small
              currency={claim.currency}
              items={[
                { label: 'Open pipeline', cents: returns.pipelineCents },
                { label: 'Won revenue', cents: returns.wonCents },
                { label: claim.approvedCents === null ? 'Reimbursement (cap)' : 'Reimbursement', cents: returns.reimbursementCents },
                { label: 'Return', text: returns.returnRatio === null ? '—' : `${returns.returnRatio.toFixed(2)} ×` },
              ]}
            />
            <p className="help">Return is open pipeline plus won revenue per unit reimbursed, in {claim.currency}; deals in another currency are left out.</p>
          </section>

          <LedgerPosition ledger={ledger} claim={claim} />
        </div>

        <StatusAside
          label="Status and decision"
          headingId="claim-timeline"
          steps={steps}
          timelineLabel="Claim status timeline"
          note={
            claim.paymentReference && (
              <p className="help">
                Paid {formatDay(claim.paidOn)}, reference <strong>{claim.paymentReference}</strong>.
              </p>
            )
          }
        >
          <Decision detail={detail} reload={reload} />
        </StatusAside>
      </div>
    </>
  );
}

function LedgerPosition({ ledger, claim }: { ledger: FundAccountLedger | null; claim: Claim }) {
  if (!ledger) {
    return (
      <section className="card" aria-labelledby="claim-ledger">
        <h2 id="claim-ledger">Fund account</h2>
        <p className="muted">The partner’s fund account could not be loaded.</p>
      </section>
    );
  }
  const { account, entries } = ledger;
  const recent = [...entries].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, LEDGER_ROWS);
  const tag = (e: LedgerEntry) => (e.claimId === claim.id ? 'this claim' : e.requestId === claim.requestId ? 'this request' : null);
  return (
    <section className="card" aria-labelledby="claim-ledger">
      <h2 id="claim-ledger">Fund account</h2>
      <AmountStats
        small
        currency={account.currency}
        items={[
          { label: 'Allocated', cents: account.allocatedCents + account.adjustedCents },
          { label: 'Reserved', cents: account.reservedCents },
          { label: 'Settled', cents: account.settledCents },
          { label: 'Expired', cents: account.expiredCents },
          { label: 'Available', cents: account.availableCents },
        ]}
      />
      {recent.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Latest ledger entries</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Entry</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {recent.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.createdAt)}</td>
                  <td>
                    {LEDGER_KIND_LABELS[e.kind]}
                    {e.reason && <span className="muted"> · {e.reason}</span>}
                    {tag(e) && <span className="tag">{tag(e)}</span>}
                  </td>
                  <td className="num">{formatMoney(e.amountCents, e.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {entries.length > LEDGER_ROWS && <p className="help">The latest {LEDGER_ROWS} of {entries.length} entries.</p>}
    </section>
  );
}

type Action = 'approve' | 'reject' | 'info' | 'paid';

/** The decision forms; only finance decides (vendor admins read). */
function Decision({ detail, reload }: { detail: ClaimDetail; reload: () => void }) {
  const user = useUser();
  const { notify } = useToast();
  const { claim, capCents } = detail;
  const [amount, setAmount] = useState(() => centsToDecimal(capCents));
  const [approveNote, setApproveNote] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const [reference, setReference] = useState('');
  const [paidOn, setPaidOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<{ action: Action; error: ApiError } | null>(null);
  const [amountProblem, setAmountProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState('');

  const path = { params: { path: { id: claim.id } } };
  const run = async (action: Action, request: () => Promise<Claim>, done: (c: Claim) => string) => {
    setBusy(action);
    setError(null);
    try {
      const updated = await request();
      const text = done(updated);
      setOutcome(text);
      notify(text);
      reload();
    } catch (e) {
      const apiError = toApiError(e);
      setError({ action, error: apiError });
      notify(apiError.summary, 'error');
    } finally {
      setBusy(null);
    }
  };

  const errorOf = (action: Action, field?: string): string | undefined => {
    if (error?.action !== action) return undefined;
    if (field) return error.error.fieldMessage(field);
    return Object.keys(error.error.fields).length > 0 ? undefined : error.error.summary;
  };

  if (user.role !== 'finance') {
    return (
      <section className="card" aria-labelledby="decision">
        <h2 id="decision">Decision</h2>
        <p className="muted">Only finance approves, rejects and pays claims; you can read them.</p>
      </section>
    );
  }
  if (claim.submittedBy === user.id) {
    return (
      <section className="card" aria-labelledby="decision">
        <h2 id="decision">Decision</h2>
        <p className="muted">You submitted this claim; someone else in finance must decide it.</p>
      </section>
    );
  }

  const approve = (event: FormEvent) => {
    event.preventDefault();
    const cents = parseMoney(amount);
    if (cents === undefined || cents < 1) return setAmountProblem('Enter an amount such as 1250.00.');
    if (cents > capCents) return setAmountProblem(`At most ${formatMoney(capCents, claim.currency)} can be reimbursed.`);
    setAmountProblem(null);
    void run(
      'approve',
      () => call(api.POST('/api/v1/mdf/claims/{id}/approve', { ...path, body: { amountCents: cents, ...(approveNote.trim() ? { note: approveNote.trim() } : {}) } })),
      (c) => `Claim approved: ${formatMoney(c.approvedCents ?? cents, c.currency)} to reimburse.`,
    );
  };
  const reject = (event: FormEvent) => {
    event.preventDefault();
    void run('reject', () => call(api.POST('/api/v1/mdf/claims/{id}/reject', { ...path, body: { note: reason.trim() } })), () => 'Claim rejected; its reserved funds are back with the partner.');
  };
  const askInfo = (event: FormEvent) => {
    event.preventDefault();
    void run('info', () => call(api.POST('/api/v1/mdf/claims/{id}/request-info', { ...path, body: { note: message.trim() } })), () => 'Information requested; the claim waits for the partner.');
  };
  const markPaid = (event: FormEvent) => {
    event.preventDefault();
    void run(
      'paid',
      () => call(api.POST('/api/v1/mdf/claims/{id}/mark-paid', { ...path, body: { paymentReference: reference.trim(), paidOn } })),
      (c) => `Claim marked paid (${c.paymentReference ?? reference.trim()}).`,
    );
  };

  const amountError = amountProblem ?? errorOf('approve', 'amountCents');
  return (
    <section className="card" aria-labelledby="decision">
      <h2 id="decision">Decision</h2>
      <p className="visually-hidden" role="status" aria-live="polite">
        {outcome}
      </p>
      {claim.status === 'submitted' && (
        <>
          <form onSubmit={approve} noValidate>
            <MoneyInput
              id="approve-amount"
              label={`Amount to reimburse (${claim.currency})`}
              currency={claim.currency}
              value={amount}
              onChange={(text) => {
                setAmount(text);
                setAmountProblem(null);
              }}
              help={`Up to ${formatMoney(capCents, claim.currency)}. Settled on the partner’s fund; the rest of the reservation is released.`}
              error={amountError}
              testId="approve-amount"
            />
            <div className="field">
              <label htmlFor="approve-note">Note (optional)</label>
              <input id="approve-note" value={approveNote} maxLength={2000} onChange={(e) => setApproveNote(e.target.value)} />
            </div>
            {errorOf('approve') && <p className="form-error">{errorOf('approve')}</p>}
            <button type="submit" className="button" disabled={busy !== null} aria-busy={busy === 'approve'} data-testid="approve-claim">
              {busy === 'approve' ? 'Approving…' : 'Approve'}
            </button>
          </form>

          <details className="decision-more">
            <summary>Ask for information</summary>
            <form onSubmit={askInfo}>
              <NoteField id="info-message" label="Message to the partner" help="What is missing; the partner changes the claim and sends it back." value={message} onChange={setMessage} error={errorOf('info', 'note')} testId="request-info-message" />
              {errorOf('info') && <p className="form-error">{errorOf('info')}</p>}
              <button type="submit" className="button secondary" disabled={busy !== null || message.trim().length < 3} aria-busy={busy === 'info'} data-testid="request-info">
                {busy === 'info' ? 'Sending…' : 'Ask for information'}
              </button>
            </form>
          </details>

          <details className="decision-more">
            <summary>Reject</summary>
            <form onSubmit={reject}>
              <NoteField id="reject-reason" label="Reason" help="The partner sees it. The reserved funds go back to the partner’s available balance." value={reason} onChange={setReason} error={errorOf('reject', 'note')} testId="reject-reason" />
              {errorOf('reject') && <p className="form-error">{errorOf('reject')}</p>}
              <button type="submit" className="button danger" disabled={busy !== null || reason.trim().length < 3} aria-busy={busy === 'reject'} data-testid="reject-claim">
                {busy === 'reject' ? 'Rejecting…' : 'Reject claim'}
              </button>
            </form>
          </details>
        </>
      )}
      {claim.status === 'approved' && (
        <form onSubmit={markPaid}>
          <p>
            Approved {formatMoney(claim.approvedCents ?? 0, claim.currency)}; record the payment once it is made.
          </p>
          <div className={`field${errorOf('paid', 'paymentReference') ? ' has-error' : ''}`}>
            <label htmlFor="paid-reference">Payment reference</label>
            <input id="paid-reference" value={reference} maxLength={200} required onChange={(e) => setReference(e.target.value)} placeholder="WIRE-2027-0042" data-testid="paid-reference" />
            {errorOf('paid', 'paymentReference') && <p className="field-error">{errorOf('paid', 'paymentReference')}</p>}
          </div>
          <div className={`field${errorOf('paid', 'paidOn') ? ' has-error' : ''}`}>
            <label htmlFor="paid-on">Paid on</label>
            <input id="paid-on" type="date" value={paidOn} required onChange={(e) => setPaidOn(e.target.value)} data-testid="paid-on" />
            {errorOf('paid', 'paidOn') && <p className="field-error">{errorOf('paid', 'paidOn')}</p>}
          </div>
          {errorOf('paid') && <p className="form-error">{errorOf('paid')}</p>}
          <button type="submit" className="button" disabled={busy !== null || !reference.trim() || !paidOn} aria-busy={busy === 'paid'} data-testid="mark-paid">
            {busy === 'paid' ? 'Saving…' : 'Mark paid'}
          </button>
        </form>
      )}
      {claim.status === 'info_requested' && <p className="muted">Waiting for the partner to answer: “{claim.reviewNote}”.</p>}
      {claim.status === 'rejected' && <p className="muted">Rejected{claim.reviewNote ? `: “${claim.reviewNote}”` : ''}.</p>}
      {claim.status === 'paid' && <p className="muted">Paid; nothing left to do.</p>}
    </section>
  );
}

function NoteField({ id, label, help, value, onChange, error, testId }: { id: string; label: string; help: string; value: string; onChange: (v: string) => void; error?: string; testId: string }) {
  return (
    <Field id={id} label={label} help={`${help} At least 3 characters.`} error={error}>
      {(describedBy, invalid) => (
        <textarea id={id} rows={3} minLength={3} maxLength={2000} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} data-testid={testId} />
      )}
    </Field>
  );
}

function fileType(contentType: string): string {
  return contentType === 'application/pdf' ? 'PDF' : contentType.replace('image/', '').toUpperCase();
}
