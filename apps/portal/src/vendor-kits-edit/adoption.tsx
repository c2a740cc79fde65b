import { useEffect, useState } from 'react';
import { api, call } from '../api/client';
import { Link } from '../router';
import { Async, EmptyState, useLoad } from '../ui';
import type { KitView } from './kit-form';

const AUTO_LAUNCH_POLL_MS = 4000;

const AUTO_LAUNCH_POLL_LIMIT = 60;

/** Adoption: launched of eligible partners per tier, auto-launch progress, and what the launches produced. */
export function Adoption({ kit, onProgress }: { kit: KitView; onProgress: () => void }) {
  const results = useLoad(() => call(api.GET('/api/v1/kits/{id}/results', { params: { path: { id: kit.id } } })), [kit.id]);
  const auto = kit.autoLaunch;
  const running = !!auto && auto.total > 0 && auto.launched < auto.total && kit.status === 'published';
  const [polls, setPolls] = useState(0);
  // Auto-launch runs in the background: follow it until every opted-in partner has launched.
  useEffect(() => {
    if (!running || polls >= AUTO_LAUNCH_POLL_LIMIT) return;
    const timer = window.setTimeout(() => {
      setPolls((p) => p + 1);
      onProgress();
      results.reload();
    }, AUTO_LAUNCH_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [running, polls, auto?.launched]);
  return (
    <section className="card" aria-labelledby="adoption-title">
      <div className="page-header with-actions">
        <h2 id="adoption-title">Adoption and results</h2>
        <button type="button" className="button small secondary" onClick={() => results.reload()} aria-busy={results.loading}>
          Refresh
        </button>
      </div>
      {auto && auto.total > 0 && (
        <div className="progress-block" data-testid="auto-launch-progress">
          <label htmlFor="auto-launch-progress">
            Auto-launch: {auto.launched} of {auto.total} opted-in partners launched{running ? ' (in progress)' : ''}
          </label>
          <progress id="auto-launch-progress" max={auto.total} value={auto.launched} />
        </div>
      )}
      <Async state={results}>
        {(r) => (
          <>
            <h3>Launched by tier</h3>
            {r.adoption.length === 0 ? (
              <EmptyState>No tier yet.</EmptyState>
            ) : (
              <div className="table-wrap">
                <table className="adoption-table">
                  <caption className="visually-hidden">Partners that launched the kit, of those eligible, per tier</caption>
                  <thead>
                    <tr>
                      <th scope="col">Tier</th>
                      <th scope="col" className="num">
                        Launched
                      </th>
                      <th scope="col" className="num">
                        Eligible
                      </th>
                      <th scope="col" className="num">
                        Rate
                      </th>
                      <th scope="col">
                        <span className="visually-hidden">Bar</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.adoption.map((t) => {
                      const pct = t.eligible > 0 ? Math.min(100, Math.round((t.launched / t.eligible) * 100)) : 0;
                      return (
                        <tr key={t.tierId} data-testid={`adoption-${t.tierName}`}>
                          <th scope="row">{t.tierName}</th>
                          <td className="num">{t.launched}</td>
                          <td className="num">{t.eligible}</td>
                          <td className="num">{t.rate === null ? '—' : `${Math.round(t.rate * 100)} %`}</td>
                          <td className="bar-cell" aria-hidden="true">
                            <span className="bar">
                              <span className="bar-fill" style={{ width: `${pct}%` }} />
                            </span>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            <h3>Across all launches</h3>
            <dl className="stats small">
              <div>
                <dt>Launches</dt>
                <dd>{r.totals.launches}</dd>
              </div>
              <div>
                <dt>Clicks (filtered)</dt>
                <dd>{r.totals.clicksFiltered}</dd>
              </div>
              <div>
                <dt>Clicks (raw)</dt>
                <dd>{r.totals.clicksRaw}</dd>
              </div>
              <div>
                <dt>Unique clicks</dt>
                <dd>{r.totals.clicksUnique}</dd>
              </div>
              <div>
                <dt>Opens (approx.)</dt>
                <dd>{r.totals.opensFiltered}</dd>
              </div>
              <div>
                <dt>Leads</dt>
                <dd>{r.totals.leads}</dd>
              </div>
              <div>
                <dt>Click to lead</dt>
                <dd>{r.totals.clickToLeadRate === null ? '—' : `${(r.totals.clickToLeadRate * 100).toFixed(1)} %`}</dd>
              </div>
              <div>
                <dt>Emails sent</dt>
                <dd>{r.totals.sends.sent + r.totals.sends.delivered}</dd>
              </div>
            </dl>
            <p className="help">Filtered clicks leave out bots and mail security scanners.</p>
            <p>
              <Link to={`/vendor?kitId=${kit.id}`}>This kit on the dashboard</Link>
            </p>
          </>
        )}
      </Async>
    </section>
  );
}
