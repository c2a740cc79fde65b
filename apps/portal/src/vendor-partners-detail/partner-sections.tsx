import { api, call, callAs } from '../api/client';
import type { Schemas } from '../api/types';
import { mapLimit } from '../pages/vendor-templates-common';
import { Link } from '../router';
import { Async, EmptyState, formatDate, formatMoney, loadAll, Pager, StatusBadge, useCursorPager, useLoad } from '../ui';
import { ago } from '../vendor-ui';

export type Partner = Schemas['PartnerView'];

interface ProgramSummary {
  id: string;
  name: string;
  periodStart: string;
  periodEnd: string;
}

interface PartnerMetrics {
  currency: string;
  allocatedCents: number;
  reservedCents: number;
  settledCents: number;
  paidCents: number;
  pipelineCents: number;
  wonCents: number;
  utilisationRate: number | null;
  returnPerMdfDollar: number | null;
}

export function Deals({ partner }: { partner: Partner }) {
  const pager = useCursorPager();
  const deals = useLoad(() => call(api.GET('/api/v1/deals', { params: { query: { partnerId: partner.id, limit: 10, cursor: pager.cursor } } })), [partner.id, pager.cursor]);
  return (
    <section className="card" aria-labelledby="deals-title">
      <h2 id="deals-title">Deal registrations</h2>
      <Async state={deals}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>No deal registered yet.</EmptyState>
          ) : (
            <>
              <ul className="plain">
                {page.items.map((d) => (
                  <li key={d.id}>
                    <Link to={`/vendor/deals/${d.id}`}>{d.customerCompany}</Link> <StatusBadge status={d.status} /> <span className="money">{formatMoney(d.amountCents, d.currency)}</span> <span className="muted">registered {formatDate(d.createdAt)}</span>
                  </li>
                ))}
              </ul>
              <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Deals" />
            </>
          )
        }
      </Async>
    </section>
  );
}

export function Launches({ partner }: { partner: Partner }) {
  const pager = useCursorPager();
  const launches = useLoad(() => call(api.GET('/api/v1/launches', { params: { query: { partnerId: partner.id, limit: 10, cursor: pager.cursor } } })), [partner.id, pager.cursor]);
  const kits = useLoad(() => loadAll((cursor) => call(api.GET('/api/v1/kits', { params: { query: { limit: 100, cursor } } }))), []);
  const kitName = (id: string) => kits.data?.find((k) => k.id === id)?.version.name ?? 'Kit';
  return (
    <section className="card" aria-labelledby="launches-title">
      <h2 id="launches-title">Launches</h2>
      <Async state={launches}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>No launch yet.</EmptyState>
          ) : (
            <>
              <ul className="plain">
                {page.items.map((l) => (
                  <li key={l.id}>
                    <Link to={`/launches/${l.id}`}>{kitName(l.kitId)}</Link> <StatusBadge status={l.status} /> <span className="muted">
                      {l.mode === 'concierge' ? 'on their behalf' : l.mode === 'auto' ? 'auto-launched' : 'by the partner'}, {formatDate(l.createdAt)}
                    </span>
                  </li>
                ))}
              </ul>
              <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Launches" />
            </>
          )
        }
      </Async>
    </section>
  );
}

export function Mdf({ partner }: { partner: Partner }) {
  const metrics = useLoad(async () => {
    const programs = (await callAs<{ items: ProgramSummary[] }>(api.GET('/api/v1/mdf/programs'))).items;
    const rows = await mapLimit(programs.slice(0, 6), 3, (p) =>
      callAs<PartnerMetrics>(api.GET('/api/v1/mdf/programs/{id}/partners/{partnerId}/metrics', { params: { path: { id: p.id, partnerId: partner.id } } })).then(
        (m) => ({ program: p, metrics: m }),
        () => ({ program: p, metrics: null }),
      ),
    );
    return rows;
  }, [partner.id]);
  return (
    <section className="card" aria-labelledby="mdf-title">
      <h2 id="mdf-title">MDF</h2>
      <Async state={metrics}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyState>No MDF program.</EmptyState>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">MDF per program for this partner</caption>
                <thead>
                  <tr>
                    <th scope="col">Program</th>
                    <th scope="col" className="num">
                      Allocated
                    </th>
                    <th scope="col" className="num">
                      Used
                    </th>
                    <th scope="col" className="num">
                      Pipeline
                    </th>
                    <th scope="col" className="num">
                      Won
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map(({ program, metrics: m }) => (
                    <tr key={program.id}>
                      <th scope="row">{program.name}</th>
                      {m ? (
                        <>
                          <td className="num">{formatMoney(m.allocatedCents, m.currency)}</td>
                          <td className="num">{m.utilisationRate === null ? '—' : `${Math.round(m.utilisationRate * 100)} %`}</td>
                          <td className="num">{formatMoney(m.pipelineCents, m.currency)}</td>
                          <td className="num">{formatMoney(m.wonCents, m.currency)}</td>
                        </>
                      ) : (
                        <td colSpan={4} className="muted">
                          Not available
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </section>
  );
}

export function Users({ partner }: { partner: Partner }) {
  const pager = useCursorPager();
  const users = useLoad(() => call(api.GET('/api/v1/partners/{id}/users', { params: { path: { id: partner.id }, query: { limit: 25, cursor: pager.cursor } } })), [partner.id, pager.cursor]);
  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <Async state={users}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>No user yet.</EmptyState>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">Users of {partner.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Role</th>
                      <th scope="col">Status</th>
                      <th scope="col">Last sign-in</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((u) => (
                      <tr key={u.id}>
                        <td>
                          {u.name}
                          <br />
                          <span className="muted">{u.email}</span>
                        </td>
                        <td>{u.role === 'partner_admin' ? 'Admin' : 'User'}</td>
                        <td>
                          <StatusBadge status={u.status} />
                        </td>
                        <td>{u.lastLoginAt ? ago(u.lastLoginAt) : <span className="muted">Never</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Users" />
            </>
          )
        }
      </Async>
    </section>
  );
}
