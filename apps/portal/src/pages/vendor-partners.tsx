import { useState } from 'react';
import { api, call } from '../api/client';
import type { Schemas } from '../api/types';
import { Link } from '../router';
import { Async, DAY_MS, EmptyState, formatDate, Pager, StatusBadge, useCursorPager, useLoad } from '../ui';
import { ago, REGIONS, useDebouncedValue } from '../vendor-ui';
import { loadAll } from './catalog';
import { useTitle } from './title';
import { mapLimit } from './vendor-templates-common';

type Partner = Schemas['PartnerView'];
type Tier = Schemas['TierView'];
type Region = Partner['region'];
type PartnerStatus = Partner['status'];

const PAGE_SIZE = 25;
const STATUSES: PartnerStatus[] = ['prospect', 'onboarding', 'active', 'inactive'];
/** A partner with no registered deal this long after signing misses the activation gate. */
export const ACTIVATION_DAYS = 45;

/** What the program knows about one partner's activity, put together from the deals, launches and users it has. */
export interface PartnerActivity {
  dealCount: number;
  firstDealAt: string | null;
  /** Days from signing to the first registered deal; null without a signing date or a deal. */
  daysToFirstDeal: number | null;
  /** Days since signing while there is still no deal. */
  daysWithoutDeal: number | null;
  lastActivity: { at: string; what: string } | null;
}

/**
 * The API has no per-partner time-to-first-deal or last-activity figure; both are derived here from
 * the partner's deals (oldest and newest registration), its newest launch and its users' last sign-in.
 */
export async function loadActivity(partner: Partner): Promise<PartnerActivity> {
  const [deals, launches, users] = await Promise.all([
    loadAll((cursor) => call(api.GET('/api/v1/deals', { params: { query: { partnerId: partner.id, limit: 100, cursor } } }))),
    call(api.GET('/api/v1/launches', { params: { query: { partnerId: partner.id, limit: 1 } } })),
    call(api.GET('/api/v1/partners/{id}/users', { params: { path: { id: partner.id }, query: { limit: 100 } } })),
  ]);
  const times = deals.map((d) => d.createdAt).sort();
  const firstDealAt = times[0] ?? null;
  const lastDealAt = times[times.length - 1] ?? null;
  const signed = partner.signedAt ? new Date(partner.signedAt).getTime() : null;
  const candidates: { at: string; what: string }[] = [];
  if (lastDealAt) candidates.push({ at: lastDealAt, what: 'registered a deal' });
  const launch = launches.items[0];
  if (launch) candidates.push({ at: launch.createdAt, what: launch.mode === 'partner' ? 'launched a kit' : `kit launched (${launch.mode})` });
  for (const u of users.items) if (u.lastLoginAt) candidates.push({ at: u.lastLoginAt, what: `${u.name} signed in` });
  candidates.sort((a, b) => b.at.localeCompare(a.at));
  return {
    dealCount: deals.length,
    firstDealAt,
    daysToFirstDeal: signed !== null && firstDealAt ? Math.max(0, Math.floor((new Date(firstDealAt).getTime() - signed) / DAY_MS)) : null,
    daysWithoutDeal: signed !== null && !firstDealAt ? Math.floor((Date.now() - signed) / DAY_MS) : null,
    lastActivity: candidates[0] ?? null,
  };
}

export function TimeToFirstDeal({ partner, activity }: { partner: Partner; activity: PartnerActivity }) {
  if (activity.daysToFirstDeal !== null) return <>{activity.daysToFirstDeal === 1 ? '1 day' : `${activity.daysToFirstDeal} days`}</>;
  if (activity.daysWithoutDeal !== null) {
    const late = activity.daysWithoutDeal > ACTIVATION_DAYS;
    return (
      <span className={late ? 'warning-text' : 'muted'}>
        No deal, {activity.daysWithoutDeal} days in{late ? ` (past the ${ACTIVATION_DAYS}-day gate)` : ''}
      </span>
    );
  }
  return <span className="muted">{partner.signedAt ? 'No deal yet' : activity.firstDealAt ? 'Not signed' : 'Not signed, no deal'}</span>;
}

/** The partner program: every partner with tier, status and region, how fast it activated and when it was last active. */
export function VendorPartnersPage() {
  useTitle('Partners');
  const [query, setQuery] = useState('');
  const [tierId, setTierId] = useState('');
  const [region, setRegion] = useState<Region | ''>('');
  const [status, setStatus] = useState<PartnerStatus | ''>('');
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
      </form>
      <PartnerTable key={`${q}|${tierId}|${region}|${status}`} q={q} tierId={tierId} region={region} status={status} tiers={tiers.data ?? []} />
    </section>
  );
}

function PartnerTable({ q, tierId, region, status, tiers }: { q: string; tierId: string; region: Region | ''; status: PartnerStatus | ''; tiers: Tier[] }) {
  const pager = useCursorPager();
  const partners = useLoad(
    () =>
      call(
        api.GET('/api/v1/partners', {
          params: { query: { limit: PAGE_SIZE, cursor: pager.cursor, ...(q ? { q } : {}), ...(tierId ? { tierId } : {}), ...(region ? { region } : {}), ...(status ? { status } : {}) } },
        }),
      ),
    [pager.cursor],
  );
  const ids = (partners.data?.items ?? []).map((p) => p.id).join(',');
  const activity = useLoad(async () => {
    const items = partners.data?.items ?? [];
    const rows = await mapLimit(items, 5, (p) => loadActivity(p).catch(() => null));
    return new Map(items.map((p, i) => [p.id, rows[i] ?? null]));
  }, [ids]);
  const filtered = Boolean(q || tierId || region || status);
  const tierName = (id: string) => tiers.find((t) => t.id === id)?.name ?? '—';
  return (
    <Async state={partners}>
      {(page) =>
        page.items.length === 0 ? (
          <EmptyState>{filtered ? 'No partner matches these filters.' : 'No partner yet.'}</EmptyState>
        ) : (
          <>
            <p className="muted" role="status">
              {pager.page === 1 && !page.nextCursor ? `${page.items.length} ${page.items.length === 1 ? 'partner' : 'partners'}` : `Page ${pager.page}: ${page.items.length} partners`}
              {activity.loading && ' · working out activity…'}
            </p>
            <div className="table-wrap">
              <table className="partner-table">
                <caption className="visually-hidden">Partners by name</caption>
                <thead>
                  <tr>
                    <th scope="col">Partner</th>
                    <th scope="col">Tier</th>
                    <th scope="col">Status</th>
                    <th scope="col">Region</th>
                    <th scope="col">Signed</th>
                    <th scope="col">Time to first deal</th>
                    <th scope="col">Last activity</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((p) => {
                    const a = activity.data?.get(p.id);
                    return (
                      <tr key={p.id} data-testid={`partner-row-${p.id}`}>
                        <td>
                          <Link to={`/vendor/partners/${p.id}`}>{p.name}</Link>
                        </td>
                        <td>{tierName(p.tierId)}</td>
                        <td>
                          <StatusBadge status={p.status} />
                        </td>
                        <td>{p.region}</td>
                        <td>{formatDate(p.signedAt)}</td>
                        <td>{a ? <TimeToFirstDeal partner={p} activity={a} /> : <span className="muted">{activity.loading ? '…' : '—'}</span>}</td>
                        <td>
                          {a?.lastActivity ? (
                            <>
                              {ago(a.lastActivity.at)} <span className="muted">({a.lastActivity.what})</span>
                            </>
                          ) : (
                            <span className="muted">{activity.loading && !a ? '…' : 'None recorded'}</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
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
