import { useEffect, useState } from 'react';
import { api, call } from '../api/client';
import type { Schemas } from '../api/types';
import { StatusFilter } from '../forms';
import { Link } from '../router';
import { useToast } from '../toast';
import { Async, EmptyState, formatDate, formatDateTime, Pager, toApiError, useCursorPager, useLoad } from '../ui';
import { useTitle } from './title';

type Lead = Schemas['LeadView'];
type LeadStatus = Schemas['LeadStatusDto']['status'];

const PAGE_SIZE = 25;
const STATUSES: LeadStatus[] = ['new', 'working', 'converted', 'disqualified'];
const STATUS_LABEL: Record<LeadStatus, string> = { new: 'New', working: 'Working', converted: 'Converted', disqualified: 'Disqualified' };

function sourceLabel(source: string): string {
  const label = source.replace(/_/g, ' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** The partner's leads: who, from which kit, launch and link, and where each stands in the pipeline. */
export function LeadsPage() {
  useTitle('Leads');
  const [status, setStatus] = useState<LeadStatus | ''>('');
  const pager = useCursorPager();
  const { reset } = pager;
  useEffect(() => reset(), [status]);
  const state = useLoad(() => call(api.GET('/api/v1/leads', { params: { query: { limit: PAGE_SIZE, cursor: pager.cursor, ...(status ? { status } : {}) } } })), [pager.cursor, status]);
  return (
    <section className="page">
      <h1>Leads</h1>
      <p className="lede">People your launches brought in, with the kit, launch and link that did it. Move each through your pipeline; a converted lead leaves its nurture emails.</p>
      <div className="toolbar">
        <StatusFilter id="lead-status-filter" value={status} onChange={setStatus} statuses={STATUSES} labels={STATUS_LABEL} testId="lead-status-filter" />
      </div>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>
              {status ? `No lead is ${STATUS_LABEL[status].toLowerCase()}.` : 'No leads yet. Leads appear here when someone fills in the form on one of your landing pages.'}{' '}
              {!status && <Link to="/launches">See your launches</Link>}
            </EmptyState>
          ) : (
            <>
              <div className="table-wrap" aria-busy={state.loading}>
                <table>
                  <caption className="visually-hidden">Your leads, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Contact</th>
                      <th scope="col">Source</th>
                      <th scope="col">Captured</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((lead) => (
                      <LeadRow key={lead.id} lead={lead} />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Leads" />
            </>
          )
        }
      </Async>
    </section>
  );
}

function LeadRow({ lead: initial }: { lead: Lead }) {
  const { notify } = useToast();
  const [lead, setLead] = useState(initial);
  const [busy, setBusy] = useState(false);
  useEffect(() => setLead(initial), [initial]);
  const contact = lead.contact;
  const name = contact ? [contact.firstName, contact.lastName].filter(Boolean).join(' ') : '';

  const change = async (status: LeadStatus) => {
    const previous = lead.status;
    setLead((l) => ({ ...l, status }));
    setBusy(true);
    try {
      const saved = await call(api.PATCH('/api/v1/leads/{id}', { params: { path: { id: lead.id } }, body: { status } }));
      setLead((l) => ({ ...l, status: saved.status, statusChangedAt: saved.statusChangedAt }));
      notify(`${name || contact?.email || 'The lead'} is now ${STATUS_LABEL[status].toLowerCase()}.`);
    } catch (e) {
      setLead((l) => ({ ...l, status: previous }));
      notify(toApiError(e).summary, 'error');
    } finally {
      setBusy(false);
    }
  };

  const selectId = `lead-status-${lead.id}`;
  return (
    <tr data-testid={`lead-${lead.id}`}>
      <td>
        {contact ? (
          <>
            <strong>{name || contact.email}</strong>
            {name && (
              <>
                <br />
                <span className="email">{contact.email}</span>
              </>
            )}
            {(contact.company || contact.title) && (
              <>
                <br />
                <span className="muted">{[contact.title, contact.company].filter(Boolean).join(', ')}</span>
              </>
            )}
          </>
        ) : (
          <span className="muted">Contact not available</span>
        )}
      </td>
      <td>
        <Link to={`/launches/${lead.launchId}`}>{lead.kitName}</Link>
        <br />
        <span className="muted">
          {sourceLabel(lead.source)}
          {lead.assetKey && (
            <>
              {' '}
              via link <code>{lead.assetKey}</code>
            </>
          )}
        </span>
        {lead.sharedWithVendorAt && (
          <>
            <br />
            <span className="tag">shared with the vendor</span>
          </>
        )}
      </td>
      <td>{formatDate(lead.createdAt)}</td>
      <td>
        <label htmlFor={selectId} className="visually-hidden">
          Status of {name || contact?.email || 'this lead'}
        </label>
        <select id={selectId} value={lead.status} disabled={busy} onChange={(e) => void change(e.target.value as LeadStatus)} aria-busy={busy} data-testid={`lead-status-${lead.id}`}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        {lead.statusChangedAt && <p className="help">Changed {formatDateTime(lead.statusChangedAt)}</p>}
      </td>
    </tr>
  );
}
