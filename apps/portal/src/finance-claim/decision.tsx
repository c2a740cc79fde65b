import { useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import type { Claim, ClaimDetail } from '../api/types';
import { useUser } from '../auth';
import { MoneyInput } from '../forms';
import { useToast } from '../toast';
import { centsToDecimal, Field, formatMoney, parseMoney, toApiError } from '../ui';

type Action = 'approve' | 'reject' | 'info' | 'paid';

/** The decision forms; only finance decides (vendor admins read). */
export function Decision({ detail, reload }: { detail: ClaimDetail; reload: () => void }) {
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
