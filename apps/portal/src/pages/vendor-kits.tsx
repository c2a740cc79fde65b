import { useMemo, useState } from 'react';
import { api, call } from '../api/client';
import type { Schemas } from '../api/types';
import { useUser } from '../auth';
import { Link } from '../router';
import { Async, EmptyState, formatDate, Pager, StatusBadge, useLoad } from '../ui';
import { ReadOnlyNote, useDebouncedValue } from '../vendor-ui';
import { loadAll } from './catalog';
import { useTitle } from './title';
import { AUTHOR_ROLES } from './vendor-templates-common';

type KitView = Schemas['KitView'];
type KitStatus = KitView['status'];

const PAGE_SIZE = 20;
const STATUSES: KitStatus[] = ['draft', 'published', 'retired'];

/** "1 Nov 2026 – 31 Jan 2027", "from 1 Nov 2026", "always". */
export function windowText(startsAt: string | null, endsAt: string | null): string {
  if (startsAt && endsAt) return `${formatDate(startsAt)} – ${formatDate(endsAt)}`;
  if (startsAt) return `from ${formatDate(startsAt)}`;
  if (endsAt) return `until ${formatDate(endsAt)}`;
  return 'always';
}

/** Every campaign kit, searchable and filtered by status, with its latest version. */
export function VendorKitsPage() {
  useTitle('Kits');
  const user = useUser();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<KitStatus | ''>('');
  const [page, setPage] = useState(1);
  const q = useDebouncedValue(query.trim().toLowerCase());
  const kits = useLoad(() => loadAll((cursor) => call(api.GET('/api/v1/kits', { params: { query: { limit: 100, cursor } } }))), []);
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
        <input
          id="kit-search"
          type="search"
          value={query}
          placeholder="Name, slug or category"
          onChange={(e) => {
            setQuery(e.target.value);
            setPage(1);
          }}
          data-testid="kit-search"
        />
        <label htmlFor="kit-status">Status</label>
        <select
          id="kit-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as KitStatus | '');
            setPage(1);
          }}
        >
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.charAt(0).toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
      </form>
      <Async state={kits}>{(all) => <KitTable all={all} q={q} status={status} page={page} setPage={setPage} />}</Async>
    </section>
  );
}

function KitTable({ all, q, status, page, setPage }: { all: KitView[]; q: string; status: KitStatus | ''; page: number; setPage: (p: number) => void }) {
  const matching = useMemo(
    () => all.filter((k) => (!status || k.status === status) && q.split(/\s+/).every((w) => `${k.version.name} ${k.slug} ${k.category}`.toLowerCase().includes(w))),
    [all, q, status],
  );
  if (all.length === 0) return <EmptyState>No kit yet. Build one from your published templates.</EmptyState>;
  if (matching.length === 0) return <EmptyState>No kit matches these filters.</EmptyState>;
  const shown = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <>
      <p className="muted" role="status">
        {matching.length} {matching.length === 1 ? 'kit' : 'kits'}
        {matching.length !== all.length && ` of ${all.length}`}
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
            {shown.map((k) => (
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
                <td className="num">v{k.version.version}</td>
                <td>{windowText(k.version.startsAt, k.version.endsAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} hasNext={page * PAGE_SIZE < matching.length} onNext={() => setPage(page + 1)} onPrevious={() => setPage(page - 1)} label="Kits" />
    </>
  );
}
