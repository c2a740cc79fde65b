import { api, call } from '../api/client';
import { useUser } from '../auth';
import { LazyVendorDashboard } from '../dashboard/lazy-charts';
import { Async, EmptyState, formatDate, Pager, StatusBadge, useCursorPager, useLoad } from '../ui';
import { useTitle } from './title';

/** The vendor team's start page: the program dashboard, then the kits and their state. */
export function VendorHomePage() {
  useTitle('Overview');
  const user = useUser();
  const pager = useCursorPager();
  const kits = useLoad(() => call(api.GET('/api/v1/kits', { params: { query: { limit: 20, cursor: pager.cursor } } })), [pager.cursor]);
  return (
    <section className="page">
      <h1>Overview</h1>
      <p className="lede">Signed in as {user.name}. How the partner program is doing, and the campaign kits.</p>
      <LazyVendorDashboard />
      <h2>Campaign kits</h2>
      <Async state={kits}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>No kits yet.</EmptyState>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Kit</th>
                      <th scope="col">Status</th>
                      <th scope="col">Version</th>
                      <th scope="col">Published</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((k) => (
                      <tr key={k.id}>
                        <td>{k.version.name}</td>
                        <td>
                          <StatusBadge status={k.status} />
                        </td>
                        <td>{k.version.version}</td>
                        <td>{formatDate(k.version.publishedAt)}</td>
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
    </section>
  );
}
