import { api, call } from '../api/client';
import { Link } from '../router';
import { Async, EmptyState, formatDate, loadAll, Pager, StatusBadge, useCursorPager, useLoad } from '../ui';
import { useTitle } from './title';

const PAGE_SIZE = 20;

export function LaunchesPage() {
  useTitle('Launches');
  const pager = useCursorPager();
  const state = useLoad(async () => {
    const [page, kits] = await Promise.all([
      call(api.GET('/api/v1/launches', { params: { query: { limit: PAGE_SIZE, cursor: pager.cursor } } })),
      loadAll((cursor) => call(api.GET('/api/v1/kits', { params: { query: { limit: 100, cursor } } }))),
    ]);
    return { page, names: new Map(kits.map((k) => [k.id, k.version.name])) };
  }, [pager.cursor]);
  return (
    <section className="page">
      <h1>Launches</h1>
      <Async state={state}>
        {({ page, names }) =>
          page.items.length === 0 ? (
            <EmptyState>
              You have not launched a kit yet. <Link to="/catalog">Browse the catalog</Link>
            </EmptyState>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">Your launches</caption>
                  <thead>
                    <tr>
                      <th scope="col">Kit</th>
                      <th scope="col">Status</th>
                      <th scope="col">Launched</th>
                      <th scope="col">Email</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((l) => (
                      <tr key={l.id}>
                        <td>
                          <Link to={`/launches/${l.id}`}>{names.get(l.kitId) ?? 'A retired kit'}</Link> {l.updateAvailable && <span className="badge badge-update">update available</span>}
                        </td>
                        <td>
                          <StatusBadge status={l.status} />
                        </td>
                        <td>{formatDate(l.createdAt)}</td>
                        <td>{l.blastStatus === 'none' ? '—' : `${l.blastStatus} (${l.blastCount})`}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Launches" />
            </>
          )
        }
      </Async>
    </section>
  );
}
