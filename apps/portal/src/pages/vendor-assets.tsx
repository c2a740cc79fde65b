import { useState } from 'react';
import { api, call } from '../api/client';
import type { AssetStatus, AssetType } from '../api/types';
import { useUser } from '../auth';
import { Link } from '../router';
import { Async, daysUntil, EmptyState, formatDate, Pager, StatusBadge, useCursorPager, useDebouncedValue, useLoad } from '../ui';
import { ASSET_EDITORS, ASSET_STATUSES, ASSET_TYPE_LABELS, ASSET_TYPES } from '../vendor-ui';
import { useTitle } from './title';

const PAGE_SIZE = 25;

interface Filters {
  q: string;
  type: AssetType | '';
  status: AssetStatus | '';
}

/** The vendor's asset library: every asset, searchable and filtered by type and status, newest first. */
export function VendorAssetsPage() {
  useTitle('Assets');
  const user = useUser();
  const [query, setQuery] = useState('');
  const [type, setType] = useState<Filters['type']>('');
  const [status, setStatus] = useState<Filters['status']>('');
  const q = useDebouncedValue(query.trim());
  const filters: Filters = { q, type, status };
  return (
    <section className="page">
      <header className="page-header with-actions">
        <h1>Assets</h1>
        <div className="actions">
          <Link to="/vendor/assets/expiring" className="button secondary">
            Expiry calendar
          </Link>
          {ASSET_EDITORS.includes(user.role) && (
            <Link to="/vendor/assets/new" className="button" data-testid="new-asset">
              New asset
            </Link>
          )}
        </div>
      </header>
      <p className="lede">Datasheets, decks, videos, images and legal documents partners use, with their versions and expiry.</p>
      <form className="toolbar" role="search" aria-label="Assets" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="asset-search">Search</label>
        <input id="asset-search" type="search" value={query} placeholder="Title, description or tag" onChange={(e) => setQuery(e.target.value)} data-testid="asset-search" />
        <label htmlFor="asset-type">Type</label>
        <select id="asset-type" value={type} onChange={(e) => setType(e.target.value as Filters['type'])} className="narrow" data-testid="asset-type-filter">
          <option value="">All types</option>
          {ASSET_TYPES.map((t) => (
            <option key={t} value={t}>
              {ASSET_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
        <label htmlFor="asset-status">Status</label>
        <select id="asset-status" value={status} onChange={(e) => setStatus(e.target.value as Filters['status'])} className="narrow" data-testid="asset-status-filter">
          <option value="">All statuses</option>
          {ASSET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.charAt(0).toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
      </form>
      {/* New filters start at the first page. */}
      <AssetTable key={`${q}|${type}|${status}`} filters={filters} />
    </section>
  );
}

function AssetTable({ filters }: { filters: Filters }) {
  const pager = useCursorPager();
  const assets = useLoad(
    () =>
      call(
        api.GET('/api/v1/assets', {
          params: { query: { limit: PAGE_SIZE, cursor: pager.cursor, ...(filters.q ? { q: filters.q } : {}), ...(filters.type ? { type: filters.type } : {}), ...(filters.status ? { status: filters.status } : {}) } },
        }),
      ),
    [pager.cursor],
  );
  const filtered = Boolean(filters.q || filters.type || filters.status);
  return (
    <Async state={assets}>
      {(page) =>
        page.items.length === 0 ? (
          <EmptyState>{filtered ? 'No asset matches these filters.' : 'The library is empty. Create an asset, then upload its file.'}</EmptyState>
        ) : (
          <>
            <p className="muted" role="status">
              {pager.page === 1 && !page.nextCursor ? `${page.items.length} ${page.items.length === 1 ? 'asset' : 'assets'}` : `Page ${pager.page}: ${page.items.length} assets`}
            </p>
            <div className="table-wrap">
              <table className="asset-table">
                <caption className="visually-hidden">Assets, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="visually-hidden">Thumbnail</span>
                    </th>
                    <th scope="col">Asset</th>
                    <th scope="col">Type</th>
                    <th scope="col">Status</th>
                    <th scope="col">Published</th>
                    <th scope="col">Expires</th>
                    <th scope="col">Successor</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((a) => (
                    <tr key={a.id} data-testid={`asset-row-${a.id}`}>
                      <td className="thumb-cell">{a.thumbnailUrl ? <img className="thumb" src={a.thumbnailUrl} alt="" loading="lazy" /> : <span className="thumb thumb-empty" aria-hidden="true" />}</td>
                      <td>
                        <Link to={`/vendor/assets/${a.id}`}>{a.title}</Link>
                        {!a.currentVersionId && <span className="tag">no file yet</span>}
                        {a.tags.length > 0 && <span className="muted asset-tags"> {a.tags.join(', ')}</span>}
                      </td>
                      <td>{ASSET_TYPE_LABELS[a.type]}</td>
                      <td>
                        <StatusBadge status={a.status} />
                      </td>
                      <td>{formatDate(a.publishAt)}</td>
                      <td>
                        {a.expiresAt ? (
                          <>
                            {formatDate(a.expiresAt)}
                            {a.status === 'expiring' && <span className="muted"> (in {daysUntil(a.expiresAt)} days)</span>}
                          </>
                        ) : (
                          <span className="muted">Never</span>
                        )}
                      </td>
                      <td>{a.successor ? <Link to={`/vendor/assets/${a.successor.id}`}>{a.successor.title}</Link> : <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Assets" />
          </>
        )
      }
    </Async>
  );
}
