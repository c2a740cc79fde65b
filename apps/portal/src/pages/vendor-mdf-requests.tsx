import { useState, type FormEvent } from 'react';
import { api, call } from '../api/client';
import type { FundAccount, MdfProgram, MdfRequest, MdfRequestStatus, Schemas } from '../api/types';
import { useUser } from '../auth';
import { MoneyInput } from '../forms';
import { activityLabel, formatDayRange } from '../mdf';
import { Link, useLocation } from '../router';
import { useToast } from '../toast';
import { Async, centsToDecimal, EmptyState, Field, formatDate, formatMoney, loadAll, Pager, parseMoney, StatusBadge, toApiError, useCursorPager, useLoad } from '../ui';
import { ago, MDF_REQUEST_DECIDERS, ReadOnlyNote } from '../vendor-ui';
import { useTitle } from './title';

type Partner = Schemas['PartnerView'];

const PAGE_SIZE = 20;

const VIEWS: { key: MdfRequestStatus; label: string }[] = [
  { key: 'submitted', label: 'Waiting' },
  { key: 'info_requested', label: 'Information requested' },
  { key: 'approved', label: 'Approved' },
  { key: 'rejected', label: 'Rejected' },
];

interface Context {
  programs: Map<string, MdfProgram>;
  partners: Partner[];
  accounts: Map<string, FundAccount>;
}

/** MDF pre-approval requests, oldest first: approve all or part (the funds are reserved), ask for information, or reject. */
export function VendorMdfRequestsPage() {
  useTitle('MDF requests');
  const user = useUser();
  const { search } = useLocation();
  const view = VIEWS.find((v) => v.key === search.get('status'))?.key ?? 'submitted';
  const [partnerId, setPartnerId] = useState('');
  const [programId, setProgramId] = useState('');
  const context = useLoad(async (): Promise<Context> => {
    const [programs, partners, accounts] = await Promise.all([
      call(api.GET('/api/v1/mdf/programs')),
      loadAll((cursor) => call(api.GET('/api/v1/partners', { params: { query: { limit: 100, cursor } } }))),
      call(api.GET('/api/v1/mdf/accounts')),
    ]);
    return {
      programs: new Map(programs.items.map((p) => [p.id, p])),
      partners: [...partners].sort((a, b) => a.name.localeCompare(b.name)),
      accounts: new Map(accounts.items.map((a) => [a.id, a])),
    };
  }, []);
  return (
    <section className="page">
      <h1>MDF requests</h1>
      <p className="lede">Partners’ planned marketing activities waiting for pre-approval, oldest first. Approving reserves the amount on the partner’s fund.</p>
      {!MDF_REQUEST_DECIDERS.includes(user.role) && <ReadOnlyNote user={user} who="channel managers" />}
      <nav className="tabs" aria-label="Requests by status">
        {VIEWS.map((v) => (
          <Link key={v.key} to={v.key === 'submitted' ? '/vendor/mdf-requests' : `/vendor/mdf-requests?status=${v.key}`} aria-current={v.key === view ? 'page' : undefined} data-testid={`mdf-requests-view-${v.key}`}>
            {v.label}
          </Link>
        ))}
      </nav>
      <Async state={context}>
        {(ctx) => (
          <>
            <form className="toolbar" role="search" aria-label="Requests" onSubmit={(e) => e.preventDefault()}>
              <label htmlFor="mdf-partner">Partner</label>
              <select id="mdf-partner" className="narrow" value={partnerId} onChange={(e) => setPartnerId(e.target.value)} data-testid="mdf-partner-filter">
                <option value="">All partners</option>
                {ctx.partners.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              <label htmlFor="mdf-program">Program</label>
              <select id="mdf-program" className="narrow" value={programId} onChange={(e) => setProgramId(e.target.value)}>
                <option value="">All programs</option>
                {[...ctx.programs.values()].map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </form>
            {/* A new view or filter starts at the first page. */}
            <RequestList key={`${view}|${partnerId}|${programId}`} status={view} partnerId={partnerId} programId={programId} context={ctx} reloadContext={context.reload} />
          </>
        )}
      </Async>
    </section>
  );
}

function RequestList({ status, partnerId, programId, context, reloadContext }: { status: MdfRequestStatus; partnerId: string; programId: string; context: Context; reloadContext: () => void }) {
  const pager = useCursorPager();
  const [decided, setDecided] = useState<Map<string, MdfRequest>>(new Map());
  const requests = useLoad(
    () =>
      call(
        api.GET('/api/v1/mdf/requests', { params: { query: { status, limit: PAGE_SIZE, cursor: pager.cursor, ...(partnerId ? { partnerId } : {}), ...(programId ? { programId } : {}) } } }),
      ),
    [pager.cursor],
  );
  const partnerName = (id: string) => context.partners.find((p) => p.id === id)?.name ?? 'A partner';
  const label = VIEWS.find((v) => v.key === status)!.label.toLowerCase();
  return (
    <Async state={requests}>
      {(page) =>
        page.items.length === 0 ? (
          <EmptyState>{status === 'submitted' ? 'No request is waiting for approval.' : `No request here (${label}).`}</EmptyState>
        ) : (
          <>
            <div className="toolbar">
              <p className="muted" role="status">
                {page.items.length} {page.items.length === 1 ? 'request' : 'requests'} on page {pager.page}, oldest submission first.
              </p>
              {decided.size > 0 && (
                <button
                  type="button"
                  className="button secondary small"
                  onClick={() => {
                    setDecided(new Map());
                    requests.reload();
                    reloadContext();
                  }}
                >
                  Refresh the queue
                </button>
              )}
            </div>
            <ul className="claim-list">
              {page.items.map((r) => (
                <RequestCard
                  key={r.id}
                  request={r}
                  partnerName={partnerName(r.partnerId)}
                  program={context.programs.get(r.programId)}
                  account={context.accounts.get(r.accountId)}
                  decided={decided.get(r.id)}
                  onDecided={(d) => {
                    setDecided((m) => new Map(m).set(d.id, d));
                    // The fund balances changed: reload them (the queue keeps its place).
                    reloadContext();
                  }}
                />
              ))}
            </ul>
            <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Requests" />
          </>
        )
      }
    </Async>
  );
}

function RequestCard({
  request: r,
  partnerName,
  program,
  account,
  decided,
  onDecided,
}: {
  request: MdfRequest;
  partnerName: string;
  program: MdfProgram | undefined;
  account: FundAccount | undefined;
  decided: MdfRequest | undefined;
  onDecided: (r: MdfRequest) => void;
}) {
  const user = useUser();
  const money = (cents: number) => formatMoney(cents, r.currency);
  const headingId = `request-${r.id}-title`;
  const current = decided ?? r;
  return (
    <li className="card" aria-labelledby={headingId} data-testid={`mdf-request-row-${r.id}`}>
      <div className="claim-card-head">
        <h2 id={headingId} className="card-title">
          {partnerName}: {activityLabel(r.activityType).toLowerCase()}
        </h2>
        <span>
          <StatusBadge status={current.status} /> <span className="muted">submitted {formatDate(r.submittedAt)} ({ago(r.submittedAt)})</span>
        </span>
      </div>
      <div className="deal-card-body">
        <div>
          <p>{r.description}</p>
          <dl className="facts">
            <dt>Program</dt>
            <dd>{program?.name ?? '—'}</dd>
            <dt>Dates</dt>
            <dd>{formatDayRange(r)}</dd>
            <dt>Planned cost</dt>
            <dd className="money">{money(r.plannedCostCents)}</dd>
            <dt>Requested</dt>
            <dd className="money">
              <strong>{money(r.requestedCents)}</strong>
            </dd>
            <dt>Expected pipeline</dt>
            <dd className="money">{money(r.expectedPipelineCents)}</dd>
            <dt>Fund available</dt>
            <dd className="money">{account ? formatMoney(account.availableCents, account.currency) : '—'}</dd>
            {r.launchIds.length > 0 && (
              <>
                <dt>Linked launches</dt>
                <dd>
                  {r.launchIds.map((id, i) => (
                    <span key={id}>
                      {i > 0 && ', '}
                      <Link to={`/launches/${id}`}>Launch {i + 1}</Link>
                    </span>
                  ))}
                </dd>
              </>
            )}
            {current.approvedCents !== null && (
              <>
                <dt>Approved</dt>
                <dd className="money">{money(current.approvedCents)}</dd>
              </>
            )}
            {current.decisionNote && (
              <>
                <dt>{current.status === 'info_requested' ? 'Asked' : 'Note'}</dt>
                <dd>{current.decisionNote}</dd>
              </>
            )}
          </dl>
        </div>
        {r.status === 'submitted' && (
          <section className="deal-card-decision" aria-label={`Decide ${partnerName}’s request`}>
            {decided ? (
              <p role="status">
                Decided: <StatusBadge status={decided.status} />
              </p>
            ) : !MDF_REQUEST_DECIDERS.includes(user.role) ? (
              <p className="muted">Waiting for a channel manager.</p>
            ) : r.submittedBy === user.id ? (
              <p className="notice" data-testid="maker-checker">
                You submitted this request for the partner, so another channel manager must decide it.
              </p>
            ) : (
              <RequestDecision request={r} account={account} onDecided={onDecided} />
            )}
          </section>
        )}
      </div>
    </li>
  );
}

type Action = 'approve' | 'info' | 'reject';

function RequestDecision({ request: r, account, onDecided }: { request: MdfRequest; account: FundAccount | undefined; onDecided: (r: MdfRequest) => void }) {
  const { notify } = useToast();
  const [amount, setAmount] = useState(() => centsToDecimal(r.requestedCents));
  const [approveNote, setApproveNote] = useState('');
  const [message, setMessage] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<{ action: Action; text: string; field?: string } | null>(null);
  const [outcome, setOutcome] = useState('');
  const id = r.id;
  const path = { params: { path: { id } } };
  const money = (cents: number) => formatMoney(cents, r.currency);

  const run = async (action: Action, request: () => Promise<MdfRequest>, done: (updated: MdfRequest) => string) => {
    setBusy(action);
    setError(null);
    try {
      const updated = await request();
      const text = done(updated);
      setOutcome(text);
      notify(text);
      onDecided(updated);
    } catch (e) {
      const apiError = toApiError(e);
      let text = apiError.summary;
      let field: string | undefined;
      if (apiError.code === 'MDF_MAKER_CHECKER') text = 'You submitted or resubmitted this request, so you cannot decide it: another channel manager must.';
      else if (apiError.code === 'MDF_FUND_INSUFFICIENT') {
        field = 'amountCents';
        text = `${apiError.message}. Approve a smaller amount, or ask an admin to adjust the partner’s allocation.`;
      } else if (apiError.fieldMessage('amountCents')) {
        field = 'amountCents';
        text = `The amount ${apiError.fieldMessage('amountCents')}.`;
      } else if (apiError.fieldMessage('note')) {
        field = 'note';
        text = `The note ${apiError.fieldMessage('note')}.`;
      }
      setError({ action, text, field });
      notify(text, 'error');
    } finally {
      setBusy(null);
    }
  };

  const approve = (event: FormEvent) => {
    event.preventDefault();
    const cents = parseMoney(amount);
    if (cents === undefined || cents < 1) return setError({ action: 'approve', text: 'Enter an amount such as 1250.00.', field: 'amountCents' });
    if (cents > r.requestedCents) return setError({ action: 'approve', text: `At most the requested ${money(r.requestedCents)} can be approved.`, field: 'amountCents' });
    const note = approveNote.trim();
    void run('approve', () => call(api.POST('/api/v1/mdf/requests/{id}/approve', { ...path, body: { amountCents: cents, ...(note ? { note } : {}) } })), (u) =>
      u.approvedCents !== null && u.approvedCents < r.requestedCents ? `Approved in part: ${money(u.approvedCents)} of ${money(r.requestedCents)} reserved.` : `Approved: ${money(u.approvedCents ?? cents)} reserved.`,
    );
  };
  const askInfo = (event: FormEvent) => {
    event.preventDefault();
    if (message.trim().length < 3) return setError({ action: 'info', text: 'Write at least 3 characters.', field: 'note' });
    void run('info', () => call(api.POST('/api/v1/mdf/requests/{id}/request-info', { ...path, body: { note: message.trim() } })), () => 'Information requested; the request waits for the partner.');
  };
  const reject = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) return setError({ action: 'reject', text: 'Write at least 3 characters.', field: 'note' });
    void run('reject', () => call(api.POST('/api/v1/mdf/requests/{id}/reject', { ...path, body: { note: reason.trim() } })), () => 'Request rejected.');
  };

  const fieldError = (action: Action, field: string) => (error?.action === action && error.field === field ? error.text : undefined);
  const formError = (action: Action) => (error?.action === action && !error.field ? error.text : undefined);
  const cents = parseMoney(amount);
  const short = account && cents !== undefined && cents > account.availableCents;
  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite">
        {outcome}
      </p>
      <form onSubmit={approve} noValidate>
        <MoneyInput
          id={`approve-${id}`}
          label={`Amount to approve (${r.currency})`}
          currency={r.currency}
          value={amount}
          onChange={(text) => {
            setAmount(text);
            if (error?.action === 'approve') setError(null);
          }}
          help={
            <>
              Up to the requested {money(r.requestedCents)}; less approves it in part.
              {account && ` ${formatMoney(account.availableCents, account.currency)} is available in the fund.`}
              {short && <strong> More than is available: the approval would be refused.</strong>}
            </>
          }
          error={fieldError('approve', 'amountCents')}
          testId="approve-request-amount"
        />
        <Field id={`approve-note-${id}`} label="Note (optional)">
          {(describedBy) => <input id={`approve-note-${id}`} value={approveNote} maxLength={2000} onChange={(e) => setApproveNote(e.target.value)} aria-describedby={describedBy} />}
        </Field>
        {formError('approve') && (
          <p className="form-error" role="alert">
            {formError('approve')}
          </p>
        )}
        <button type="submit" className="button" disabled={busy !== null} aria-busy={busy === 'approve'} data-testid="approve-request">
          {busy === 'approve' ? 'Approving…' : cents !== undefined && cents < r.requestedCents ? 'Approve in part' : 'Approve'}
        </button>
      </form>
      <details className="decision-more">
        <summary>Ask for information</summary>
        <form onSubmit={askInfo} noValidate>
          <Field id={`info-${id}`} label="What is missing" help="The partner changes the request and sends it back." error={fieldError('info', 'note')}>
            {(describedBy, invalid) => <textarea id={`info-${id}`} rows={2} maxLength={2000} value={message} onChange={(e) => setMessage(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} data-testid="request-info-note" />}
          </Field>
          {formError('info') && (
            <p className="form-error" role="alert">
              {formError('info')}
            </p>
          )}
          <button type="submit" className="button secondary" disabled={busy !== null} aria-busy={busy === 'info'} data-testid="request-info-request">
            {busy === 'info' ? 'Sending…' : 'Ask for information'}
          </button>
        </form>
      </details>
      <details className="decision-more">
        <summary>Reject</summary>
        <form onSubmit={reject} noValidate>
          <Field id={`reject-${id}`} label="Reason" help="The partner sees it." error={fieldError('reject', 'note')}>
            {(describedBy, invalid) => <textarea id={`reject-${id}`} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} data-testid="reject-request-reason" />}
          </Field>
          {formError('reject') && (
            <p className="form-error" role="alert">
              {formError('reject')}
            </p>
          )}
          <button type="submit" className="button danger" disabled={busy !== null} aria-busy={busy === 'reject'} data-testid="reject-request">
            {busy === 'reject' ? 'Rejecting…' : 'Reject request'}
          </button>
        </form>
      </details>
    </>
  );
}
