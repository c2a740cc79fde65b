import { useMemo, useState } from 'react';
import { api, call } from '../api/client';
import type { Kit, Launch } from '../api/types';
import { Link } from '../router';
import { Async, EmptyState, formatDate, loadAll, Pager, useLoad } from '../ui';
import { useTitle } from './title';

const PAGE_SIZE = 12;
/** The kits this partner may launch now, searchable, with what it already launched. */
export function CatalogPage() {
  useTitle('Catalog');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const state = useLoad(async () => {
    const [kits, launches] = await Promise.all([
      loadAll((cursor) => call(api.GET('/api/v1/kits', { params: { query: { limit: 100, cursor } } }))),
      loadAll((cursor) => call(api.GET('/api/v1/launches', { params: { query: { limit: 100, cursor } } }))),
    ]);
    return { kits, live: new Map(launches.filter((l) => l.status !== 'ended').map((l) => [l.kitId, l])) };
  }, []);

  return (
    <section className="page">
      <h1>Catalog</h1>
      <p className="lede">Campaign kits you can launch under your own name.</p>
      <div className="toolbar">
        <label htmlFor="catalog-search">Search kits</label>
        <input
          id="catalog-search"
          type="search"
          value={query}
          placeholder="Name, category or objective"
          onChange={(e) => {
            setQuery(e.target.value);
            setPage(1);
          }}
          data-testid="catalog-search"
        />
      </div>
      <Async state={state}>{({ kits, live }) => <KitGrid kits={kits} live={live} query={query} page={page} setPage={setPage} />}</Async>
    </section>
  );
}

function KitGrid({ kits, live, query, page, setPage }: { kits: Kit[]; live: Map<string, Launch>; query: string; page: number; setPage: (p: number) => void }) {
  const matching = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return kits.filter((k) => {
      const text = `${k.version.name} ${k.category} ${k.version.objective} ${k.version.description}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }, [kits, query]);
  if (kits.length === 0) return <EmptyState>No kits are available to you right now. New kits appear here as soon as the vendor publishes them.</EmptyState>;
  if (matching.length === 0) return <EmptyState>No kit matches “{query}”.</EmptyState>;
  const shown = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <>
      <p className="muted" aria-live="polite">
        {matching.length} {matching.length === 1 ? 'kit' : 'kits'}
      </p>
      <ul className="kit-grid">
        {shown.map((kit) => {
          const launch = live.get(kit.id);
          return (
            <li key={kit.id} className="card kit-card" data-testid="kit-card">
              <h2>
                <Link to={`/catalog/${kit.id}`}>{kit.version.name}</Link>
              </h2>
              <p className="muted">{kit.category}</p>
              <p>{kit.version.objective || kit.version.description}</p>
              <p className="muted">
                {kit.version.endsAt ? `Available until ${formatDate(kit.version.endsAt)}` : 'Always available'}
                {kit.version.templates.length > 0 && ` · ${kit.version.templates.length} templates`}
              </p>
              {launch && (
                <p>
                  <span className="badge badge-active">launched</span> <Link to={`/launches/${launch.id}`}>Open your launch</Link>
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <Pager page={page} hasNext={page * PAGE_SIZE < matching.length} onNext={() => setPage(page + 1)} onPrevious={() => setPage(page - 1)} label="Catalog" />
    </>
  );
}
