import { useState, type FormEvent } from 'react';
import { api, call } from '../api/client';
import type { Claim } from '../api/types';
import { useUser } from '../auth';
import { can, WhoCan } from '../partner-ui';
import { useToast } from '../toast';
import { MoneyInput, StatusAside } from '../forms';
import { activityLabel, AmountsBlock, claimDeadline, claimTimeline, fileLabel, formatDay, formatDayRange, ProofPackButton } from '../mdf';
import { Link } from '../router';
import { Async, centsToDecimal, EmptyState, formatDate, formatDateTime, formatMoney, parseMoney, StatusBadge, toApiError, useLoad } from '../ui';
import { useTitle } from './title';

/** One of the partner's claims: where it stands, the amounts, and what was sent with it. */
export function PartnerClaimPage({ params }: { params: Record<string, string> }) {
  const claimId = params.claimId!;
  const user = useUser();
  const state = useLoad(async () => {
    const detail = await call(api.GET('/api/v1/mdf/claims/{id}', { params: { path: { id: claimId } } }));
    const program = await call(api.GET('/api/v1/mdf/programs/{id}', { params: { path: { id: detail.claim.programId } } })).catch(() => undefined);
    return { detail, program };
  }, [claimId]);
  useTitle(state.data ? `Claim: ${activityLabel(state.data.detail.request.activityType)}` : 'MDF claim');
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/mdf">MDF</Link>
      </p>
      <Async state={state}>
        {({ detail, program }) => {
          const { claim, request } = detail;
                  return (
            <>
              <header className="page-header">
                <h1>Claim: {activityLabel(request.activityType).toLowerCase()}</h1>
                <p>
                  <StatusBadge status={claim.status} testId="claim-status" /> submitted {formatDateTime(claim.submittedAt)}
                  {program && <span className="muted"> · {program.name}</span>}
                </p>
              </header>
              {claim.status === 'info_requested' && (
                <p className="notice" role="note">
                  Finance asked for more information{claim.reviewNote ? `: “${claim.reviewNote}”` : '.'}
                </p>
              )}
              {claim.status === 'info_requested' && (can(user, 'submit-mdf-claims') ? <Resubmit claim={claim} reload={state.reload} /> : <WhoCan actions={['submit-mdf-claims']} />)}
              {claim.status === 'rejected' && claim.reviewNote && (
                <p className="notice" role="note">
                  Rejected: “{claim.reviewNote}”. The reserved funds are back in your available balance.
                </p>
              )}
              <div className="claim-layout">
                <div className="claim-main">
                  <AmountsBlock
                    currency={claim.currency}
                    items={[
                      { label: 'Approved request', cents: request.approvedCents ?? 0 },
                      { label: 'Actual spend', cents: claim.actualSpendCents },
                      { label: claim.approvedCents === null ? 'Reimbursable up to' : 'Reimbursed', cents: claim.approvedCents ?? detail.capCents },
                    ]}
                    note={`Your tier reimburses ${detail.reimbursementPct} % of the actual spend, up to the approved request.`}
                  />
                  <section className="card" aria-labelledby="claim-request">
                    <h2 id="claim-request">Activity</h2>
                    <dl className="facts">
                      <dt>Activity</dt>
                      <dd>{activityLabel(request.activityType)}</dd>
                      <dt>Description</dt>
                      <dd>{request.description}</dd>
                      <dt>Dates</dt>
                      <dd>{formatDayRange(request)}</dd>
                      <dt>Claim deadline</dt>
                      <dd>{formatDay(claimDeadline(request, program))}</dd>
                    </dl>
                  </section>
                  <section className="card" aria-labelledby="claim-files">
                    <h2 id="claim-files">Invoices, proof and deals</h2>
                    {detail.files.length === 0 ? (
                      <EmptyState>No file is attached.</EmptyState>
                    ) : (
                      <ul className="plain">
                        {detail.files.map((f) => (
                          <li key={f.id}>
                            <a href={f.url} download>
                              {fileLabel(detail.files, f)}
                            </a>{' '}
                            <span className="muted">uploaded {formatDate(f.createdAt)}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                    <p>
                      <ProofPackButton claimId={claim.id} />
                    </p>
                    <h3>Linked deals</h3>
                    {detail.deals.length === 0 ? (
                      <EmptyState>No registered deal is linked to this claim.</EmptyState>
                    ) : (
                      <ul className="plain">
                        {detail.deals.map((d) => (
                          <li key={d.id}>
                            <strong>{d.customerCompany}</strong> <StatusBadge status={d.status} /> {formatMoney(d.status === 'won' ? (d.finalAmountCents ?? d.amountCents) : d.amountCents, d.currency)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </section>
                </div>
                <StatusAside headingId="claim-timeline" steps={claimTimeline(claim)} timelineLabel="Claim status timeline" />
              </div>
            </>
          );
        }}
      </Async>
    </section>
  );
}

/** Answers finance's question: the claim (with a corrected spend, if need be) goes back to the review queue. */
function Resubmit({ claim, reload }: { claim: Claim; reload: () => void }) {
  const { notify } = useToast();
  const [spend, setSpend] = useState(() => centsToDecimal(claim.actualSpendCents));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = parseMoney(spend);
    if (cents === undefined || cents < 1) {
      setProblem('Enter an amount such as 1250.00.');
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      await call(api.PATCH('/api/v1/mdf/claims/{id}', { params: { path: { id: claim.id } }, body: { actualSpendCents: cents } }));
      notify('The claim is back with finance for review.');
      reload();
    } catch (e) {
      const error = toApiError(e);
      setProblem(error.fieldMessage('actualSpendCents') ?? null);
      notify(error.summary, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="resubmit">
      <h2 id="resubmit">Send the claim back</h2>
      <MoneyInput
        id="resubmit-spend"
        label={`Actual spend (${claim.currency})`}
        currency={claim.currency}
        value={spend}
        onChange={(text) => setSpend(text)}
        help="Correct it if finance asked you to; your files and linked deals stay as they are."
        error={problem}
      />
      <button type="submit" className="button" disabled={busy} aria-busy={busy} data-testid="resubmit-claim">
        {busy ? 'Sending…' : 'Send back for review'}
      </button>
    </form>
  );
}
