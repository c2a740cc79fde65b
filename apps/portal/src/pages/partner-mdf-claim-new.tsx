import { type ReactNode } from 'react';
import { api, call } from '../api/client';
import type { Deal, MdfRequest } from '../api/types';
import { useUser } from '../auth';
import { activityLabel, claimDeadline, daysLeft, formatDay, formatDayRange } from '../mdf';
import { ClaimForm } from '../partner-mdf-claim-new/claim-form';
import { can, partnerRolesThatCan } from '../partner-ui';
import { Link } from '../router';
import { Async, formatMoney, loadAll, StatusBadge, useLoad } from '../ui';
import { useTitle } from './title';

/** Deals the API accepts on this claim: the partner's own, registered on or after the activity's first day (UTC). */
function eligibleDeals(deals: Deal[], request: MdfRequest): Deal[] {
  const since = Date.parse(`${request.startsOn}T00:00:00Z`);
  return deals.filter((d) => Date.parse(d.createdAt) >= since);
}

/** Claiming an approved request: the actual spend, invoices and proof, and the deals the activity produced. */
export function PartnerMdfClaimNewPage({ params }: { params: Record<string, string> }) {
  const requestId = params.requestId!;
  const user = useUser();
  const state = useLoad(async () => {
    const request = await call(api.GET('/api/v1/mdf/requests/{id}', { params: { path: { id: requestId } } }));
    const [program, claims, deals, files] = await Promise.all([
      call(api.GET('/api/v1/mdf/programs/{id}', { params: { path: { id: request.programId } } })).catch(() => undefined),
      loadAll((cursor) => call(api.GET('/api/v1/mdf/claims', { params: { query: { limit: 100, cursor } } }))),
      loadAll((cursor) => call(api.GET('/api/v1/deals', { params: { query: { limit: 100, cursor } } }))),
      // Files uploaded before (another visit, a closed tab) and not claimed yet: the form starts with them.
      call(api.GET('/api/v1/mdf/requests/{id}/files', { params: { path: { id: requestId } } })).then((list) => list.items),
    ]);
    return { request, program, claim: claims.find((c) => c.requestId === request.id), deals: eligibleDeals(deals, request), files };
  }, [requestId]);
  useTitle(state.data ? `Claim: ${activityLabel(state.data.request.activityType)}` : 'Claim MDF');
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/mdf">MDF</Link>
      </p>
      <Async state={state}>
        {({ request, program, claim, deals, files }) => {
          const deadline = claimDeadline(request, program);
          const left = daysLeft(deadline);
          let blocked: ReactNode = null;
          if (!can(user, 'submit-mdf-claims')) {
            const who = partnerRolesThatCan('submit-mdf-claims');
            blocked = `${who.charAt(0).toUpperCase()}${who.slice(1)} claim MDF. Ask one of them to send this claim.`;
          }
          else if (claim)
            blocked = (
              <>
                This request has been claimed already: <Link to={`/mdf/claims/${claim.id}`}>see the claim</Link>.
              </>
            );
          else if (request.status !== 'approved')
            blocked = (
              <>
                Only an approved request can be claimed; this one is <StatusBadge status={request.status} />.
              </>
            );
          else if (left < 0) blocked = `The claim deadline passed on ${formatDay(deadline)}; this activity can no longer be claimed.`;
          return (
            <>
              <header className="page-header">
                <h1>Claim: {activityLabel(request.activityType).toLowerCase()}</h1>
                <p className="lede">{request.description}</p>
              </header>
              <section className="card" aria-labelledby="claim-request-facts">
                <h2 id="claim-request-facts" className="visually-hidden">
                  The approved request
                </h2>
                <dl className="facts">
                  <dt>Dates</dt>
                  <dd>{formatDayRange(request)}</dd>
                  {program && (
                    <>
                      <dt>Program</dt>
                      <dd>{program.name}</dd>
                    </>
                  )}
                  <dt>Approved</dt>
                  <dd>{request.approvedCents === null ? '—' : formatMoney(request.approvedCents, request.currency)}</dd>
                  <dt>Claim deadline</dt>
                  <dd data-testid="claim-deadline">
                    <strong>{formatDay(deadline)}</strong>{' '}
                    {left >= 0 && <span className={left <= 14 ? 'badge badge-soon' : 'muted'}>{left === 0 ? 'today' : `${left} days left`}</span>}
                  </dd>
                </dl>
              </section>
              {blocked ? (
                <p className="notice" role="note">
                  {blocked}
                </p>
              ) : (
                <ClaimForm request={request} program={program} deals={deals} uploaded={files} />
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}
