import { Component, lazy, Suspense, type ReactNode } from 'react';
import { Loading } from '../ui';

/**
 * The charts and their library load only when a page shows them, so the portal's first download
 * stays small for partners, who never see them.
 */
const VendorDashboard = lazy(() => import('./vendor-dashboard'));
const MdfOverview = lazy(() => import('./mdf-overview'));

/** A chunk that fails to download (a new release, a dropped connection) says so instead of blanking the page. */
class ChunkBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="error-state" role="alert">
        <p>
          <strong>The charts could not be loaded.</strong> Check your connection, then reload the page.
        </p>
        <button type="button" className="button secondary" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}

function Lazy({ children }: { children: ReactNode }) {
  return (
    <ChunkBoundary>
      <Suspense fallback={<Loading label="Loading charts…" />}>{children}</Suspense>
    </ChunkBoundary>
  );
}

export function LazyVendorDashboard() {
  return (
    <Lazy>
      <VendorDashboard />
    </Lazy>
  );
}

export function LazyMdfOverview() {
  return (
    <Lazy>
      <MdfOverview />
    </Lazy>
  );
}
