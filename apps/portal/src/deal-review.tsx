import { useState, type FormEvent } from 'react';
import { api, call } from './api/client';
import type { Deal, Schemas } from './api/types';
import { useToast } from './toast';
import { DAY_MS, Field, formatDate, formatMoney, StatusBadge, toApiError } from './ui';
import { formatDay } from './mdf';

type DealConflict = Schemas['DealConflictView'];
type VendorOpportunity = Schemas['VendorOpportunityView'];

/** The API's default protection window (libs/deals DEFAULT_PROTECTION_DAYS); the approve form starts from it. */
export const DEFAULT_PROTECTION_DAYS = 90;
export const MAX_PROTECTION_DAYS = 365;

/** Why the registration collided with the other one, in words. */
export function whyMatched(deal: Deal, conflict: DealConflict): string {
  const other = conflict.deal ?? conflict.vendorOpportunity;
  if (conflict.matchedOn === 'domain') return `Same customer domain: ${deal.customerDomain}${other && other.customerDomain !== deal.customerDomain ? ` and ${other.customerDomain}` : ''}.`;
  return `Company names match ${Math.round(conflict.similarity * 100)} %: “${deal.customerCompany}” and “${other?.customerCompany ?? '?'}” (legal forms ignored).`;
}

function amount(cents: number | null, currency: string | null): string {
  return cents === null || !currency ? '—' : formatMoney(cents, currency);
}

/** The registration and what it conflicts with, side by side, with why they matched. */
export function ConflictCompare({ deal, conflict }: { deal: Deal; conflict: DealConflict }) {
  const other = conflict.deal;
  const opportunity = conflict.vendorOpportunity;
  const domainMatch = conflict.matchedOn === 'domain';
  return (
    <div className="compare-block">
      <p className="why-matched">
        <strong>Why it matched:</strong> {whyMatched(deal, conflict)}
      </p>
      <div className="compare">
        <section className="compare-side" aria-label="This registration">
          <h4>This registration</h4>
          <DealFacts deal={deal} highlight={domainMatch ? 'domain' : 'company'} />
        </section>
        {other ? (
          <section className="compare-side other" aria-label={`Conflicts with ${other.partnerName}’s registration`}>
            <h4>Conflicts with</h4>
            <DealFacts deal={other} highlight={domainMatch ? 'domain' : 'company'} />
          </section>
        ) : opportunity ? (
          <section className="compare-side other" aria-label="Conflicts with a vendor opportunity">
            <h4>Conflicts with a vendor opportunity</h4>
            <OpportunityFacts opportunity={opportunity} highlight={domainMatch ? 'domain' : 'company'} />
          </section>
        ) : (
          <section className="compare-side other">
            <h4>Conflicts with</h4>
            <p className="muted">The other record is no longer available.</p>
          </section>
        )}
      </div>
    </div>
  );
}

function Mark({ on, children }: { on: boolean; children: string }) {
  return on ? <mark title="This is what matched">{children}</mark> : <>{children}</>;
}

export function DealFacts({ deal, highlight }: { deal: Deal; highlight?: 'domain' | 'company' }) {
  return (
    <dl className="facts compact-facts">
      <dt>Partner</dt>
      <dd>
        {deal.partnerName}
        {deal.registrationMode === 'concierge' && <span className="tag">registered for them</span>}
      </dd>
      <dt>Company</dt>
      <dd>
        <Mark on={highlight === 'company'}>{deal.customerCompany}</Mark>
      </dd>
      <dt>Domain</dt>
      <dd>
        <Mark on={highlight === 'domain'}>{deal.customerDomain}</Mark>
      </dd>
      <dt>Amount</dt>
      <dd className="money">{formatMoney(deal.amountCents, deal.currency)}</dd>
      <dt>Registered</dt>
      <dd>{formatDate(deal.createdAt)}</dd>
      <dt>Expected close</dt>
      <dd>{formatDay(deal.expectedCloseDate)}</dd>
      <dt>Status</dt>
      <dd>
        <StatusBadge status={deal.status} />
        {deal.status === 'approved' && deal.protectedUntil && <span className="muted"> protected until {formatDate(deal.protectedUntil)}</span>}
      </dd>
      {deal.products.length > 0 && (
        <>
          <dt>Products</dt>
          <dd>{deal.products.join(', ')}</dd>
        </>
      )}
    </dl>
  );
}

function OpportunityFacts({ opportunity: o, highlight }: { opportunity: VendorOpportunity; highlight: 'domain' | 'company' }) {
  return (
    <dl className="facts compact-facts">
      <dt>Owner</dt>
      <dd>{o.ownerName ?? 'Vendor sales'}</dd>
      <dt>Company</dt>
      <dd>
        <Mark on={highlight === 'company'}>{o.customerCompany}</Mark>
      </dd>
      <dt>Domain</dt>
      <dd>
        <Mark on={highlight === 'domain'}>{o.customerDomain}</Mark>
      </dd>
      <dt>Amount</dt>
      <dd className="money">{amount(o.amountCents, o.currency)}</dd>
      <dt>Created</dt>
      <dd>{formatDate(o.createdAt)}</dd>
      <dt>Status</dt>
      <dd>
        <StatusBadge status={o.status} />
        {o.externalId && <span className="muted"> CRM id {o.externalId}</span>}
      </dd>
    </dl>
  );
}

type Action = 'approve' | 'reject';

/** Approve with a protection window, or reject with a reason the partner sees. */
export function DealDecision({ deal, onDecided, idPrefix }: { deal: Deal; onDecided: (deal: Deal) => void; idPrefix: string }) {
  const { notify } = useToast();
  const [days, setDays] = useState(String(DEFAULT_PROTECTION_DAYS));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<{ action: Action; text: string; field?: string } | null>(null);
  const [outcome, setOutcome] = useState('');
  const path = { params: { path: { id: deal.id } } };
  const parsedDays = /^\d+$/.test(days.trim()) ? Number(days.trim()) : NaN;
  const daysProblem = Number.isInteger(parsedDays) && parsedDays >= 1 && parsedDays <= MAX_PROTECTION_DAYS ? undefined : `Enter whole days from 1 to ${MAX_PROTECTION_DAYS}.`;

  const run = async (action: Action, request: () => Promise<Deal>, done: (d: Deal) => string) => {
    setBusy(action);
    setError(null);
    try {
      const decided = await request();
      const text = done(decided);
      setOutcome(text);
      notify(text);
      onDecided(decided);
    } catch (e) {
      const apiError = toApiError(e);
      const field = action === 'approve' ? apiError.fieldMessage('protectionDays') : apiError.fieldMessage('reason');
      setError({ action, text: field ?? apiError.summary, field: field ? (action === 'approve' ? 'protectionDays' : 'reason') : undefined });
      notify(apiError.summary, 'error');
    } finally {
      setBusy(null);
    }
  };

  const approve = (event: FormEvent) => {
    event.preventDefault();
    if (daysProblem) return setError({ action: 'approve', text: daysProblem, field: 'protectionDays' });
    void run(
      'approve',
      () => call(api.POST('/api/v1/deals/{id}/approve', { ...path, body: { protectionDays: parsedDays } })),
      (d) => `${d.partnerName}’s registration for ${d.customerCompany} is approved${d.protectedUntil ? `, protected until ${formatDate(d.protectedUntil)}` : ''}.`,
    );
  };
  const reject = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setError({ action: 'reject', text: 'Give the partner a reason.', field: 'reason' });
    void run('reject', () => call(api.POST('/api/v1/deals/{id}/reject', { ...path, body: { reason: reason.trim() } })), (d) => `${d.partnerName}’s registration for ${d.customerCompany} is rejected.`);
  };

  const fieldError = (action: Action, field: string) => (error?.action === action && error.field === field ? error.text : undefined);
  const formError = (action: Action) => (error?.action === action && !error.field ? error.text : undefined);
  const until = daysProblem ? null : new Date(Date.now() + parsedDays * DAY_MS).toISOString();
  return (
    <div className="deal-decision">
      <p className="visually-hidden" role="status" aria-live="polite">
        {outcome}
      </p>
      <form onSubmit={approve} noValidate className="decision-form">
        <Field id={`${idPrefix}-days`} label="Protection (days)" help={until ? `Protected from conflict until ${formatDate(until)}.` : undefined} error={fieldError('approve', 'protectionDays')}>
          {(describedBy, invalid) => (
            <input
              id={`${idPrefix}-days`}
              className="narrow"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_PROTECTION_DAYS}
              value={days}
              onChange={(e) => {
                setDays(e.target.value);
                if (error?.action === 'approve') setError(null);
              }}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              data-testid="protection-days"
            />
          )}
        </Field>
        {formError('approve') && <p className="form-error">{formError('approve')}</p>}
        <button type="submit" className="button" disabled={busy !== null} aria-busy={busy === 'approve'} data-testid="approve-deal">
          {busy === 'approve' ? 'Approving…' : 'Approve'}
        </button>
      </form>
      <form onSubmit={reject} noValidate className="decision-form">
        <Field id={`${idPrefix}-reason`} label="Reason to reject" help="The partner sees it." error={fieldError('reject', 'reason')}>
          {(describedBy, invalid) => (
            <textarea
              id={`${idPrefix}-reason`}
              rows={2}
              maxLength={1000}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                if (error?.action === 'reject') setError(null);
              }}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              data-testid="reject-reason"
            />
          )}
        </Field>
        {formError('reject') && <p className="form-error">{formError('reject')}</p>}
        <button type="submit" className="button danger" disabled={busy !== null} aria-busy={busy === 'reject'} data-testid="reject-deal">
          {busy === 'reject' ? 'Rejecting…' : 'Reject'}
        </button>
      </form>
    </div>
  );
}
