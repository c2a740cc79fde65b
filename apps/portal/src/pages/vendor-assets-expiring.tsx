import { useMemo, useState, type FormEvent } from 'react';
import { api, call } from '../api/client';
import type { BulkExtendReport, ExpiringAsset } from '../api/types';
import { useUser } from '../auth';
import { Link, useLocation } from '../router';
import { useToast } from '../toast';
import { Async, EmptyState, formatDate, formatDateTime, StatusBadge, toApiError, useLoad } from '../ui';
import { ASSET_EDITORS, ASSET_TYPE_LABELS, dayFromNow, endOfLocalDay } from '../vendor-ui';
import { useTitle } from './title';

const WINDOWS = [30, 60, 90] as const;
type Window = (typeof WINDOWS)[number];

const OUTCOME_LABELS: Record<BulkExtendReport['results'][number]['outcome'], string> = {
  extended: 'Extended',
  not_found: 'Not found',
  archived: 'Archived',
  not_later: 'Not extended',
  publishes_later: 'Not extended',
};

/** What expires in the next 30, 60 or 90 days, week by week, with the live launches still using it; extend several at once. */
export function VendorAssetsExpiringPage() {
  useTitle('Expiring assets');
  const { search } = useLocation();
  const requested = Number(search.get('days'));
  const days: Window = (WINDOWS as readonly number[]).includes(requested) ? (requested as Window) : 30;
  const assets = useLoad(() => call(api.GET('/api/v1/assets/expiring', { params: { query: { days } } })), [days]);
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/vendor/assets">Assets</Link>
      </p>
      <h1>Expiry calendar</h1>
      <p className="lede">Assets that leave the library soon, and how many live launches still use them. Extend them, or give them a successor on their page.</p>
      <nav className="tabs" aria-label="How far ahead">
        {WINDOWS.map((w) => (
          <Link key={w} to={w === 30 ? '/vendor/assets/expiring' : `/vendor/assets/expiring?days=${w}`} aria-current={w === days ? 'page' : undefined} data-testid={`expiring-window-${w}`}>
            Next {w} days
          </Link>
        ))}
      </nav>
      <Async state={assets}>{(items) => <Calendar key={days} items={items} days={days} reload={assets.reload} />}</Async>
    </section>
  );
}

interface Week {
  start: Date;
  items: ExpiringAsset[];
}

/** Monday 00:00 local of the week `iso` falls in. */
function weekStart(iso: string): Date {
  const d = new Date(iso);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d;
}

function groupByWeek(items: ExpiringAsset[]): Week[] {
  const weeks = new Map<number, Week>();
  for (const item of items) {
    const start = weekStart(item.expiresAt);
    const week = weeks.get(start.getTime()) ?? { start, items: [] };
    week.items.push(item);
    weeks.set(start.getTime(), week);
  }
  return [...weeks.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

const weekFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' });

function Calendar({ items, days, reload }: { items: ExpiringAsset[]; days: Window; reload: () => void }) {
  const user = useUser();
  const canExtend = ASSET_EDITORS.includes(user.role);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [report, setReport] = useState<{ report: BulkExtendReport; titles: Map<string, string> } | null>(null);
  const weeks = useMemo(() => groupByWeek(items), [items]);
  const present = new Set(items.map((i) => i.id));
  const chosen = [...selected].filter((id) => present.has(id));

  const toggle = (ids: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const live = items.reduce((n, i) => n + i.liveLaunches, 0);
  return (
    <>
      {report && <ExtendReport report={report.report} titles={report.titles} onDismiss={() => setReport(null)} />}
      {items.length === 0 ? (
        <EmptyState>Nothing expires in the next {days} days.</EmptyState>
      ) : (
        <>
          <p className="muted" role="status">
            {items.length} {items.length === 1 ? 'asset expires' : 'assets expire'} in the next {days} days; {live === 1 ? '1 live launch uses them' : `${live} live launches use them`}.
          </p>
          {canExtend && (
            <ExtendBar
              chosen={chosen}
              all={items}
              onSelectAll={(on) => toggle(items.map((i) => i.id), on)}
              onDone={(result) => {
                setReport({ report: result, titles: new Map(items.map((i) => [i.id, i.title])) });
                setSelected(new Set());
                reload();
              }}
            />
          )}
          {weeks.map((week) => {
            const ids = week.items.map((i) => i.id);
            const all = ids.every((id) => selected.has(id));
            const headingId = `week-${week.start.getTime()}`;
            return (
              <section key={week.start.getTime()} className="card week" aria-labelledby={headingId}>
                <div className="week-head">
                  <h2 id={headingId}>Week of {weekFormat.format(week.start)}</h2>
                  {canExtend && (
                    <label className="check">
                      <input type="checkbox" checked={all} onChange={(e) => toggle(ids, e.target.checked)} /> Select this week ({ids.length})
                    </label>
                  )}
                </div>
                <ul className="plain expiring-list">
                  {week.items.map((a) => (
                    <li key={a.id} className="expiring-item" data-testid={`expiring-${a.id}`}>
                      {canExtend && (
                        <input type="checkbox" id={`pick-${a.id}`} checked={selected.has(a.id)} onChange={(e) => toggle([a.id], e.target.checked)} aria-label={`Select ${a.title}`} data-testid={`pick-${a.id}`} />
                      )}
                      <div className="expiring-body">
                        <Link to={`/vendor/assets/${a.id}`}>{a.title}</Link> <span className="muted">{ASSET_TYPE_LABELS[a.type]}</span>
                        <span className="block">
                          Expires {formatDateTime(a.expiresAt)} <span className={a.daysLeft <= 7 ? 'badge badge-expiring' : 'muted'}>{a.daysLeft <= 0 ? 'today' : a.daysLeft === 1 ? 'in 1 day' : `in ${a.daysLeft} days`}</span>
                        </span>
                        <span className="block muted">Owner: {a.owner.name}</span>
                        <span className="block">
                          {a.successor ? (
                            <>
                              Then: <Link to={`/vendor/assets/${a.successor.id}`}>{a.successor.title}</Link> <StatusBadge status={a.successor.status} />
                            </>
                          ) : (
                            <span className={a.liveLaunches > 0 ? 'warning-text' : 'muted'}>No successor{a.liveLaunches > 0 ? ': the emails and sequences that show it will be held' : ''}</span>
                          )}
                        </span>
                      </div>
                      <div className="expiring-usage" aria-label={`${a.liveLaunches} live launches use it`}>
                        <span className="count">{a.liveLaunches}</span>
                        <span className="muted">{a.liveLaunches === 1 ? 'live launch' : 'live launches'}</span>
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </>
  );
}

function ExtendBar({ chosen, all, onSelectAll, onDone }: { chosen: string[]; all: ExpiringAsset[]; onSelectAll: (on: boolean) => void; onDone: (report: BulkExtendReport) => void }) {
  const { notify } = useToast();
  const [until, setUntil] = useState(() => dayFromNow(90));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = endOfLocalDay(until);
    if (chosen.length === 0) return setError('Select at least one asset.');
    if (!expiresAt || new Date(expiresAt).getTime() <= Date.now()) return setError('Choose a day in the future.');
    setError(null);
    setBusy(true);
    try {
      const report = await call(api.POST('/api/v1/assets/bulk-extend', { body: { assetIds: chosen, expiresAt } }));
      const skipped = report.results.length - report.extended;
      notify(`${report.extended} of ${report.results.length} extended to ${formatDate(expiresAt)}${skipped > 0 ? `; ${skipped} not (see the report)` : ''}.`, skipped > 0 ? 'info' : 'success');
      onDone(report);
    } catch (e) {
      const apiError = toApiError(e);
      const text = apiError.fieldMessage('expiresAt') ? `The new expiry ${apiError.fieldMessage('expiresAt')}.` : apiError.summary;
      setError(text);
      notify(text, 'error');
    } finally {
      setBusy(false);
    }
  };
  const allChosen = chosen.length === all.length;
  return (
    <form className="card bulk-bar" onSubmit={(e) => void submit(e)} noValidate aria-label="Extend the selected assets">
      <p className="bulk-count" aria-live="polite">
        <strong>{chosen.length}</strong> selected{' '}
        <button type="button" className="link-button" onClick={() => onSelectAll(!allChosen)}>
          {allChosen ? 'Select none' : 'Select all'}
        </button>
      </p>
      <div className={`field${error ? ' has-error' : ''}`}>
        <label htmlFor="extend-until">Extend until the end of</label>
        <input id="extend-until" type="date" value={until} min={dayFromNow(1)} onChange={(e) => setUntil(e.target.value)} aria-describedby={error ? 'extend-error' : undefined} aria-invalid={error ? true : undefined} data-testid="extend-until" />
      </div>
      <button type="submit" className="button" disabled={busy || chosen.length === 0} aria-busy={busy} data-testid="bulk-extend">
        {busy ? 'Extending…' : chosen.length === 1 ? 'Extend 1 asset' : `Extend ${chosen.length} assets`}
      </button>
      {error && (
        <p id="extend-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function ExtendReport({ report, titles, onDismiss }: { report: BulkExtendReport; titles: Map<string, string>; onDismiss: () => void }) {
  return (
    <section className="card" aria-labelledby="extend-report" data-testid="extend-report">
      <div className="week-head">
        <h2 id="extend-report">
          Extended {report.extended} of {report.results.length}
        </h2>
        <button type="button" className="button secondary small" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Asset</th>
              <th scope="col">Result</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {report.results.map((r) => (
              <tr key={r.assetId} data-testid={`extend-result-${r.assetId}`}>
                <td>
                  <Link to={`/vendor/assets/${r.assetId}`}>{titles.get(r.assetId) ?? r.assetId}</Link>
                </td>
                <td>
                  <span className={`badge ${r.outcome === 'extended' ? 'badge-live' : 'badge-expiring'}`}>{OUTCOME_LABELS[r.outcome]}</span>
                  {r.message && <span className="muted"> {r.message}</span>}
                </td>
                <td>{r.expiresAt ? formatDateTime(r.expiresAt) : 'Never'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
