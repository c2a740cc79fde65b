import { useState, type MouseEvent } from 'react';
import { api, call } from '../api/client';
import type { ClaimListing, ClaimStatus, ReviewQueueClaim } from '../api/types';
import { LazyMdfOverview } from '../dashboard/lazy-charts';
import { activityLabel } from '../mdf';
import { Link, navigate, useLocation } from '../router';
import { useToast } from '../toast';
import { Async, daysUntil, EmptyState, formatDate, formatMoney, Pager, saveBlob, StatusBadge, toApiError, useCursorPager, useLoad } from '../ui';
import { useTitle } from './title';

const PAGE_SIZE = 25;

type View = 'review' | Exclude<ClaimStatus, 'submitted'>;

const VIEWS: { view: View; label: string }[] = [
  { view: 'review', label: 'To review' },
  { view: 'info_requested', label: 'Information requested' },
  { view: 'approved', label: 'Approved, to pay' },
  { view: 'paid', label: 'Paid' },
  { view: 'rejected', label: 'Rejected' },
];

type Row = ClaimListing & Partial<Pick<ReviewQueueClaim, 'capCents' | 'deals'>>;

/** Finance's MDF claims, oldest first: the review queue, and the claims waiting for the partner or for payment. */
export function FinanceHomePage() {
  useTitle('MDF claims');
  const { search } = useLocation();
  const requested = search.get('status');
  const view: View = VIEWS.some((v) => v.view === requested) ? (requested as View) : 'review';
  return (
    <section className="page">
      <header className="page-header with-actions">
        <h1>MDF claims</h1>
        <PayablesDownload />
      </header>
      <nav className="tabs" aria-label="Claims by status">
        {VIEWS.map((v) => (
          <Link key={v.view} to={v.view === 'review' ? '/finance' : `/finance?status=${v.view}`} aria-current={v.view === view ? 'page' : undefined} data-testid={`claims-view-${v.view}`}>
            {v.label}
          </Link>
        ))}
      </nav>
      {/* A new view starts at its first page. */}
      <ClaimList key={view} view={view} />
      <LazyMdfOverview />
    </section>
  );
}

function ClaimList({ view }: { view: View }) {
  const pager = useCursorPager();
  const claims = useLoad(
    (): Promise<{ items: Row[]; nextCursor: string | null }> =>
      view === 'review'
        ? call(api.GET('/api/v1/mdf/claims/review-queue', { params: { query: { limit: PAGE_SIZE, cursor: pager.cursor } } }))
        : call(api.GET('/api/v1/mdf/claims', { params: { query: { status: view, limit: PAGE_SIZE, cursor: pager.cursor } } })),
    [view, pager.cursor],
  );
  const decided = view !== 'review' && view !== 'info_requested';
  const label = VIEWS.find((v) => v.view === view)!.label;
  return (
    <Async state={claims}>
      {(page) =>
        page.items.length === 0 ? (
          <EmptyState>{view === 'review' ? 'No claim is waiting for review.' : `No claim here (${label.toLowerCase()}).`}</EmptyState>
        ) : (
          <>
            <div className="table-wrap">
              <table className="claim-table">
                <caption className="visually-hidden">{label}: claims, oldest submission first</caption>
                <thead>
                  <tr>
                    <th scope="col">Partner</th>
                    <th scope="col">Activity</th>
                    <th scope="col">Submitted</th>
                    <th scope="col" className="num">
                      Spend
                    </th>
                    <th scope="col" className="num">
                      {decided ? 'Approved' : view === 'review' ? 'Up to' : 'Approved request'}
                    </th>
                    {view === 'review' && <th scope="col">Deals</th>}
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((c) => {
                    const age = -daysUntil(c.submittedAt);
                    const open = (event: MouseEvent<HTMLTableRowElement>) => {
                      // The whole row opens the claim for pointer users; the link inside is what keyboards use.
                      if ((event.target as HTMLElement).closest('a, button') || window.getSelection()?.toString()) return;
                      navigate(`/finance/claims/${c.id}`);
                    };
                    return (
                      <tr key={c.id} className="row-link" onClick={open} data-testid={`claim-row-${c.id}`}>
                        <td>
                          <Link to={`/finance/claims/${c.id}`}>{c.partnerName}</Link>
                        </td>
                        <td>{activityLabel(c.activityType)}</td>
                        <td>
                          {formatDate(c.submittedAt)} <span className="muted">({age <= 0 ? 'today' : age === 1 ? '1 day ago' : `${age} days ago`})</span>
                        </td>
                        <td className="num">{formatMoney(c.actualSpendCents, c.currency)}</td>
                        <td className="num">{formatMoney(decided ? (c.approvedCents ?? 0) : (c.capCents ?? c.requestApprovedCents), c.currency)}</td>
                        {view === 'review' && <td>{c.deals?.length ?? 0}</td>}
                        <td>
                          <StatusBadge status={c.status} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Claims" />
          </>
        )
      }
    </Async>
  );
}

/** The payables export needs the bearer token, so it is fetched and handed to the browser as a file. */
function PayablesDownload() {
  const { notify } = useToast();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const csv = await call(api.GET('/api/v1/mdf/payables.csv', { parseAs: 'blob' }));
      saveBlob(csv, `mdf-payables-${new Date().toISOString().slice(0, 10)}.csv`);
      notify('The payables CSV is downloaded.');
    } catch (e) {
      notify(toApiError(e).summary, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button secondary" onClick={() => void download()} disabled={busy} aria-busy={busy} data-testid="download-payables">
      {busy ? 'Preparing…' : 'Download payables (CSV)'}
    </button>
  );
}
