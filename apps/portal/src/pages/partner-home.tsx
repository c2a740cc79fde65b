import { useEffect, useState } from 'react';
import { api, call } from '../api/client';
import { useUser } from '../auth';
import { Link } from '../router';
import { Async, daysUntil, DAY_MS, EmptyState, formatDate, formatMoney, useLoad } from '../ui';
import { useTitle } from './title';

const EXPIRING_WITHIN_DAYS = 30;
const DEAL_PROTECTION_WARNING_DAYS = 14;

/** The last visit, per user and browser, to tell which kits are new. */
function useLastVisit(userId: string): number {
  const key = `channelkit.lastVisit.${userId}`;
  const [previous] = useState(() => {
    const stored = Number(localStorage.getItem(key));
    return stored > 0 ? stored : Date.now() - 30 * DAY_MS;
  });
  useEffect(() => localStorage.setItem(key, String(Date.now())), [key]);
  return previous;
}

/** The partner's next best actions, each from the API it belongs to. */
export function PartnerHomePage() {
  useTitle('Home');
  const user = useUser();
  const lastVisit = useLastVisit(user.id);
  return (
    <section className="page">
      <h1>Welcome back, {user.name.split(' ')[0]}</h1>
      <p className="lede">Your next best actions.</p>
      <div className="cards">
        <NewKits since={lastVisit} />
        <UpdatesAvailable />
        <ExpiringAssets />
        <MdfSummary />
        <ExpiringDeals />
      </div>
    </section>
  );
}

function NewKits({ since }: { since: number }) {
  const kits = useLoad(() => call(api.GET('/api/v1/kits', { params: { query: { limit: 100 } } })), []);
  return (
    <article className="card" aria-labelledby="new-kits">
      <h2 id="new-kits">New in the catalog</h2>
      <Async state={kits}>
        {(page) => {
          const fresh = page.items.filter((k) => k.version.publishedAt && new Date(k.version.publishedAt).getTime() > since);
          return fresh.length === 0 ? (
            <EmptyState>
              Nothing new since your last visit. <Link to="/catalog">Browse the catalog</Link>
            </EmptyState>
          ) : (
            <ul className="plain">
              {fresh.map((k) => (
                <li key={k.id}>
                  <Link to={`/catalog/${k.id}`}>{k.version.name}</Link> <span className="muted">published {formatDate(k.version.publishedAt)}</span>
                </li>
              ))}
            </ul>
          );
        }}
      </Async>
    </article>
  );
}

function UpdatesAvailable() {
  const launches = useLoad(async () => {
    const [page, kits] = await Promise.all([call(api.GET('/api/v1/launches', { params: { query: { limit: 100 } } })), call(api.GET('/api/v1/kits', { params: { query: { limit: 100 } } }))]);
    return { launches: page.items.filter((l) => l.updateAvailable && l.status !== 'ended'), names: new Map(kits.items.map((k) => [k.id, k.version.name])) };
  }, []);
  return (
    <article className="card" aria-labelledby="updates">
      <h2 id="updates">Launches with an update available</h2>
      <Async state={launches}>
        {({ launches: list, names }) =>
          list.length === 0 ? (
            <EmptyState>Your launches run the latest version of their kits.</EmptyState>
          ) : (
            <ul className="plain">
              {list.map((l) => (
                <li key={l.id}>
                  <Link to={`/launches/${l.id}`}>{names.get(l.kitId) ?? 'Launch'}</Link> <span className="badge badge-update">update available</span>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </article>
  );
}

function ExpiringAssets() {
  // Only what the partner's own live launches use: those are the campaigns the expiry changes.
  const assets = useLoad(() => call(api.GET('/api/v1/library', { params: { query: { limit: 100, usedByMyLaunches: 'true', expiringWithinDays: EXPIRING_WITHIN_DAYS } } })), []);
  return (
    <article className="card" aria-labelledby="expiring-assets">
      <h2 id="expiring-assets">Assets your campaigns use, expiring soon</h2>
      <Async state={assets}>
        {(page) => {
          const soon = page.items.filter((a) => a.expiresAt).sort((a, b) => a.expiresAt!.localeCompare(b.expiresAt!));
          return soon.length === 0 ? (
            <EmptyState>Nothing your live campaigns use expires in the next {EXPIRING_WITHIN_DAYS} days.</EmptyState>
          ) : (
            <ul className="plain">
              {soon.map((a) => (
                <li key={a.id}>
                  <strong>{a.title}</strong> expires in {daysUntil(a.expiresAt!)} days ({formatDate(a.expiresAt)})
                  {a.successor && <span className="muted"> · replaced by {a.successor.title}</span>}
                </li>
              ))}
            </ul>
          );
        }}
      </Async>
    </article>
  );
}

function MdfSummary() {
  const mdf = useLoad(async () => {
    const [accounts, programs, requests] = await Promise.all([
      call(api.GET('/api/v1/mdf/accounts')),
      call(api.GET('/api/v1/mdf/programs')),
      call(api.GET('/api/v1/mdf/requests', { params: { query: { status: 'approved', limit: 100 } } })),
    ]);
    const programById = new Map(programs.items.map((p) => [p.id, p]));
    const deadlines = requests.items
      .map((r) => {
        const days = programById.get(r.programId)?.claimDeadlineDays ?? 60;
        return { request: r, deadline: new Date(new Date(r.endsOn).getTime() + days * DAY_MS).toISOString() };
      })
      .filter((d) => daysUntil(d.deadline) >= 0)
      .sort((a, b) => a.deadline.localeCompare(b.deadline));
    return { accounts: accounts.items, programById, deadlines };
  }, []);
  return (
    <article className="card" aria-labelledby="mdf">
      <h2 id="mdf">Market development funds</h2>
      <Async state={mdf}>
        {({ accounts, programById, deadlines }) => (
          <>
            {accounts.length === 0 ? (
              <EmptyState>No MDF allocated to you yet.</EmptyState>
            ) : (
              <ul className="plain">
                {accounts.map((a) => (
                  <li key={a.id}>
                    <strong className="money">{formatMoney(a.availableCents, a.currency)}</strong> available in {programById.get(a.programId)?.name ?? 'a program'}
                  </li>
                ))}
              </ul>
            )}
            {deadlines.length > 0 && (
              <>
                <h3>Claim deadlines</h3>
                <ul className="plain">
                  {deadlines.map(({ request, deadline }) => (
                    <li key={request.id}>
                      {request.description || request.activityType}: claim by <strong>{formatDate(deadline)}</strong> ({daysUntil(deadline)} days)
                      {request.approvedCents !== null && <span className="muted"> · {formatMoney(request.approvedCents, request.currency)} approved</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p>
              <Link to="/mdf">Your funds, requests and claims</Link>
            </p>
          </>
        )}
      </Async>
    </article>
  );
}

function ExpiringDeals() {
  const deals = useLoad(() => call(api.GET('/api/v1/deals', { params: { query: { status: 'approved', limit: 100 } } })), []);
  return (
    <article className="card" aria-labelledby="deals">
      <h2 id="deals">Deal protection ending soon</h2>
      <Async state={deals}>
        {(page) => {
          const soon = page.items
            .filter((d) => d.protectedUntil && daysUntil(d.protectedUntil) <= DEAL_PROTECTION_WARNING_DAYS)
            .sort((a, b) => a.protectedUntil!.localeCompare(b.protectedUntil!));
          return soon.length === 0 ? (
            <EmptyState>No approved deal loses its protection in the next {DEAL_PROTECTION_WARNING_DAYS} days.</EmptyState>
          ) : (
            <ul className="plain">
              {soon.map((d) => (
                <li key={d.id}>
                  <strong>{d.customerCompany}</strong> ({formatMoney(d.amountCents, d.currency)}): protected until {formatDate(d.protectedUntil)}
                </li>
              ))}
            </ul>
          );
        }}
      </Async>
    </article>
  );
}
