import { api, call } from '../api/client';
import type { ClaimListing, MdfProgram, MdfRequest } from '../api/types';
import { useUser } from '../auth';
import { activityLabel, AmountStats, claimDeadline, claimTimeline, ClaimTimeline, daysLeft, formatDay, formatDayRange } from '../mdf';
import { can, WhoCan } from '../partner-ui';
import { Link } from '../router';
import { Async, EmptyState, formatMoney, loadAll, Pager, StatusBadge, useCursorPager, useLoad } from '../ui';
import { useTitle } from './title';

const PAGE_SIZE = 20;
const EXPIRY_WARNING_DAYS = 30;

/** The programs, claims and requests of the signed-in partner: deadlines, "which request has a claim", what a claim was for. */
function useMdfContext() {
  return useLoad(async () => {
    const [programs, claims, requests] = await Promise.all([
      call(api.GET('/api/v1/mdf/programs')),
      loadAll((cursor) => call(api.GET('/api/v1/mdf/claims', { params: { query: { limit: 100, cursor } } }))),
      loadAll((cursor) => call(api.GET('/api/v1/mdf/requests', { params: { query: { limit: 100, cursor } } }))),
    ]);
    return {
      programById: new Map(programs.items.map((p) => [p.id, p])),
      claimByRequest: new Map(claims.map((c) => [c.requestId, c])),
      requests,
      requestById: new Map(requests.map((r) => [r.id, r])),
    };
  }, []);
}

/** The partner's market development funds: balances, requests and claims with where each stands. */
export function PartnerMdfPage() {
  useTitle('MDF');
  const user = useUser();
  const context = useMdfContext();
  return (
    <section className="page">
      <header className="page-header with-actions">
        <h1>Market development funds</h1>
        {can(user, 'submit-mdf-requests') && (
          <Link to="/mdf/requests/new" className="button" data-testid="mdf-request-new">
            Request funds
          </Link>
        )}
      </header>
      <p className="lede">Your funds per program, your requests and where each claim stands.</p>
      {!can(user, 'submit-mdf-requests') && <WhoCan actions={['submit-mdf-requests', 'submit-mdf-claims']} />}
      <Funds />
      <Async state={context}>
        {({ programById, claimByRequest, requests, requestById }) => (
          <>
            <Deadlines programById={programById} claimByRequest={claimByRequest} requests={requests} />
            <Claims requestById={requestById} />
            <Requests programById={programById} claimByRequest={claimByRequest} />
          </>
        )}
      </Async>
    </section>
  );
}

function Funds() {
  const user = useUser();
  const funds = useLoad(async () => {
    const [accounts, programs] = await Promise.all([call(api.GET('/api/v1/mdf/accounts')), call(api.GET('/api/v1/mdf/programs'))]);
    const programById = new Map(programs.items.map((p) => [p.id, p]));
    // Claimed and paid come from the program metrics; the balance stands without them.
    const metrics = await Promise.all(
      accounts.items.map((a) =>
        user.partnerId
          ? call(api.GET('/api/v1/mdf/programs/{id}/partners/{partnerId}/metrics', { params: { path: { id: a.programId, partnerId: user.partnerId } } })).catch(() => null)
          : Promise.resolve(null),
      ),
    );
    return accounts.items.map((account, i) => ({ account, program: programById.get(account.programId), metrics: metrics[i] ?? null }));
  }, [user.partnerId]);
  return (
    <section aria-labelledby="funds" className="section">
      <h2 id="funds">Funds</h2>
      <Async state={funds}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyState>No MDF has been allocated to you yet.</EmptyState>
          ) : (
            <div className="cards">
              {rows.map(({ account, program, metrics }) => {
                const money = (cents: number) => formatMoney(cents, account.currency);
                const expiresOn = program?.expiresAt.slice(0, 10);
                const left = expiresOn ? daysLeft(expiresOn) : null;
                return (
                  <article key={account.id} className="card" aria-labelledby={`fund-${account.id}`} data-testid={`fund-${account.programId}`}>
                    <h3 id={`fund-${account.id}`} className="card-title">
                      {program?.name ?? 'Program'}
                    </h3>
                    {program && (
                      <p className="muted">
                        {formatDay(program.periodStart)} to {formatDay(program.periodEnd)}
                      </p>
                    )}
                    <AmountStats
                      small
                      className="fund-stats"
                      currency={account.currency}
                      items={[
                        { label: 'Available', cents: account.availableCents },
                        { label: 'Reserved', cents: account.reservedCents },
                        metrics ? { label: 'Claimed', cents: metrics.claimedCents } : { label: 'Claimed', text: '—' },
                        { label: 'Reimbursed', cents: account.settledCents },
                      ]}
                    />
                    {account.expiredAt || program?.expiredAt ? (
                      <p className="help">
                        Expired {formatDay((account.expiredAt ?? program?.expiredAt ?? '').slice(0, 10))}
                        {account.expiredCents > 0 && `: ${money(account.expiredCents)} unused`}.
                      </p>
                    ) : (
                      expiresOn &&
                      left !== null && (
                        <p className={left <= EXPIRY_WARNING_DAYS && account.availableCents > 0 ? 'notice' : 'help'}>
                          {account.availableCents > 0 ? `${money(account.availableCents)} expiring` : 'Unused funds expire'} on <strong>{formatDay(expiresOn)}</strong> ({left === 0 ? 'today' : `in ${left} days`}).
                        </p>
                      )
                    )}
                    <p className="help">Reserved funds are held for approved requests until their claims are decided; claimed is the spend of your claims that are not rejected.</p>
                  </article>
                );
              })}
            </div>
          )
        }
      </Async>
    </section>
  );
}

interface Context {
  programById: Map<string, MdfProgram>;
  claimByRequest: Map<string, ClaimListing>;
}

/** Approved requests that still wait for their claim, soonest deadline first. */
function Deadlines({ programById, claimByRequest, requests }: Context & { requests: MdfRequest[] }) {
  const open = requests
    .filter((r) => r.status === 'approved' && !claimByRequest.has(r.id))
    .map((r) => ({ request: r, deadline: claimDeadline(r, programById.get(r.programId)) }))
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
  return (
    <section aria-labelledby="deadlines" className="section">
      <h2 id="deadlines">Claim deadlines</h2>
      {open.length === 0 ? (
        <EmptyState>No approved activity waits for a claim.</EmptyState>
      ) : (
        <ul className="plain card">
          {open.map(({ request, deadline }) => {
            const left = daysLeft(deadline);
            return (
              <li key={request.id} data-testid={`claim-deadline-${request.id}`}>
                <strong>{activityLabel(request.activityType)}</strong> ({request.description}): {left < 0 ? 'the claim deadline passed on ' : 'claim by '}
                <strong>{formatDay(deadline)}</strong> {left >= 0 && <span className={left <= 14 ? 'badge badge-soon' : 'muted'}>{left === 0 ? 'today' : `${left} days left`}</span>}
                {request.approvedCents !== null && <span className="muted"> · {formatMoney(request.approvedCents, request.currency)} approved</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Requests({ programById, claimByRequest }: Context) {
  const user = useUser();
  const pager = useCursorPager();
  const requests = useLoad(() => call(api.GET('/api/v1/mdf/requests', { params: { query: { limit: PAGE_SIZE, cursor: pager.cursor } } })), [pager.cursor]);
  return (
    <section aria-labelledby="requests" className="section">
      <h2 id="requests">Requests</h2>
      <Async state={requests}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>You have not requested MDF yet.</EmptyState>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">Your MDF pre-approval requests, oldest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Activity</th>
                      <th scope="col">Dates</th>
                      <th scope="col" className="num">
                        Requested
                      </th>
                      <th scope="col" className="num">
                        Approved
                      </th>
                      <th scope="col">Status</th>
                      <th scope="col">Claim</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((r) => {
                      const claim = claimByRequest.get(r.id);
                      return (
                        <tr key={r.id} data-testid={`partner-request-${r.id}`}>
                          <td>
                            <strong>{activityLabel(r.activityType)}</strong>
                            <br />
                            <span className="muted">{r.description}</span>
                            {r.decisionNote && r.status !== 'approved' && <p className="help">“{r.decisionNote}”</p>}
                          </td>
                          <td>{formatDayRange(r)}</td>
                          <td className="num">{formatMoney(r.requestedCents, r.currency)}</td>
                          <td className="num">{r.approvedCents === null ? '—' : formatMoney(r.approvedCents, r.currency)}</td>
                          <td>
                            <StatusBadge status={r.status} />
                          </td>
                          <td>
                            {claim ? (
                              <Link to={`/mdf/claims/${claim.id}`}>
                                Claim <StatusBadge status={claim.status} />
                              </Link>
                            ) : r.status === 'approved' ? (
                              <span>
                                by {formatDay(claimDeadline(r, programById.get(r.programId)))}
                                {can(user, 'submit-mdf-claims') && daysLeft(claimDeadline(r, programById.get(r.programId))) >= 0 && (
                                  <>
                                    {' '}
                                    <Link to={`/mdf/requests/${r.id}/claim`} className="button small" data-testid={`claim-request-${r.id}`}>
                                      Claim
                                    </Link>
                                  </>
                                )}
                              </span>
                            ) : (
                              '—'
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Requests" />
            </>
          )
        }
      </Async>
    </section>
  );
}

function Claims({ requestById }: { requestById: Map<string, MdfRequest> }) {
  const pager = useCursorPager();
  const claims = useLoad(() => call(api.GET('/api/v1/mdf/claims', { params: { query: { limit: PAGE_SIZE, cursor: pager.cursor } } })), [pager.cursor]);
  return (
    <section aria-labelledby="claims" className="section">
      <h2 id="claims">Claims</h2>
      <Async state={claims}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>You have not claimed MDF yet. Claim an approved activity once it has run, with its invoices and proof.</EmptyState>
          ) : (
            <>
              <ul className="claim-list">
                {page.items.map((c) => (
                  <li key={c.id} className="card claim-card" data-testid={`partner-claim-${c.id}`}>
                    <div className="claim-card-head">
                      <h3 className="card-title">
                        <Link to={`/mdf/claims/${c.id}`}>{activityLabel(c.activityType)}</Link>
                        {requestById.get(c.requestId) && <span className="muted"> · {requestById.get(c.requestId)!.description}</span>}
                      </h3>
                      <StatusBadge status={c.status} testId={`partner-claim-status-${c.id}`} />
                    </div>
                    <dl className="facts inline">
                      <dt>Spent</dt>
                      <dd>{formatMoney(c.actualSpendCents, c.currency)}</dd>
                      <dt>Approved request</dt>
                      <dd>{formatMoney(c.requestApprovedCents, c.currency)}</dd>
                      <dt>Reimbursed</dt>
                      <dd>{c.approvedCents === null ? '—' : formatMoney(c.approvedCents, c.currency)}</dd>
                    </dl>
                    <ClaimTimeline steps={claimTimeline(c)} compact label={`Status of the ${activityLabel(c.activityType).toLowerCase()} claim`} />
                  </li>
                ))}
              </ul>
              <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Claims" />
            </>
          )
        }
      </Async>
    </section>
  );
}
