import { useMemo, useState } from 'react';
import type { WhoUses } from '../api/types';
import { Link } from '../router';
import { EmptyState, ErrorState, formatDate, Loading, Pager, type Loaded } from '../ui';
import { USAGE_KIND_LABELS } from '../vendor-ui';

const USAGE_PAGE_SIZE = 25;

export function Usage({ state }: { state: Loaded<WhoUses> }) {
  return (
    <section className="card" aria-labelledby="who-uses-title" data-testid="who-uses">
      <h2 id="who-uses-title">Who uses this?</h2>
      {state.error ? <ErrorState error={state.error} retry={state.reload} /> : !state.data ? <Loading /> : <UsageView usage={state.data} />}
    </section>
  );
}

function UsageView({ usage }: { usage: WhoUses }) {
  const [showInactive, setShowInactive] = useState(false);
  const [page, setPage] = useState(1);
  const rows = useMemo(() => usage.usages.filter((u) => showInactive || u.active), [usage, showInactive]);
  const active = usage.usages.filter((u) => u.active).length;
  const kinds = Object.entries(usage.byKind).filter(([, n]) => n && n > 0) as [keyof typeof USAGE_KIND_LABELS, number][];
  if (usage.usages.length === 0) return <EmptyState>Nothing uses this asset: no template, kit, launch, nurture step or link refers to it.</EmptyState>;
  const shown = rows.slice((page - 1) * USAGE_PAGE_SIZE, page * USAGE_PAGE_SIZE);
  return (
    <>
      <dl className="stats small">
        <div>
          <dt>Live launches</dt>
          <dd data-testid="who-uses-live-launches">{usage.liveLaunches}</dd>
        </div>
        <div>
          <dt>Partners</dt>
          <dd>{usage.partners.length}</dd>
        </div>
        <div>
          <dt>References in use</dt>
          <dd>{active}</dd>
        </div>
      </dl>
      {kinds.length > 0 && (
        <p>
          {kinds.map(([kind, n]) => (
            <span key={kind} className="tag">
              {USAGE_KIND_LABELS[kind]}: {n}
            </span>
          ))}
        </p>
      )}
      <h3>Partners with live launches</h3>
      {usage.partners.length === 0 ? (
        <EmptyState>No partner has a live launch that uses it.</EmptyState>
      ) : (
        <ul className="plain">
          {usage.partners.map((p) => (
            <li key={p.id}>
              {p.name} <span className="muted">· {p.liveLaunches === 1 ? '1 live launch' : `${p.liveLaunches} live launches`}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>Every reference</h3>
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={showInactive}
            onChange={(e) => {
              setShowInactive(e.target.checked);
              setPage(1);
            }}
          />{' '}
          Include ended launches and replaced references ({usage.usages.length - active})
        </label>
      </div>
      {rows.length === 0 ? (
        <EmptyState>Nothing uses it now.</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">References to this asset</caption>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Where</th>
                  <th scope="col">Partner</th>
                  <th scope="col">State</th>
                  <th scope="col">Since</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((u) => (
                  <tr key={`${u.kind}:${u.refId}`}>
                    <td>{USAGE_KIND_LABELS[u.kind].replace(/s$/, '')}</td>
                    <td>
                      {u.kitName && <span className="block">Kit: {u.kitName}</span>}
                      {u.launchId ? <Link to={`/launches/${u.launchId}`}>Open the launch</Link> : !u.kitName && <code className="wrap">{u.refId}</code>}
                    </td>
                    <td>{u.partnerName ?? <span className="muted">—</span>}</td>
                    <td>
                      {u.active ? <span className="badge badge-live">in use</span> : <span className="badge">not in use</span>}
                      {u.launchStatus && <span className="muted"> launch {u.launchStatus}</span>}
                    </td>
                    <td>{formatDate(u.since)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} hasNext={page * USAGE_PAGE_SIZE < rows.length} onNext={() => setPage(page + 1)} onPrevious={() => setPage(page - 1)} label="References" />
        </>
      )}
    </>
  );
}
