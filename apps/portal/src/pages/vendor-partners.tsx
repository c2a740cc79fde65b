import { useState } from 'react';
import { api, call } from '../api/client';
import type { paths } from '../api/schema';
import type { Schemas } from '../api/types';
import { formatDay } from '../mdf';
import { Link } from '../router';
import { Async, DAY_MS, EmptyState, formatDateTime, Pager, StatusBadge, useCursorPager, useDebouncedValue, useLoad } from '../ui';
import { REGIONS } from '../vendor-ui';
import { useTitle } from './title';

/** One partner with its activation and activity figures (`GET /api/v1/reporting/partners`). */
export type PartnerFigures = Schemas['PartnerMetricsDto'];
type Region = PartnerFigures['region'];
type PartnerStatus = PartnerFigures['status'];
type Sort = NonNullable<NonNullable<paths['/api/v1/reporting/partners']['get']['parameters']['query']>['sort']>;

const PAGE_SIZE = 25;
const STATUSES: PartnerStatus[] = ['prospect', 'onboarding', 'active', 'inactive'];
const SORTS: { value: Sort; label: string; caption: string }[] = [
  { value: 'name', label: 'Name', caption: 'Partners by name' },
  { value: 'lastActivity', label: 'Last activity (most recent first)', caption: 'Partners by last activity, most recent first' },
  { value: 'timeToFirstDeal', label: 'Time to first deal (fastest first)', caption: 'Partners by time to first deal, fastest first' },
];
/** A partner with no registered deal this long after signing misses the activation gate. */
export const ACTIVATION_DAYS = 45;

const ACTIVITY_LABELS: Record<NonNullable<PartnerFigures['lastActivity']>, string> = {
  deal: 'registered a deal',
  lead: 'captured a lead',
  click: 'a click on their links',
  launch: 'a kit launched',
  mdf_request: 'requested MDF',
  mdf_claim: 'claimed MDF',
  sign_in: 'signed in',
};

export function TimeToFirstDeal({ partner }: { partner: PartnerFigures }) {
  if (partner.timeToFirstDealDays !== null) return <>{partner.timeToFirstDealDays === 1 ? '1 day' : `${partner.timeToFirstDealDays} days`}</>;
  if (partner.signedAt && !partner.firstDealAt) {
    const days = Math.max(0, Math.floor((Date.now() - new Date(`${partner.signedAt}T00:00:00Z`).getTime()) / DAY_MS));
    const late = days > ACTIVATION_DAYS;
    return (
      <span className={late ? 'warning-text' : 'muted'}>
        No deal, {days} {days === 1 ? 'day' : 'days'} in{late ? ` (past the ${ACTIVATION_DAYS}-day gate)` : ''}
      </span>
    );
  }
  if (partner.signedAt) return <span className="muted">No deal since signing</span>;
  return <span className="muted">{partner.firstDealAt ? 'Not signed' : 'Not signed, no deal'}</span>;
}

/** The latest activity in the reader's time zone, and what it was. */
export function LastActivity({ partner }: { partner: PartnerFigures }) {
  if (!partner.lastActivityAt || !partner.lastActivity) return <span className="muted">None recorded</span>;
  return (
    <>
      <time dateTime={partner.lastActivityAt}>{formatDateTime(partner.lastActivityAt)}</time> <span className="muted">({ACTIVITY_LABELS[partner.lastActivity]})</span>
    </>
  );
}

/** The partner program: every partner with tier, status and region, how fast it activated and when it was last active. */
export function VendorPartnersPage() {
  useTitle('Partners');
  const [query, setQuery] = useState('');
  const [tierId, setTierId] = useState('');
  const [region, setRegion] = useState<Region | ''>('');
  const [status, setStatus] = useState<PartnerStatus | ''>('');
  const [sort, setSort] = useState<Sort>('name');
  const q = useDebouncedValue(query.trim());
  const tiers = useLoad(() => call(api.GET('/api/v1/tiers')).then((t) => [...t].sort((a, b) => a.rank - b.rank)), []);
  return (
    <section className="page">
      <h1>Partners</h1>
      <p className="lede">Tier, status and region of every partner, the days from signing to its first registered deal, and its latest activity.</p>
      <form className="toolbar" role="search" aria-label="Partners" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="partner-search">Search</label>
        <input id="partner-search" type="search" value={query} placeholder="Name" onChange={(e) => setQuery(e.target.value)} data-testid="partner-search" />
        <label htmlFor="partner-tier">Tier</label>
        <select id="partner-tier" value={tierId} onChange={(e) => setTierId(e.target.value)}>
          <option value="">All tiers</option>
          {(tiers.data ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <label htmlFor="partner-region">Region</label>
        <select id="partner-region" value={region} onChange={(e) => setRegion(e.target.value as Region | '')}>
          <option value="">All regions</option>
          {REGIONS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <label htmlFor="partner-status">Status</label>
        <select id="partner-status" value={status} onChange={(e) => setStatus(e.target.value as PartnerStatus | '')}>
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.charAt(0).toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
        <label htmlFor="partner-sort">Sort by</label>
        <select id="partner-sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)} data-testid="partner-sort">
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </form>
      <PartnerTable key={`${q}|${tierId}|${region}|${status}|${sort}`} q={q} tierId={tierId} region={region} status={status} sort={sort} />
    </section>
  );
}

function PartnerTable({ q, tierId, region, status, sort }: { q: string; tierId: string; region: Region | ''; status: PartnerStatus | ''; sort: Sort }) {
  const pager = useCursorPager();
  const partners = useLoad(
    () =>
      call(
        api.GET('/api/v1/reporting/partners', {
          params: { query: { limit: PAGE_SIZE, cursor: pager.cursor, sort, ...(q ? { q } : {}), ...(tierId ? { tierId } : {}), ...(region ? { region } : {}), ...(status ? { status } : {}) } },
        }),
      ),
    [pager.cursor],
  );
  const filtered = Boolean(q || tierId || region || status);
  return (
    <Async state={partners}>
      {(page) =>
        page.items.length === 0 ? (
          <EmptyState>{filtered ? 'No partner matches these filters.' : 'No partner yet.'}</EmptyState>
        ) : (
          <>
            <p className="muted" role="status" data-testid="partner-count">
              {page.total} {page.total === 1 ? 'partner' : 'partners'}
              {(pager.page > 1 || page.nextCursor) && ` · page ${pager.page} of ${Math.max(1, Math.ceil(page.total / PAGE_SIZE))}`}
            </p>
            <div className="table-wrap">
              <table className="partner-table">
                <caption className="visually-hidden">{SORTS.find((s) => s.value === sort)?.caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">Partner</th>
                    <th scope="col">Tier</th>
                    <th scope="col">Status</th>
                    <th scope="col">Region</th>
                    <th scope="col">Signed</th>
                    <th scope="col">Time to first deal</th>
                    <th scope="col">Last activity</th>
                    <th scope="col" className="num">
                      Live launches
                    </th>
                    <th scope="col" className="num">
                      Deals
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((p) => (
                    <tr key={p.id} data-testid={`partner-row-${p.id}`}>
                      <td>
                        <Link to={`/vendor/partners/${p.id}`}>{p.name}</Link>
                      </td>
                      <td>{p.tier.name}</td>
                      <td>
                        <StatusBadge status={p.status} />
                      </td>
                      <td>{p.region}</td>
                      <td>{formatDay(p.signedAt)}</td>
                      <td data-testid="partner-ttfd">
                        <TimeToFirstDeal partner={p} />
                      </td>
                      <td data-testid="partner-last-activity">
                        <LastActivity partner={p} />
                      </td>
                      <td className="num">{p.liveLaunches}</td>
                      <td className="num">{p.deals}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Partners" />
          </>
        )
      }
    </Async>
  );
}
