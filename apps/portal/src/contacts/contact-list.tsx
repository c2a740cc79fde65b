import { useEffect, useState } from 'react';
import { api, call } from '../api/client';
import { useUser } from '../auth';
import { can, personName } from '../partner-ui';
import { Async, EmptyState, formatDate, Pager, StatusBadge, useCursorPager, useDebouncedValue, useLoad } from '../ui';
import { AddContact } from './add-contact';

const PAGE_SIZE = 25;

export function ContactList() {
  const user = useUser();
  const [query, setQuery] = useState('');
  const [added, setAdded] = useState(0);
  const q = useDebouncedValue(query.trim());
  const pager = useCursorPager();
  const { reset } = pager;
  useEffect(() => reset(), [q]);
  const state = useLoad(() => call(api.GET('/api/v1/contacts', { params: { query: { limit: PAGE_SIZE, cursor: pager.cursor, ...(q ? { q } : {}) } } })), [pager.cursor, q, added]);
  return (
    <>
      {can(user, 'manage-contacts') && <AddContact onAdded={() => setAdded((n) => n + 1)} />}
      <section aria-labelledby="contact-list" className="section">
        <h2 id="contact-list">Your contacts</h2>
        <div className="toolbar">
          <label htmlFor="contact-search">Search contacts</label>
          <input id="contact-search" type="search" value={query} placeholder="Email, name or company" onChange={(e) => setQuery(e.target.value)} data-testid="contact-search" />
        </div>
        <Async state={state}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState>{q ? `No contact matches “${q}”.` : 'You have no contacts yet. Add one above or import a CSV from your CRM.'}</EmptyState>
            ) : (
              <>
                <div className="table-wrap" aria-busy={state.loading}>
                  <table>
                    <caption className="visually-hidden">Your contacts{q ? ` matching ${q}` : ''}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Contact</th>
                        <th scope="col">Company</th>
                        <th scope="col">Country</th>
                        <th scope="col">Consent</th>
                        <th scope="col">Added</th>
                      </tr>
                    </thead>
                    <tbody>
                      {page.items.map((c) => (
                        <tr key={c.id} data-testid={`contact-${c.id}`}>
                          <td>
                            <strong>{personName(c)}</strong>
                            {personName(c) !== c.email && (
                              <>
                                <br />
                                <span className="email">{c.email}</span>
                              </>
                            )}
                            {c.title && (
                              <>
                                <br />
                                <span className="muted">{c.title}</span>
                              </>
                            )}
                          </td>
                          <td>{c.company ?? '—'}</td>
                          <td>{c.country ?? '—'}</td>
                          <td>
                            <StatusBadge status={c.consentStatus} />
                          </td>
                          <td>{formatDate(c.createdAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Contacts" />
              </>
            )
          }
        </Async>
      </section>
    </>
  );
}
