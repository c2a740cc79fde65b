import { useMemo, useState } from 'react';
import { api, call } from '../api/client';
import type { Deal, Schemas } from '../api/types';
import { useUser } from '../auth';
import { ConflictCompare, DealDecision, DealFacts } from '../deal-review';
import { formatDay } from '../mdf';
import { Link, useLocation } from '../router';
import { Async, EmptyState, formatDate, formatMoney, loadAll, Pager, StatusBadge, useCursorPager, useLoad } from '../ui';
import { ago, DEAL_DECIDERS, ReadOnlyNote } from '../vendor-ui';
import { useTitle } from './title';

type DealConflict = Schemas['DealConflictView'];
type DecidedStatus = 'approved' | 'rejected' | 'won' | 'lost' | 'expired';

const QUEUE_PAGE_SIZE = 10;
const LIST_PAGE_SIZE = 25;
/** Readers load each flagged registration's conflicts one by one; beyond this many they open the registration. */
const MAX_DETAIL_LOADS = 50;

const VIEWS: { key: 'waiting' | DecidedStatus; label: string }[] = [
  { key: 'waiting', label: 'Waiting' },
  { key: 'approved', label: 'Approved' },
  { key: 'rejected', label: 'Rejected' },
  { key: 'won', label: 'Won' },
  { key: 'lost', label: 'Lost' },
  { key: 'expired', label: 'Expired' },
];

/** Deal registrations waiting for a decision, conflicts first, each beside what it collides with. */
export function VendorDealsPage() {
  useTitle('Deal registrations');
  const user = useUser();
  const { search } = useLocation();
  const requested = search.get('status');
  const view = VIEWS.find((v) => v.key === requested)?.key ?? 'waiting';
  return (
    <section className="page">
      <h1>Deal registrations</h1>
      <p className="lede">Approve a registration to protect it from channel conflict, or reject it with a reason the partner sees.</p>
      {!DEAL_DECIDERS.includes(user.role) && <ReadOnlyNote user={user} who="channel managers and vendor admins" />}
      <nav className="tabs" aria-label="Registrations by status">
        {VIEWS.map((v) => (
          <Link key={v.key} to={v.key === 'waiting' ? '/vendor/deals' : `/vendor/deals?status=${v.key}`} aria-current={v.key === view ? 'page' : undefined} data-testid={`deals-view-${v.key}`}>
            {v.label}
          </Link>
        ))}
      </nav>
      {view === 'waiting' ? <Queue /> : <DecidedList key={view} status={view} />}
    </section>
  );
}

interface QueueItem {
  deal: Deal;
  conflicts: DealConflict[] | null;
}

function Queue() {
  const user = useUser();
  const decider = DEAL_DECIDERS.includes(user.role);
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [decided, setDecided] = useState<Map<string, Deal>>(new Map());
  const queue = useLoad(async (): Promise<QueueItem[]> => {
    const submitted = await loadAll((cursor) => call(api.GET('/api/v1/deals', { params: { query: { status: 'submitted', limit: 100, cursor } } })));
    const conflicts = new Map<string, DealConflict[]>();
    if (decider) {
      const items = await loadAll((cursor) => call(api.GET('/api/v1/deals/conflicts', { params: { query: { limit: 100, cursor } } })));
      for (const item of items) conflicts.set(item.deal.id, item.conflicts);
    } else {
      const flagged = submitted.filter((d) => d.conflictFlagged).slice(0, MAX_DETAIL_LOADS);
      const details = await Promise.all(flagged.map((d) => call(api.GET('/api/v1/deals/{id}', { params: { path: { id: d.id } } })).catch(() => null)));
      for (const detail of details) if (detail?.conflicts) conflicts.set(detail.id, detail.conflicts);
    }
    const oldestFirst = (a: QueueItem, b: QueueItem) => a.deal.createdAt.localeCompare(b.deal.createdAt);
    const items = submitted.map((deal) => ({ deal, conflicts: conflicts.get(deal.id) ?? (deal.conflictFlagged ? null : []) }));
    const flagged = items.filter((i) => i.deal.conflictFlagged).sort(oldestFirst);
    const clear = items.filter((i) => !i.deal.conflictFlagged).sort(oldestFirst);
    return [...flagged, ...clear];
  }, [decider]);

  const reload = () => {
    setDecided(new Map());
    queue.reload();
  };

  return (
    <>
      <div className="toolbar">
        <label htmlFor="deal-search">Search</label>
        <input
          id="deal-search"
          type="search"
          value={query}
          placeholder="Partner, company or domain"
          onChange={(e) => {
            setQuery(e.target.value);
            setPage(1);
          }}
          data-testid="deal-search"
        />
        <button type="button" className="button secondary" onClick={reload}>
          Refresh
        </button>
      </div>
      <Async state={queue}>{(items) => <QueueList items={items} query={query} page={page} setPage={setPage} decided={decided} onDecided={(d) => setDecided((m) => new Map(m).set(d.id, d))} />}</Async>
    </>
  );
}

function QueueList({ items, query, page, setPage, decided, onDecided }: { items: QueueItem[]; query: string; page: number; setPage: (p: number) => void; decided: Map<string, Deal>; onDecided: (d: Deal) => void }) {
  const matching = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return items.filter(({ deal: d }) => {
      const text = `${d.partnerName} ${d.customerCompany} ${d.customerDomain}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }, [items, query]);
  if (items.length === 0) return <EmptyState>No registration is waiting for a decision.</EmptyState>;
  if (matching.length === 0) return <EmptyState>No waiting registration matches “{query}”.</EmptyState>;
  const flagged = items.filter((i) => i.deal.conflictFlagged).length;
  const shown = matching.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE);
  return (
    <>
      <p className="muted" role="status">
        {items.length} waiting, {flagged === 1 ? '1 with a conflict' : `${flagged} with conflicts`}
        {matching.length !== items.length && `; ${matching.length} match the search`}.
      </p>
      <ul className="claim-list">
        {shown.map((item) => (
          <QueueCard key={item.deal.id} item={item} decided={decided.get(item.deal.id)} onDecided={onDecided} />
        ))}
      </ul>
      <Pager page={page} hasNext={page * QUEUE_PAGE_SIZE < matching.length} onNext={() => setPage(page + 1)} onPrevious={() => setPage(page - 1)} label="Waiting registrations" />
    </>
  );
}

function QueueCard({ item, decided, onDecided }: { item: QueueItem; decided: Deal | undefined; onDecided: (d: Deal) => void }) {
  const user = useUser();
  const { deal, conflicts } = item;
  const headingId = `deal-${deal.id}-title`;
  return (
    <li className={`card deal-card${deal.conflictFlagged ? ' has-conflict' : ''}`} aria-labelledby={headingId} data-testid={deal.conflictFlagged ? `conflict-${deal.id}` : `deal-${deal.id}`}>
      <div className="claim-card-head">
        <h2 id={headingId} className="card-title">
          <Link to={`/vendor/deals/${deal.id}`}>
            {deal.customerCompany} <span className="muted">by {deal.partnerName}</span>
          </Link>
        </h2>
        <span>
          {deal.conflictFlagged && <span className="badge badge-conflict">conflict</span>} <span className="muted">registered {ago(deal.createdAt)}</span>
        </span>
      </div>
      {decided ? (
        <p className="decided-note" role="status">
          <StatusBadge status={decided.status} /> {decided.status === 'approved' && decided.protectedUntil ? `Protected until ${formatDate(decided.protectedUntil)}.` : decided.rejectionReason ? `Reason: ${decided.rejectionReason}` : ''}
        </p>
      ) : (
        <div className={DEAL_DECIDERS.includes(user.role) ? 'deal-card-body' : undefined}>
          <div>
            {deal.conflictFlagged ? (
              conflicts === null ? (
                <p className="muted">
                  <Link to={`/vendor/deals/${deal.id}`}>Open the registration</Link> to see what it conflicts with.
                </p>
              ) : conflicts.length === 0 ? (
                <p className="muted">Flagged on submission; what it collided with has since been resolved.</p>
              ) : (
                conflicts.map((c) => <ConflictCompare key={c.id} deal={deal} conflict={c} />)
              )
            ) : (
              <>
                <p className="muted">No conflict with another partner or a vendor opportunity.</p>
                <DealFacts deal={deal} />
              </>
            )}
          </div>
          {DEAL_DECIDERS.includes(user.role) && (
            <section className="deal-card-decision" aria-label={`Decide ${deal.partnerName}’s registration for ${deal.customerCompany}`}>
              <DealDecision deal={deal} onDecided={onDecided} idPrefix={`deal-${deal.id}`} />
            </section>
          )}
        </div>
      )}
    </li>
  );
}

function DecidedList({ status }: { status: DecidedStatus }) {
  const pager = useCursorPager();
  const deals = useLoad(() => call(api.GET('/api/v1/deals', { params: { query: { status, limit: LIST_PAGE_SIZE, cursor: pager.cursor } } })), [status, pager.cursor]);
  const label = VIEWS.find((v) => v.key === status)!.label.toLowerCase();
  return (
    <Async state={deals}>
      {(page) =>
        page.items.length === 0 ? (
          <EmptyState>No {label} registration.</EmptyState>
        ) : (
          <>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{label} registrations, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Customer</th>
                    <th scope="col">Partner</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                    <th scope="col">Expected close</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((d) => (
                    <tr key={d.id} data-testid={`deal-row-${d.id}`}>
                      <td>
                        <Link to={`/vendor/deals/${d.id}`}>{d.customerCompany}</Link> <span className="muted block">{d.customerDomain}</span>
                      </td>
                      <td>{d.partnerName}</td>
                      <td className="num">{formatMoney(d.status === 'won' ? (d.finalAmountCents ?? d.amountCents) : d.amountCents, d.currency)}</td>
                      <td>{formatDay(d.expectedCloseDate)}</td>
                      <td>
                        <StatusBadge status={d.status} />
                        {d.status === 'approved' && d.protectedUntil && <span className="muted block">until {formatDate(d.protectedUntil)}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Registrations" />
          </>
        )
      }
    </Async>
  );
}
