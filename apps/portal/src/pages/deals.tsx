import { useEffect, useState } from 'react';
import { api, call } from '../api/client';
import { type DealStatus, protectionText, STATUS_LABEL, STATUSES } from '../deals/deal-status';
import { StatusFilter } from '../forms';
import { Link } from '../router';
import { Async, EmptyState, formatDate, formatMoney, Pager, StatusBadge, useCursorPager, useLoad } from '../ui';
import { useTitle } from './title';

const PAGE_SIZE = 20;

/** The partner's registered deals, newest first, with their status and protection. */
export function DealsPage() {
  useTitle('Deals');
  const [status, setStatus] = useState<DealStatus | ''>('');
  const pager = useCursorPager();
  const { reset } = pager;
  useEffect(() => reset(), [status]);
  const state = useLoad(() => call(api.GET('/api/v1/deals', { params: { query: { limit: PAGE_SIZE, cursor: pager.cursor, ...(status ? { status } : {}) } } })), [pager.cursor, status]);
  return (
    <section className="page">
      <header className="page-header with-actions">
        <h1>Deals</h1>
        <Link to="/deals/new" className="button" data-testid="register-deal">
          Register a deal
        </Link>
      </header>
      <p className="lede">Register an opportunity early: an approved registration protects it from channel conflict for its window.</p>
      <div className="toolbar">
        <StatusFilter id="deal-status-filter" value={status} onChange={setStatus} statuses={STATUSES} labels={STATUS_LABEL} />
      </div>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>
              {status ? 'No deal has this status.' : 'You have not registered a deal yet.'} <Link to="/deals/new">Register one</Link>
            </EmptyState>
          ) : (
            <>
              <div className="table-wrap" aria-busy={state.loading}>
                <table>
                  <caption className="visually-hidden">Your deal registrations, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Customer</th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                      <th scope="col">Status</th>
                      <th scope="col">Protection ends</th>
                      <th scope="col">Registered</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((d) => {
                      const protection = protectionText(d);
                      return (
                        <tr key={d.id} data-testid={`deal-${d.id}`}>
                          <td>
                            <Link to={`/deals/${d.id}`}>{d.customerCompany}</Link>
                            <br />
                            <span className="muted">{d.customerDomain}</span>
                          </td>
                          <td className="num">{formatMoney(d.status === 'won' && d.finalAmountCents !== null ? d.finalAmountCents : d.amountCents, d.currency)}</td>
                          <td>
                            <StatusBadge status={d.status} testId={`deal-status-${d.id}`} />
                            {d.conflictFlagged && d.status === 'submitted' && <span className="tag">conflict flagged</span>}
                          </td>
                          <td className={protection.soon ? 'warning-text' : undefined}>{protection.text}</td>
                          <td>{formatDate(d.createdAt)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Deals" />
            </>
          )
        }
      </Async>
    </section>
  );
}
