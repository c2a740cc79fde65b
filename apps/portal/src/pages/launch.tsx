import { useEffect, useState } from 'react';
import { api, call } from '../api/client';
import type { LaunchDetail, LaunchResults } from '../api/types';
import { isPartner, useUser } from '../auth';
import { Link } from '../router';
import { useToast } from '../toast';
import { Async, formatDateTime, StatusBadge, toApiError, useLoad } from '../ui';
import { useTitle } from './title';

const BLAST_POLL_MS = 5000;
const SEND_LABELS: [keyof LaunchResults['sends'], string][] = [
  ['pending', 'Waiting to send'],
  ['sent', 'Sent'],
  ['delivered', 'Delivered'],
  ['bounced', 'Bounced'],
  ['suppressed', 'Suppressed'],
  ['unsubscribed', 'Unsubscribed'],
  ['cancelled', 'Cancelled'],
  ['failed', 'Failed'],
];

/** One launch: its trackable links, renditions to download, sends and results. */
export function LaunchPage({ params }: { params: Record<string, string> }) {
  const launchId = params.launchId!;
  const user = useUser();
  const { notify } = useToast();
  const [busy, setBusy] = useState(false);
  const state = useLoad(async () => {
    const [launch, results] = await Promise.all([
      call(api.GET('/api/v1/launches/{id}', { params: { path: { id: launchId } } })),
      call(api.GET('/api/v1/launches/{id}/results', { params: { path: { id: launchId } } })),
    ]);
    const kit = await call(api.GET('/api/v1/kits/{id}', { params: { path: { id: launch.kitId } } })).catch(() => null);
    return { launch, results, kitName: kit?.version.name ?? 'Launch' };
  }, [launchId]);
  useTitle(state.data?.kitName ?? 'Launch');

  // While the email is being prepared or sent, keep the counts moving.
  const sending = state.data && (state.data.launch.blastStatus === 'expanding' || state.data.results.sends.pending > 0);
  const { reload } = state;
  useEffect(() => {
    if (!sending) return;
    const timer = window.setInterval(reload, BLAST_POLL_MS);
    return () => window.clearInterval(timer);
  }, [sending, reload]);

  const act = async (action: 'pause' | 'resume' | 'end', done: string) => {
    if (action === 'end' && !window.confirm('End this launch? Its links will go to your website and unsent email is cancelled.')) return;
    setBusy(true);
    try {
      const path = { params: { path: { id: launchId } } };
      await call(action === 'pause' ? api.POST('/api/v1/launches/{id}/pause', path) : action === 'resume' ? api.POST('/api/v1/launches/{id}/resume', path) : api.POST('/api/v1/launches/{id}/end', path));
      notify(done);
      state.reload();
    } catch (e) {
      notify(toApiError(e).summary, 'error');
    } finally {
      setBusy(false);
    }
  };

  const canOperate = user.role !== 'partner_user' && user.role !== 'finance';
  return (
    <section className="page">
      {isPartner(user) && (
        <p className="breadcrumb">
          <Link to="/launches">Launches</Link>
        </p>
      )}
      <Async state={state}>
        {({ launch, results, kitName }) => (
          <>
            <header className="page-header">
              <h1 data-testid="launch-header">{kitName}</h1>
              <p>
                <StatusBadge status={launch.status} /> launched {formatDateTime(launch.createdAt)} {launch.mode !== 'partner' && <span className="muted">({launch.mode})</span>}
                {launch.updateAvailable && <span className="badge badge-update">update available</span>}
              </p>
              {canOperate && launch.status !== 'ended' && (
                <div className="actions">
                  {launch.status === 'active' ? (
                    <button type="button" className="button secondary" disabled={busy} onClick={() => void act('pause', 'The launch is paused; unsent email waits.')}>
                      Pause
                    </button>
                  ) : (
                    <button type="button" className="button secondary" disabled={busy} onClick={() => void act('resume', 'The launch is running again.')}>
                      Resume
                    </button>
                  )}
                  <button type="button" className="button danger" disabled={busy} onClick={() => void act('end', 'The launch has ended.')}>
                    End launch
                  </button>
                </div>
              )}
            </header>
            <BlastProgress launch={launch} results={results} />
            <Links launch={launch} results={results} />
            <Renditions launch={launch} />
            <Results results={results} />
          </>
        )}
      </Async>
    </section>
  );
}

function BlastProgress({ launch, results }: { launch: LaunchDetail; results: LaunchResults }) {
  if (launch.blastStatus === 'none') return null;
  const s = results.sends;
  const done = s.sent + s.delivered + s.bounced + s.suppressed + s.cancelled + s.failed + s.unsubscribed;
  const total = Math.max(launch.blastCount, done + s.pending);
  return (
    <section className="card" aria-labelledby="blast">
      <h2 id="blast">Email</h2>
      <p>
        {launch.blastStatus === 'scheduled' ? `Scheduled for ${formatDateTime(launch.sendAt)}.` : launch.blastStatus === 'cancelled' ? 'Cancelled.' : `${done} of ${total} processed.`}
      </p>
      {total > 0 && launch.blastStatus !== 'cancelled' && (
        <progress max={total} value={done} aria-label="Email sending progress">
          {done} of {total}
        </progress>
      )}
    </section>
  );
}

function Links({ launch, results }: { launch: LaunchDetail; results: LaunchResults }) {
  const clicksByCode = new Map(results.links.map((l) => [l.code, l.clicks]));
  return (
    <section className="card" aria-labelledby="links">
      <h2 id="links">Links</h2>
      {launch.links.length === 0 ? (
        <p className="muted">This launch has no trackable links.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Link</th>
                <th scope="col">Goes to</th>
                <th scope="col">Where</th>
                <th scope="col" className="num">
                  Clicks (filtered)
                </th>
              </tr>
            </thead>
            <tbody>
              {launch.links.map((link) => {
                const code = link.url.split('/l/')[1]?.split('?')[0] ?? '';
                const clicks = clicksByCode.get(code);
                return (
                  <tr key={link.url}>
                    <td>
                      <code className="link-url">{link.url}</code> <CopyButton text={link.url} />
                    </td>
                    <td className="wrap">{link.destinationUrl}</td>
                    <td>{link.medium}</td>
                    <td className="num">{clicks ? clicks.filtered : 0}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CopyButton({ text }: { text: string }) {
  const { notify } = useToast();
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => notify('Link copied.'),
          () => notify('Copying is not allowed here; select the link instead.', 'error'),
        );
      }}
    >
      Copy
    </button>
  );
}

function Renditions({ launch }: { launch: LaunchDetail }) {
  if (launch.renditions.length === 0) return null;
  return (
    <section className="card" aria-labelledby="renditions">
      <h2 id="renditions">Banners</h2>
      <ul className="rendition-list">
        {launch.renditions.map((r) => (
          <li key={r.templateId}>
            <strong>{r.templateName}</strong>
            {r.width && r.height && (
              <span className="muted">
                {' '}
                {r.width}×{r.height}
              </span>
            )}{' '}
            {r.withdrawn ? (
              <span className="muted">withdrawn (its image expired)</span>
            ) : r.url ? (
              <a href={r.url} download className="button secondary small">
                Download
              </a>
            ) : (
              <span className="muted">being rendered</span>
            )}
          </li>
        ))}
      </ul>
      <p className="help">Download links are valid for a few minutes; reload the page for fresh ones.</p>
    </section>
  );
}

function Results({ results }: { results: LaunchResults }) {
  const rate = results.clickToLeadRate === null ? '—' : `${(results.clickToLeadRate * 100).toFixed(1)} %`;
  return (
    <section className="card" aria-labelledby="results">
      <h2 id="results">Results</h2>
      <dl className="stats">
        <div>
          <dt>Clicks</dt>
          <dd>{results.clicks.filtered}</dd>
        </div>
        <div>
          <dt>Unique visitors</dt>
          <dd>{results.clicks.unique}</dd>
        </div>
        <div>
          <dt>Leads</dt>
          <dd>{results.leads}</dd>
        </div>
        <div>
          <dt>Click to lead</dt>
          <dd>{rate}</dd>
        </div>
        <div>
          <dt>Opens (approx.)</dt>
          <dd>{results.opens.filtered}</dd>
        </div>
      </dl>
      <p className="help">
        Filtered clicks leave out {results.clicks.bots} from bots and {results.clicks.scanners} from mail security scanners ({results.clicks.raw} raw).
      </p>
      <h3>Sends</h3>
      <dl className="stats small">
        {SEND_LABELS.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{results.sends[key]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
