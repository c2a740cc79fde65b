import { useState, type ReactNode } from 'react';
import { api, call } from './api/client';
import type { AuditRecord, Claim, MdfFile, MdfProgram, MdfRequest } from './api/types';
import { useToast } from './toast';
import { DAY_MS, formatDate, formatDateTime, formatMoney, toApiError } from './ui';

/** What partners and finance see of MDF: labels, claim deadlines and a claim's status timeline. */

export function activityLabel(activityType: string): string {
  const label = activityType.replace(/_/g, ' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** The last day a request's activity may be claimed: its end plus the program's claim window (the API's rule). */
export function claimDeadline(request: Pick<MdfRequest, 'endsOn'>, program: Pick<MdfProgram, 'claimDeadlineDays'> | undefined): string {
  const days = program?.claimDeadlineDays ?? 60;
  return new Date(Date.parse(`${request.endsOn}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from today to a date-only deadline (0 on the day itself, negative once it has passed). */
export function daysLeft(dateOnly: string, now = new Date()): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${dateOnly}T00:00:00Z`) - today) / DAY_MS);
}

/** A date-only value (YYYY-MM-DD) shown as that calendar day wherever the reader is. */
export function formatDay(dateOnly: string | null | undefined): string {
  if (!dateOnly) return '—';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${dateOnly.slice(0, 10)}T00:00:00Z`));
}

/** An activity's dates: one day, or its first to its last. */
export function formatDayRange(range: Pick<MdfRequest, 'startsOn' | 'endsOn'>): string {
  return range.startsOn === range.endsOn ? formatDay(range.startsOn) : `${formatDay(range.startsOn)} to ${formatDay(range.endsOn)}`;
}

/** One figure of an amounts block: money in the block's currency, or a text (a ratio, "—"). */
export type AmountItem = { label: string; cents: number } | { label: string; text: string };

/** Figures side by side; `false` items are left out, so a figure can depend on the status. */
export function AmountStats({ items, currency, small = false, className }: { items: (AmountItem | false)[]; currency: string; small?: boolean; className?: string }) {
  return (
    <dl className={['stats', small ? 'small' : '', className ?? ''].filter(Boolean).join(' ')}>
      {items
        .filter((i): i is AmountItem => i !== false)
        .map((i) => (
          <div key={i.label}>
            <dt>{i.label}</dt>
            <dd>{'cents' in i ? formatMoney(i.cents, currency) : i.text}</dd>
          </div>
        ))}
    </dl>
  );
}

/** A claim's amounts as a card: the figures and what they mean. */
export function AmountsBlock({ items, currency, note, headingId = 'claim-amounts', title = 'Amounts' }: { items: (AmountItem | false)[]; currency: string; note?: ReactNode; headingId?: string; title?: string }) {
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <AmountStats items={items} currency={currency} />
      {note && <p className="help">{note}</p>}
    </section>
  );
}

/** "Invoice 2", "Proof 1: photos.jpg": numbered within their kind, with the name it was uploaded under. */
export function fileLabel(files: MdfFile[], file: MdfFile): string {
  const same = files.filter((f) => f.kind === file.kind);
  const name = file.kind === 'invoice' ? 'Invoice' : 'Proof';
  const label = same.length > 1 ? `${name} ${same.indexOf(file) + 1}` : name;
  return file.fileName ? `${label}: ${file.fileName}` : label;
}

export type StepState = 'done' | 'stopped' | 'current' | 'upcoming';

export interface TimelineStep {
  key: string;
  label: string;
  /** An instant (ISO) or a day (YYYY-MM-DD); null when it has not happened. */
  at: string | null;
  detail?: string;
  state: StepState;
}

const STATE_TEXT: Record<StepState, string> = { done: 'done', stopped: 'ended', current: 'in progress', upcoming: 'not yet' };

/**
 * A claim's way from submission to payment. Finance passes the claim's audit events, which hold every
 * step (an information request and the resubmission after it included); without them the steps come
 * from the claim itself: its first submission, the latest resubmission, the latest decision and the payment.
 */
export function claimTimeline(claim: Claim, events?: AuditRecord[] | null, audience: 'partner' | 'finance' = 'partner'): TimelineStep[] {
  const steps: TimelineStep[] = [];
  const approvedDetail = (cents: number | null) => (cents === null ? undefined : `${formatMoney(cents, claim.currency)} approved`);
  const paidDetail = (c: Pick<Claim, 'paymentReference'>) => (c.paymentReference ? `Reference ${c.paymentReference}` : undefined);

  const claimEvents = (events ?? []).filter((e) => e.action.startsWith('mdf.claim.'));
  if (claimEvents.length > 0) {
    for (const e of claimEvents) {
      const after = (e.after ?? {}) as Partial<Claim>;
      const step = stepOfEvent(e, after, approvedDetail, paidDetail);
      if (step) steps.push(step);
    }
  } else {
    const spent = `${formatMoney(claim.actualSpendCents, claim.currency)} spent`;
    const resubmitted = Date.parse(claim.submittedAt) - Date.parse(claim.createdAt) > 1000;
    steps.push({ key: 'submitted', label: 'Submitted', at: claim.createdAt, detail: resubmitted ? undefined : spent, state: 'done' });
    if (resubmitted) steps.push({ key: 'resubmitted', label: 'Resubmitted with more information', at: claim.submittedAt, detail: spent, state: 'done' });
    if (claim.status === 'info_requested') steps.push({ key: 'info_requested', label: 'Information requested', at: claim.reviewedAt, detail: claim.reviewNote ?? undefined, state: 'done' });
    if (claim.status === 'approved' || claim.status === 'paid') steps.push({ key: 'approved', label: 'Approved', at: claim.reviewedAt, detail: approvedDetail(claim.approvedCents), state: 'done' });
    if (claim.status === 'rejected') steps.push({ key: 'rejected', label: 'Rejected', at: claim.reviewedAt, detail: claim.reviewNote ?? undefined, state: 'stopped' });
    if (claim.status === 'paid') steps.push({ key: 'paid', label: 'Paid', at: claim.paidOn, detail: paidDetail(claim), state: 'done' });
  }

  // What comes next, from the status now.
  const waitingForPartner = audience === 'partner' ? 'Your answer' : 'The partner’s answer';
  if (claim.status === 'submitted') {
    steps.push({ key: 'review', label: 'Finance review', at: null, state: 'current' }, { key: 'paid', label: 'Paid', at: null, state: 'upcoming' });
  } else if (claim.status === 'info_requested') {
    steps.push({ key: 'answer', label: waitingForPartner, at: null, state: 'current' }, { key: 'review', label: 'Finance review', at: null, state: 'upcoming' }, { key: 'paid', label: 'Paid', at: null, state: 'upcoming' });
  } else if (claim.status === 'approved') {
    steps.push({ key: 'paid', label: 'Payment', at: null, state: 'current' });
  }
  return steps;
}

function stepOfEvent(
  e: AuditRecord,
  after: Partial<Claim>,
  approvedDetail: (cents: number | null) => string | undefined,
  paidDetail: (c: Pick<Claim, 'paymentReference'>) => string | undefined,
): TimelineStep | null {
  const key = `${e.action}-${e.id}`;
  switch (e.action) {
    case 'mdf.claim.submitted':
      return { key, label: 'Submitted', at: e.occurredAt, detail: after.actualSpendCents !== undefined && after.currency ? `${formatMoney(after.actualSpendCents, after.currency)} spent` : undefined, state: 'done' };
    case 'mdf.claim.resubmitted':
      return { key, label: 'Resubmitted with more information', at: e.occurredAt, detail: after.actualSpendCents !== undefined && after.currency ? `${formatMoney(after.actualSpendCents, after.currency)} spent` : undefined, state: 'done' };
    case 'mdf.claim.info_requested':
      return { key, label: 'Information requested', at: e.occurredAt, detail: after.reviewNote ?? undefined, state: 'done' };
    case 'mdf.claim.approved':
      return { key, label: 'Approved', at: e.occurredAt, detail: [approvedDetail(after.approvedCents ?? null), after.reviewNote].filter(Boolean).join(' · ') || undefined, state: 'done' };
    case 'mdf.claim.rejected':
      return { key, label: 'Rejected', at: e.occurredAt, detail: after.reviewNote ?? undefined, state: 'stopped' };
    case 'mdf.claim.paid':
      return { key, label: 'Paid', at: after.paidOn ?? e.occurredAt, detail: paidDetail({ paymentReference: after.paymentReference ?? null }), state: 'done' };
    default:
      return null;
  }
}

function formatWhen(at: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(at) ? formatDay(at) : formatDateTime(at);
}

/** The steps as an ordered list; `compact` for a table row (dates only, no details). */
export function ClaimTimeline({ steps, compact = false, label }: { steps: TimelineStep[]; compact?: boolean; label: string }) {
  return (
    <ol className={`timeline${compact ? ' compact' : ''}`} aria-label={label}>
      {steps.map((s) => (
        <li key={s.key} className={`step step-${s.state}`}>
          <span className="step-marker" aria-hidden="true" />
          <span className="step-body">
            <span className="step-label">{s.label}</span>
            <span className="visually-hidden"> ({STATE_TEXT[s.state]})</span>
            {s.at && <span className="step-at">{compact ? (/^\d{4}-\d{2}-\d{2}$/.test(s.at) ? formatDay(s.at) : formatDate(s.at)) : formatWhen(s.at)}</span>}
            {!compact && s.detail && <span className="step-detail">{s.detail}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The proof-of-performance pack: its URL is short-lived, so it is asked for on the click. */
export function ProofPackButton({ claimId }: { claimId: string }) {
  const { notify } = useToast();
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    try {
      const { url } = await call(api.GET('/api/v1/mdf/claims/{id}/proof-pack', { params: { path: { id: claimId } } }));
      const a = document.createElement('a');
      a.href = url;
      a.rel = 'noopener';
      document.body.append(a);
      a.click();
      a.remove();
      notify('The proof-of-performance pack is downloading.', 'info');
    } catch (e) {
      notify(toApiError(e).summary, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button secondary" onClick={() => void open()} disabled={busy} aria-busy={busy} data-testid="proof-pack">
      {busy ? 'Preparing…' : 'Download the proof-of-performance pack'}
    </button>
  );
}
