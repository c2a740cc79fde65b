import { api, call } from '../api/client';
import type { AuditRecord, ClaimDetail, FundAccountLedger } from '../api/types';
import { Decision } from '../finance-claim/decision';
import { LedgerPosition } from '../finance-claim/ledger-position';
import { StatusAside } from '../forms';
import { activityLabel, AmountsBlock, AmountStats, claimTimeline, fileLabel, formatDay, formatDayRange, ProofPackButton } from '../mdf';
import { fileSize } from '../partner-upload';
import { Link } from '../router';
import { Async, EmptyState, formatDate, formatDateTime, formatMoney, StatusBadge, useLoad } from '../ui';
import { useTitle } from './title';

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

function fileType(contentType: string): string {
  return contentType === 'application/pdf' ? 'PDF' : contentType.replace('image/', '').toUpperCase();
}
