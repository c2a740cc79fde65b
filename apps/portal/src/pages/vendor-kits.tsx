import { useState } from 'react';
import { api, call } from '../api/client';
import type { KitStatus } from '../api/types';
import { useUser } from '../auth';
import { Link } from '../router';
import { Async, EmptyState, Pager, StatusBadge, useCursorPager, useDebouncedValue, useLoad } from '../ui';
import { ReadOnlyNote, windowText } from '../vendor-ui';
import { useTitle } from './title';
import { AUTHOR_ROLES } from './vendor-templates-common';

const PAGE_SIZE = 20;
const STATUSES: KitStatus[] = ['draft', 'published', 'retired'];

/** Every campaign kit with its latest version, searched and filtered by status by the API. */
export function VendorKitsPage() {
  useTitle('Kits');
  const user = useUser();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<KitStatus | ''>('');
  const search = useDebouncedValue(query.trim());
  const author = AUTHOR_ROLES.includes(user.role);
  return (
    <section className="page">
      <header className="page-header with-actions">
        <h1>Kits</h1>
        {author && (
          <div className="actions">
            <Link to="/vendor/kits/new" className="button" data-testid="new-kit">
              New kit
            </Link>
          </div>
        )}
      </header>
      <p className="lede">Campaign kits bundle published templates, destinations and library assets for the partners who may launch them.</p>
      {!author && <ReadOnlyNote user={user} who="vendor admins and marketers" />}
      <form className="toolbar" role="search" aria-label="Kits" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="kit-search">Search</label>
        <input id="kit-search" type="search" value={query} placeholder="Name, slug or category" maxLength={100} onChange={(e) => setQuery(e.target.value)} data-testid="kit-search" />
        <label htmlFor="kit-status">Status</label>
        <select id="kit-status" value={status} onChange={(e) => setStatus(e.target.value as KitStatus | '')} data-testid="kit-status-filter">
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.charAt(0).toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
      </form>
      <KitTable key={`${search}|${status}`} search={search} status={status} />
    </section>
  );
}

/** The kits with their status, versions and window, a page at a time (also on the vendor's start page). */
export function KitTable({ search, status }: { search: string; status: KitStatus | '' }) {
  const pager = useCursorPager();
  const kits = useLoad(() => call(api.GET('/api/v1/kits', { params: { query: { limit: PAGE_SIZE, cursor: pager.cursor, ...(search ? { q: search } : {}), ...(status ? { status } : {}) } } })), [pager.cursor]);
  const filtered = Boolean(search || status);
  return (
    <Async state={kits}>
      {(page) =>
        page.items.length === 0 ? (
          <EmptyState>{filtered ? 'No kit matches these filters.' : 'No kit yet. Build one from your published templates.'}</EmptyState>
        ) : (
          <>
            <p className="muted" role="status" data-testid="kit-count">
              {pager.page === 1 && !page.nextCursor ? `${page.items.length} ${page.items.length === 1 ? 'kit' : 'kits'}` : `Page ${pager.page}: ${page.items.length} kits`}
            </p>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Kits by slug</caption>
                <thead>
                  <tr>
                    <th scope="col">Kit</th>
                    <th scope="col">Category</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Version
                    </th>
                    <th scope="col">Available</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((k) => (
                    <tr key={k.id} data-testid={`kit-row-${k.id}`}>
                      <td>
                        <Link to={`/vendor/kits/${k.id}`}>{k.version.name}</Link>
                        <span className="muted"> {k.slug}</span>
                      </td>
                      <td>{k.category}</td>
                      <td>
                        <StatusBadge status={k.status} />
                        {k.status === 'published' && k.version.status === 'draft' && <span className="tag">draft changes</span>}
                      </td>
                      <td className="num">
                        v{k.version.version}
                        {k.publishedVersion !== null && k.publishedVersion !== k.version.version && <span className="muted"> (v{k.publishedVersion} live)</span>}
                      </td>
                      <td>{windowText(k.version.startsAt, k.version.endsAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Kits" />
          </>
        )
      }
    </Async>
  );
}
