import { useState, type FormEvent, type ReactNode } from 'react';
import { api, call, type ApiError } from '../api/client';
import type { FundAccount, MdfProgram, MdfRequest, Schemas } from '../api/types';
import { useUser } from '../auth';
import { MoneyInput } from '../forms';
import { activityLabel, formatDay } from '../mdf';
import { can, WhoCan } from '../partner-ui';
import { Link, navigate } from '../router';
import { useToast } from '../toast';
import { Async, EmptyState, FieldNotes, formatDate, formatMoney, loadAll, parseMoney, toApiError, useLoad } from '../ui';
import { useTitle } from './title';

type CreateBody = Schemas['CreateRequestDto'];
type ActivityType = MdfRequest['activityType'];

const ACTIVITY_TYPES: readonly ActivityType[] = ['event', 'webinar', 'paid_digital', 'email_launch', 'content_syndication', 'trade_show', 'other'];

/** A program the partner may request from now: it has a fund account there and the funds have not expired. */
interface OpenFund {
  program: MdfProgram;
  account: FundAccount;
}

interface Draft {
  programId: string;
  activityType: ActivityType | '';
  description: string;
  startsOn: string;
  endsOn: string;
  plannedCost: string;
  requested: string;
  expectedPipeline: string;
  launchIds: string[];
}

const EMPTY: Draft = { programId: '', activityType: '', description: '', startsOn: '', endsOn: '', plannedCost: '', requested: '', expectedPipeline: '', launchIds: [] };

/** The API's field names, and the input each one is shown next to. */
const INPUT_OF: Record<string, string> = {
  programId: 'request-program',
  activityType: 'request-activity',
  description: 'request-description',
  startsOn: 'request-starts',
  endsOn: 'request-ends',
  plannedCostCents: 'request-planned',
  requestedCents: 'request-requested',
  expectedPipelineCents: 'request-pipeline',
  launchIds: 'request-launches',
};

/** A pre-approval request: what the activity is, what it costs and how much MDF it needs. */
export function PartnerMdfRequestNewPage() {
  useTitle('Request funds');
  const user = useUser();
  const context = useLoad(async () => {
    const [accounts, programs, launches, kits] = await Promise.all([
      call(api.GET('/api/v1/mdf/accounts')),
      call(api.GET('/api/v1/mdf/programs')),
      loadAll((cursor) => call(api.GET('/api/v1/launches', { params: { query: { limit: 100, cursor } } }))).catch(() => []),
      // Kit names make the launches recognisable.
      loadAll((cursor) => call(api.GET('/api/v1/kits', { params: { query: { limit: 100, cursor } } }))).catch(() => []),
    ]);
    const programById = new Map(programs.items.map((p) => [p.id, p]));
    const now = Date.now();
    const funds: OpenFund[] = accounts.items.flatMap((account) => {
      const program = programById.get(account.programId);
      if (!program || program.expiredAt || account.expiredAt || Date.parse(program.expiresAt) <= now) return [];
      return [{ program, account }];
    });
    const names = new Map(kits.map((k) => [k.id, k.version.name]));
    return {
      funds,
      launches: launches.map((l) => ({ id: l.id, label: `${names.get(l.kitId) ?? 'Launch'} (${formatDate(l.createdAt)})`, ended: l.status === 'ended' })),
    };
  }, []);
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/mdf">MDF</Link>
      </p>
      <h1>Request funds</h1>
      <p className="lede">Ask for pre-approval before the activity runs. A channel manager approves it fully or partly, and the approved amount is held for your claim.</p>
      {!can(user, 'submit-mdf-requests') ? (
        <WhoCan actions={['submit-mdf-requests']}>
          Your organisation’s requests are on the <Link to="/mdf">MDF page</Link>.
        </WhoCan>
      ) : (
        <Async state={context}>
          {({ funds, launches }) =>
            funds.length === 0 ? (
              <EmptyState>
                None of your programs has funds to request from right now. <Link to="/mdf">Back to MDF</Link>
              </EmptyState>
            ) : (
              <RequestForm funds={funds} launches={launches} />
            )
          }
        </Async>
      )}
    </section>
  );
}

function RequestForm({ funds, launches }: { funds: OpenFund[]; launches: { id: string; label: string; ended: boolean }[] }) {
  const { notify } = useToast();
  const [draft, setDraft] = useState<Draft>(() => ({ ...EMPTY, programId: funds.length === 1 ? funds[0]!.program.id : '' }));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fund = funds.find((f) => f.program.id === draft.programId);
  const currency = fund?.program.currency ?? funds[0]!.program.currency;

  const set = <K extends keyof Draft>(key: K, value: Draft[K], apiField: string = key) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setProblems((p) => {
      const { [apiField]: _gone, ...rest } = p;
      return rest;
    });
  };

  const validate = (): { body?: CreateBody; found: Record<string, string> } => {
    const found: Record<string, string> = {};
    if (!fund) found.programId = 'Choose the program to request from.';
    if (!draft.activityType) found.activityType = 'Choose the kind of activity.';
    if (draft.description.trim().length < 3) found.description = 'Describe the activity: what, for whom, where.';
    if (!draft.startsOn) found.startsOn = 'Enter the day the activity starts.';
    if (!draft.endsOn) found.endsOn = 'Enter the day the activity ends.';
    else if (draft.startsOn && draft.endsOn < draft.startsOn) found.endsOn = 'The activity cannot end before it starts.';
    const planned = parseMoney(draft.plannedCost);
    const requested = parseMoney(draft.requested);
    const pipeline = draft.expectedPipeline.trim() ? parseMoney(draft.expectedPipeline) : 0;
    if (planned === undefined || planned < 1) found.plannedCostCents = 'Enter the total cost such as 5000 or 5000.00.';
    if (requested === undefined || requested < 1) found.requestedCents = 'Enter the amount of MDF such as 2500 or 2500.00.';
    else if (planned !== undefined && requested > planned) found.requestedCents = `You can request at most the planned cost (${formatMoney(planned, currency)}).`;
    else if (fund && requested > fund.account.availableCents) found.requestedCents = `Only ${formatMoney(fund.account.availableCents, currency)} is available in ${fund.program.name}.`;
    if (pipeline === undefined) found.expectedPipelineCents = 'Enter an amount such as 50000, or leave it empty.';
    if (Object.keys(found).length > 0 || !fund || !draft.activityType || planned === undefined || requested === undefined || pipeline === undefined) return { found };
    return {
      found,
      body: {
        programId: fund.program.id,
        activityType: draft.activityType,
        description: draft.description.trim(),
        startsOn: draft.startsOn,
        endsOn: draft.endsOn,
        plannedCostCents: planned,
        requestedCents: requested,
        ...(pipeline > 0 ? { expectedPipelineCents: pipeline } : {}),
        ...(draft.launchIds.length > 0 ? { launchIds: draft.launchIds } : {}),
      },
    };
  };

  const focusFirst = (found: Record<string, string>) => {
    const first = Object.keys(INPUT_OF).find((key) => found[key]);
    if (first) document.getElementById(first === 'launchIds' ? `${INPUT_OF[first]}-0` : INPUT_OF[first]!)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const { body, found } = validate();
    setProblems(found);
    setError(null);
    if (!body) {
      notify('The request is not sent yet: fix the fields marked.', 'error');
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      const created = await call(api.POST('/api/v1/mdf/requests', { body }));
      notify(`Your ${activityLabel(created.activityType).toLowerCase()} request for ${formatMoney(created.requestedCents, created.currency)} is sent for approval.`);
      navigate('/mdf');
    } catch (e) {
      const err = toApiError(e);
      const byField: Record<string, string> = {};
      for (const key of Object.keys(err.fields)) if (INPUT_OF[key]) byField[key] = err.fieldMessage(key) ?? '';
      setProblems(byField);
      // What no field explains (expired funds, a server error) is said above the form.
      setError(Object.keys(byField).length > 0 ? null : err);
      notify(Object.keys(byField).length > 0 ? 'The request is not sent yet: fix the fields marked.' : err.summary, 'error');
      focusFirst(byField);
      setBusy(false);
    }
  };

  const describedBy = (id: string, help: boolean, problem: string | undefined) => [help ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

  const moneyField = (key: 'plannedCost' | 'requested' | 'expectedPipeline', apiField: string, label: ReactNode, help: ReactNode) => (
    <MoneyInput id={INPUT_OF[apiField]!} label={label} currency={currency} value={draft[key]} onChange={(text) => set(key, text, apiField)} echo help={help} error={problems[apiField]} />
  );

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-label="Request funds" aria-busy={busy} data-testid="mdf-request-form">
      {error && (
        <p className="form-error" role="alert">
          {error.summary}
        </p>
      )}
      <div className={`field${problems.programId ? ' has-error' : ''}`}>
        <label htmlFor="request-program">
          Program <span className="muted">(required)</span>
        </label>
        <select id="request-program" value={draft.programId} onChange={(e) => set('programId', e.target.value)} aria-invalid={problems.programId ? true : undefined} aria-describedby={describedBy('request-program', true, problems.programId)}>
          {funds.length > 1 && <option value="">Choose a program</option>}
          {funds.map(({ program, account }) => (
            <option key={program.id} value={program.id}>
              {program.name}: {formatMoney(account.availableCents, program.currency)} available
            </option>
          ))}
        </select>
        <FieldNotes
          id="request-program"
          help={
            fund ? (
              <>
                {formatMoney(fund.account.availableCents, fund.program.currency)} available of {formatMoney(fund.account.allocatedCents + fund.account.adjustedCents, fund.program.currency)}; the program runs {formatDay(fund.program.periodStart)} to{' '}
                {formatDay(fund.program.periodEnd)}, and its unused funds expire on {formatDay(fund.program.expiresAt.slice(0, 10))}.
              </>
            ) : (
              'The program the funds come from; amounts are in its currency.'
            )
          }
          error={problems.programId}
        />
      </div>
      <div className="form-grid">
        <div className={`field${problems.activityType ? ' has-error' : ''}`}>
          <label htmlFor="request-activity">
            Activity <span className="muted">(required)</span>
          </label>
          <select
            id="request-activity"
            value={draft.activityType}
            onChange={(e) => set('activityType', e.target.value as ActivityType | '')}
            aria-invalid={problems.activityType ? true : undefined}
            aria-describedby={describedBy('request-activity', false, problems.activityType)}
          >
            <option value="">Choose the kind of activity</option>
            {ACTIVITY_TYPES.map((t) => (
              <option key={t} value={t}>
                {activityLabel(t)}
              </option>
            ))}
          </select>
          <FieldNotes id="request-activity" error={problems.activityType} />
        </div>
        <div className={`field${problems.startsOn ? ' has-error' : ''}`}>
          <label htmlFor="request-starts">
            Starts on <span className="muted">(required)</span>
          </label>
          <input id="request-starts" type="date" value={draft.startsOn} onChange={(e) => set('startsOn', e.target.value)} aria-invalid={problems.startsOn ? true : undefined} aria-describedby={describedBy('request-starts', true, problems.startsOn)} />
          <FieldNotes id="request-starts" help="Deals registered from this day on can be linked to the claim." error={problems.startsOn} />
        </div>
        <div className={`field${problems.endsOn ? ' has-error' : ''}`}>
          <label htmlFor="request-ends">
            Ends on <span className="muted">(required)</span>
          </label>
          <input
            id="request-ends"
            type="date"
            value={draft.endsOn}
            min={draft.startsOn || undefined}
            onChange={(e) => set('endsOn', e.target.value)}
            aria-invalid={problems.endsOn ? true : undefined}
            aria-describedby={describedBy('request-ends', true, problems.endsOn)}
          />
          <FieldNotes id="request-ends" help={fund ? `Claim within ${fund.program.claimDeadlineDays} days of this day.` : 'You claim the activity within the program’s window after this day.'} error={problems.endsOn} />
        </div>
      </div>
      <div className={`field${problems.description ? ' has-error' : ''}`}>
        <label htmlFor="request-description">
          Description <span className="muted">(required)</span>
        </label>
        <textarea
          id="request-description"
          rows={4}
          maxLength={4000}
          value={draft.description}
          onChange={(e) => set('description', e.target.value)}
          aria-invalid={problems.description ? true : undefined}
          aria-describedby={describedBy('request-description', true, problems.description)}
        />
        <FieldNotes id="request-description" help="What the activity is, who it reaches and how; the channel manager decides from this." error={problems.description} />
      </div>
      <div className="form-grid">
        {moneyField('plannedCost', 'plannedCostCents', <>Planned total cost <span className="muted">(required)</span></>, 'Everything the activity costs, MDF included.')}
        {moneyField('requested', 'requestedCents', <>MDF requested <span className="muted">(required)</span></>, fund ? `At most the planned cost and the ${formatMoney(fund.account.availableCents, currency)} available.` : 'At most the planned cost and what the program has available.')}
        {moneyField('expectedPipeline', 'expectedPipelineCents', 'Expected pipeline', 'The opportunity value you expect the activity to create (optional).')}
      </div>
      <fieldset className={`checkbox-group${problems.launchIds ? ' has-error' : ''}`} aria-describedby={describedBy('request-launches', true, problems.launchIds)}>
        <legend>Launches it promotes</legend>
        {launches.length === 0 ? (
          <p id="request-launches-help" className="help">
            You have no launches yet; <Link to="/catalog">launch a kit</Link> to link its emails and pages to the activity.
          </p>
        ) : (
          <>
            <div className="check-scroll">
              {launches.map((l, i) => (
                <label key={l.id} className="check">
                  <input
                    id={`request-launches-${i}`}
                    type="checkbox"
                    checked={draft.launchIds.includes(l.id)}
                    onChange={(e) => set('launchIds', e.target.checked ? [...draft.launchIds, l.id] : draft.launchIds.filter((id) => id !== l.id), 'launchIds')}
                  />
                  {l.label}
                  {l.ended && <span className="tag">ended</span>}
                </label>
              ))}
            </div>
            <FieldNotes id="request-launches" help="Optional. The claim’s proof-of-performance pack shows the linked launches’ creatives, sends, clicks and leads." />
          </>
        )}
        {problems.launchIds && (
          <p id="request-launches-error" className="field-error">
            {problems.launchIds}
          </p>
        )}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy} data-testid="mdf-request-submit">
          {busy ? 'Sending…' : 'Send for approval'}
        </button>
        <Link to="/mdf" className="button secondary">
          Cancel
        </Link>
      </div>
    </form>
  );
}
