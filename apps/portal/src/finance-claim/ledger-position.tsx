import type { Claim, FundAccountLedger, LedgerEntry, LedgerKind } from '../api/types';
import { AmountStats } from '../mdf';
import { formatDateTime, formatMoney } from '../ui';

const LEDGER_ROWS = 12;

const LEDGER_KIND_LABELS: Record<LedgerKind, string> = { allocate: 'Allocated', reserve: 'Reserved', release: 'Released', settle: 'Settled', expire: 'Expired', adjust: 'Adjusted' };

export function LedgerPosition({ ledger, claim }: { ledger: FundAccountLedger | null; claim: Claim }) {
  if (!ledger) {
    return (
      <section className="card" aria-labelledby="claim-ledger">
        <h2 id="claim-ledger">Fund account</h2>
        <p className="muted">The partner’s fund account could not be loaded.</p>
      </section>
    );
  }
  const { account, entries } = ledger;
  const recent = [...entries].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, LEDGER_ROWS);
  const tag = (e: LedgerEntry) => (e.claimId === claim.id ? 'this claim' : e.requestId === claim.requestId ? 'this request' : null);
  return (
    <section className="card" aria-labelledby="claim-ledger">
      <h2 id="claim-ledger">Fund account</h2>
      <AmountStats
        small
        currency={account.currency}
        items={[
          { label: 'Allocated', cents: account.allocatedCents + account.adjustedCents },
          { label: 'Reserved', cents: account.reservedCents },
          { label: 'Settled', cents: account.settledCents },
          { label: 'Expired', cents: account.expiredCents },
          { label: 'Available', cents: account.availableCents },
        ]}
      />
      {recent.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Latest ledger entries</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Entry</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {recent.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.createdAt)}</td>
                  <td>
                    {LEDGER_KIND_LABELS[e.kind]}
                    {e.reason && <span className="muted"> · {e.reason}</span>}
                    {tag(e) && <span className="tag">{tag(e)}</span>}
                  </td>
                  <td className="num">{formatMoney(e.amountCents, e.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {entries.length > LEDGER_ROWS && <p className="help">The latest {LEDGER_ROWS} of {entries.length} entries.</p>}
    </section>
  );
}
